// NPS classification and summary; see tessera/score/nps.hpp.
#include "tessera/score/nps.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "tessera/score/summary.hpp"

namespace tessera::score {
namespace {

// Two-sided 95% quantile of the standard normal distribution.
constexpr double kZ95 = 1.96;

double pct(std::int64_t part, std::int64_t n) {
  if (n == 0) return 0.0;
  return 100.0 * static_cast<double>(part) / static_cast<double>(n);
}

}  // namespace

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

Status NpsSummary::add_answer(std::int64_t score) {
  TESSERA_ASSIGN_OR_RETURN(NpsClass c, classify_nps(score));
  if (n() >= kMaxCount) return Status(Code::kLimitExceeded, "NPS answer count at 2^53-1");
  add(c);
  return Status::Ok();
}

Status NpsSummary::merge(const NpsSummary& other) {
  // n() bounds every single count, so checking the total suffices.
  std::int64_t total = n();
  TESSERA_RETURN_IF_ERROR(add_checked(total, other.n(), "NPS answer count"));
  detractors += other.detractors;
  passives += other.passives;
  promoters += other.promoters;
  return Status::Ok();
}

double NpsSummary::score() const { return pct(promoters - detractors, n()); }
double NpsSummary::promoters_pct() const { return pct(promoters, n()); }
double NpsSummary::passives_pct() const { return pct(passives, n()); }
double NpsSummary::detractors_pct() const { return pct(detractors, n()); }

std::optional<NpsInterval> NpsSummary::confidence_interval_95() const {
  if (n() == 0) return std::nullopt;
  // Each answer is one multinomial draw, so with p = P/n and d = D/n
  //   Var(p) = p(1-p)/n, Var(d) = d(1-d)/n, Cov(p, d) = -p*d/n
  // and Var(p - d) = (p(1-p) + d(1-d) + 2pd)/n = (p + d - (p-d)^2)/n.
  // (multinomial covariance, e.g. Agresti, Categorical Data Analysis). The
  // Wald interval is (p - d) +- z * sqrt(Var), scaled to points: the usual
  // NPS margin of error. It is too narrow for small n or near-unanimous
  // samples (all promoters gives a zero-width interval); docs/scoring.md.
  const double count = static_cast<double>(n());
  const double p = static_cast<double>(promoters) / count;
  const double d = static_cast<double>(detractors) / count;
  const double diff = p - d;
  // p + d >= |p - d| >= (p - d)^2 in exact arithmetic; clamp the rounding.
  const double variance = std::max(0.0, (p + d - diff * diff) / count);
  const double half_width = kZ95 * std::sqrt(variance);
  NpsInterval ci;
  ci.low = std::clamp(100.0 * (diff - half_width), -100.0, 100.0);
  ci.high = std::clamp(100.0 * (diff + half_width), -100.0, 100.0);
  return ci;
}

Json NpsSummary::to_json() const {
  Json out = summary_envelope("nps");
  out["counts"] =
      Json{{"detractors", detractors}, {"passives", passives}, {"promoters", promoters}};
  out["n"] = n();
  Json display = Json::object();
  // A share of no answers does not exist; 0 would look like a real result.
  const bool any = n() > 0;
  auto shown = [any](double x) { return any ? display_number(x) : Json(nullptr); };
  display["score"] = shown(score());
  display["promotersPct"] = shown(promoters_pct());
  display["passivesPct"] = shown(passives_pct());
  display["detractorsPct"] = shown(detractors_pct());
  auto ci = confidence_interval_95();
  display["ci95"] = ci ? Json{{"low", display_number(ci->low)}, {"high", display_number(ci->high)}}
                       : Json(nullptr);
  out["display"] = std::move(display);
  return out;
}

Result<NpsSummary> NpsSummary::from_json(const Json& json, const std::string& path) {
  TESSERA_RETURN_IF_ERROR(expect_object(json, path));
  FieldReader r(json, path);
  TESSERA_RETURN_IF_ERROR(r.reject_unknown({"v", "kind", "counts", "n", "display"}));
  TESSERA_RETURN_IF_ERROR(check_envelope(r, "nps"));
  const Json* counts = r.find("counts");
  if (counts == nullptr) {
    return Status(Code::kMissingField, "required field is missing", r.path_of("counts"));
  }
  TESSERA_RETURN_IF_ERROR(expect_object(*counts, r.path_of("counts")));
  FieldReader c(*counts, r.path_of("counts"));
  TESSERA_RETURN_IF_ERROR(c.reject_unknown({"detractors", "passives", "promoters"}));
  NpsSummary s;
  TESSERA_ASSIGN_OR_RETURN(s.detractors, c.required_int("detractors", 0, kMaxCount));
  TESSERA_ASSIGN_OR_RETURN(s.passives, c.required_int("passives", 0, kMaxCount));
  TESSERA_ASSIGN_OR_RETURN(s.promoters, c.required_int("promoters", 0, kMaxCount));
  std::int64_t total = s.detractors;
  TESSERA_RETURN_IF_ERROR(add_checked(total, s.passives, "NPS answer count"));
  TESSERA_RETURN_IF_ERROR(add_checked(total, s.promoters, "NPS answer count"));
  if (const Json* n = r.find("n")) {
    TESSERA_ASSIGN_OR_RETURN(std::int64_t stated, read_count(*n, r.path_of("n")));
    if (stated != total) {
      return Status(
          Code::kInvalidValue,
          "n is " + std::to_string(stated) + " but the counts add up to " + std::to_string(total),
          r.path_of("n"));
    }
  }
  return s;
}

}  // namespace tessera::score
