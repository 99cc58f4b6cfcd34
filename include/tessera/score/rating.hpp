// Rating-scale instruments: CSAT and CES as mergeable summaries, both built
// on RatingDistribution (a count per point of an integer scale).
//
// CSAT ("How satisfied were you...?", 1-5 by default, 2 to 11 points): mean,
// top-2-box share (the two highest points), distribution, n.
// CES ("The company made it easy for me to handle my issue", Gartner's CES
// 2.0 agreement item, 1-7 by default or 1-5; higher = easier): mean,
// distribution, n and the share of "easy" answers, every point above the
// midpoint (5-7 of 7, 4-5 of 5).
//
//   TESSERA_ASSIGN_OR_RETURN(CsatSummary csat, CsatSummary::create({/*low=*/1, /*points=*/5}));
//   TESSERA_RETURN_IF_ERROR(csat.add(4));
//   TESSERA_RETURN_IF_ERROR(csat.add(2));
//   csat.mean();          // 3.0
//   csat.top2_box_pct();  // 50.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tessera/common/json.hpp"
#include "tessera/common/status.hpp"

namespace tessera::score {

// Counts of the answers low..high, one per point. Merges exactly.
class RatingDistribution {
 public:
  RatingDistribution() : RatingDistribution(1, 5) {}
  // kOutOfRange unless -100 <= low <= 100 and the scale has 2..11 points.
  static Result<RatingDistribution> create(std::int64_t low, std::int64_t high);

  std::int64_t low() const { return low_; }
  std::int64_t high() const { return low_ + static_cast<std::int64_t>(counts_.size()) - 1; }
  // Index 0 counts answer low().
  const std::vector<std::int64_t>& counts() const { return counts_; }

  // kOutOfRange outside low..high, kLimitExceeded past kMaxCount answers;
  // unchanged on error.
  Status add(std::int64_t answer);
  // kFailedPrecondition if the scales differ; kLimitExceeded as above.
  Status merge(const RatingDistribution& other);

  std::int64_t n() const;
  // Sum of all answers (exact: |answer| <= 100 and n <= 2^53).
  std::int64_t sum() const;
  // Answers from `from` to `to` inclusive (clipped to the scale).
  std::int64_t count_between(std::int64_t from, std::int64_t to) const;
  // None when n() == 0.
  std::optional<double> mean() const;
  std::optional<double> pct_between(std::int64_t from, std::int64_t to) const;

  // Adds "low", "high", "counts" and "n" to `out`.
  void write_json(Json& out) const;
  // Reads those fields of the object `reader` reads.
  static Result<RatingDistribution> read_json(const FieldReader& reader);

  friend bool operator==(const RatingDistribution& a, const RatingDistribution& b) {
    return a.low_ == b.low_ && a.counts_ == b.counts_;
  }

 private:
  RatingDistribution(std::int64_t low, std::int64_t high)
      : low_(low), counts_(static_cast<std::size_t>(high - low + 1), 0) {}

  std::int64_t low_;
  std::vector<std::int64_t> counts_;
};

struct CsatScale {
  std::int64_t low = 1;     // 0 or 1: the least satisfied answer
  std::int64_t points = 5;  // 2..11 points, low .. low + points - 1
};

class CsatSummary {
 public:
  CsatSummary() = default;  // 1..5
  // kOutOfRange for a scale outside CsatScale's ranges.
  static Result<CsatSummary> create(const CsatScale& scale);

  Status add(std::int64_t answer);
  Status merge(const CsatSummary& other);

  const RatingDistribution& distribution() const { return distribution_; }
  std::int64_t n() const { return distribution_.n(); }
  std::optional<double> mean() const { return distribution_.mean(); }
  // Answers on the two highest points. On a 2-point scale that is every
  // answer, so prefer 3 or more points when top-2-box is the headline.
  std::int64_t top2_box_count() const;
  // Percent of answers, 0..100; none when n() == 0.
  std::optional<double> top2_box_pct() const;

  // {"v":1,"kind":"csat","low","high","counts","n",
  //  "display":{"mean","top2BoxPct","distributionPct"}}
  Json to_json() const;
  static Result<CsatSummary> from_json(const Json& json, const std::string& path = "");

  friend bool operator==(const CsatSummary& a, const CsatSummary& b) {
    return a.distribution_ == b.distribution_;
  }

 private:
  RatingDistribution distribution_;
};

class CesSummary {
 public:
  CesSummary();  // 1..7 (CES 2.0)
  // kOutOfRange unless points is 5 or 7.
  static Result<CesSummary> create(std::int64_t points);

  // A CES answer, 1..points, higher = easier. For a scale asked the other
  // way round (CES 1.0's "how much effort", 1 = very low effort), add
  // points + 1 - answer.
  Status add(std::int64_t answer);
  Status merge(const CesSummary& other);

  const RatingDistribution& distribution() const { return distribution_; }
  std::int64_t n() const { return distribution_.n(); }
  std::optional<double> mean() const { return distribution_.mean(); }
  // The lowest "easy" answer: the first point above the midpoint, 5 of 7 or
  // 4 of 5 (the "agree" side of the CES 2.0 agreement scale).
  std::int64_t easy_from() const;
  std::int64_t easy_count() const;
  std::optional<double> easy_pct() const;

  // {"v":1,"kind":"ces","low","high","counts","n",
  //  "display":{"mean","easyFrom","easyPct","distributionPct"}}
  Json to_json() const;
  static Result<CesSummary> from_json(const Json& json, const std::string& path = "");

  friend bool operator==(const CesSummary& a, const CesSummary& b) {
    return a.distribution_ == b.distribution_;
  }

 private:
  explicit CesSummary(RatingDistribution d) : distribution_(std::move(d)) {}
  RatingDistribution distribution_;
};

}  // namespace tessera::score
