// Net Promoter Score: classification of one 0-10 answer and a mergeable
// summary of many, with a 95% confidence interval.
//
// The standard definition (Reichheld, 2003): 9-10 promoter, 7-8 passive,
// 0-6 detractor; NPS = %promoters - %detractors over *answers only*. A
// dismissed or unanswered survey is not an answer and never enters n: the
// summary only takes answers 0..10.
//
//   NpsSummary s;
//   TESSERA_RETURN_IF_ERROR(s.add_answer(9));
//   TESSERA_RETURN_IF_ERROR(s.add_answer(3));
//   s.score();                  // 0.0
//   s.confidence_interval_95(); // {low: -100.0, high: 100.0} (n = 2 is tiny)
//   dump_json(s.to_json());     // {"counts":{...},"display":{...},"kind":"nps",...}
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "tessera/common/json.hpp"
#include "tessera/common/status.hpp"

namespace tessera::score {

enum class NpsClass { kDetractor, kPassive, kPromoter };

// kOutOfRange unless 0 <= score <= 10.
Result<NpsClass> classify_nps(std::int64_t score);

// "detractor", "passive", "promoter".
std::string_view nps_class_name(NpsClass c);

// A closed interval of NPS points, within [-100, 100].
struct NpsInterval {
  double low = 0.0;
  double high = 0.0;
};

// Counts per class; summaries of parts merge exactly into the whole.
struct NpsSummary {
  std::int64_t detractors = 0;
  std::int64_t passives = 0;
  std::int64_t promoters = 0;

  void add(NpsClass c);
  // Classifies and counts one answer; kOutOfRange unless 0..10 (the summary
  // is unchanged then).
  Status add_answer(std::int64_t score);
  // kLimitExceeded if a count would pass kMaxCount; unchanged then.
  Status merge(const NpsSummary& other);

  std::int64_t n() const { return detractors + passives + promoters; }
  // -100..100; 0 when n() == 0 (to_json writes null then).
  double score() const;
  // Shares of answers in percent, 0..100; 0 when n() == 0.
  double promoters_pct() const;
  double passives_pct() const;
  double detractors_pct() const;
  // Wald 95% interval of the score from the standard error of the
  // promoter-minus-detractor difference (formula in nps.cpp), clamped to
  // [-100, 100]. None when n() == 0.
  std::optional<NpsInterval> confidence_interval_95() const;

  // {"v":1,"kind":"nps","counts":{"detractors","passives","promoters"},"n",
  //  "display":{"score","promotersPct","passivesPct","detractorsPct","ci95"}}
  Json to_json() const;
  // Reads the counts (and checks "n" if present); "display" is ignored.
  // Errors carry JSON pointers below `path`.
  static Result<NpsSummary> from_json(const Json& json, const std::string& path = "");

  friend bool operator==(const NpsSummary& a, const NpsSummary& b) {
    return a.detractors == b.detractors && a.passives == b.passives && a.promoters == b.promoters;
  }
  friend bool operator!=(const NpsSummary& a, const NpsSummary& b) { return !(a == b); }
};

}  // namespace tessera::score
