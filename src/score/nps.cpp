// NPS classification and summary; see tessera/score/nps.hpp.
#include "tessera/score/nps.hpp"

#include <string>

namespace tessera::score {

Result<NpsClass> classify_nps(std::int64_t score) {
  if (score < 0 || score > 10) {
    return Status(Code::kOutOfRange,
                  "an NPS answer is an integer from 0 to 10, got " + std::to_string(score));
  }
  if (score >= 9) return NpsClass::kPromoter;
  if (score >= 7) return NpsClass::kPassive;
  return NpsClass::kDetractor;
}

std::string_view nps_class_name(NpsClass c) {
  switch (c) {
    case NpsClass::kDetractor:
      return "detractor";
    case NpsClass::kPassive:
      return "passive";
    case NpsClass::kPromoter:
      return "promoter";
  }
  return "detractor";
}

void NpsSummary::add(NpsClass c) {
  switch (c) {
    case NpsClass::kDetractor:
      ++detractors;
      break;
    case NpsClass::kPassive:
      ++passives;
      break;
    case NpsClass::kPromoter:
      ++promoters;
      break;
  }
}

void NpsSummary::merge(const NpsSummary& other) {
  detractors += other.detractors;
  passives += other.passives;
  promoters += other.promoters;
}

double NpsSummary::score() const {
  if (n() == 0) return 0.0;
  return 100.0 * static_cast<double>(promoters - detractors) / static_cast<double>(n());
}

}  // namespace tessera::score
