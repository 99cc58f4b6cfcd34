// Net Promoter Score: classification of one 0-10 answer and a mergeable
// summary of many.
//
// The standard definition (Reichheld, 2003): 9-10 promoter, 7-8 passive,
// 0-6 detractor; NPS = %promoters - %detractors over *answers only*. A
// dismissed or unanswered survey is not an answer and never enters n.
//
//   NpsSummary s;
//   s.add(*classify_nps(9));
//   s.add(*classify_nps(3));
//   s.score();  // 0.0
#pragma once

#include <cstdint>
#include <string_view>

#include "tessera/common/status.hpp"

namespace tessera::score {

enum class NpsClass { kDetractor, kPassive, kPromoter };

// kOutOfRange unless 0 <= score <= 10.
Result<NpsClass> classify_nps(std::int64_t score);

// "detractor", "passive", "promoter".
std::string_view nps_class_name(NpsClass c);

// Counts per class; summaries of parts merge exactly into the whole.
struct NpsSummary {
  std::int64_t detractors = 0;
  std::int64_t passives = 0;
  std::int64_t promoters = 0;

  void add(NpsClass c);
  void merge(const NpsSummary& other);
  std::int64_t n() const { return detractors + passives + promoters; }
  // -100..100; 0 when n() == 0.
  double score() const;
};

}  // namespace tessera::score
