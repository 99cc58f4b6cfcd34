// SERVQUAL (Parasuraman, Zeithaml & Berry 1988): service quality as the gap
// between what customers expect (E) and what they perceive (P), over five
// dimensions, as a mergeable summary.
//
// Each item is answered twice on a 1..7 scale: E ("an excellent company
// would...") and P ("this company..."). Per dimension the summary gives mean
// E, mean P and the gap P - E (negative = the service falls short). Overall
// it gives the unweighted gap (mean of the five dimension gaps) and the
// importance-weighted gap: respondents split 100 points over the five
// dimensions, the summary averages those points per dimension, and weighs
// each dimension gap by its mean points / 100. docs/scoring.md explains both.
//
//   ServqualResponse r;
//   r.items.push_back({ServqualDimension::kReliability, /*expectation=*/7, /*perception=*/5});
//   r.weights = ServqualWeights{{20, 30, 20, 15, 15}};
//   ServqualSummary s;
//   TESSERA_RETURN_IF_ERROR(s.add(r));
//   s.gap(ServqualDimension::kReliability);  // -2.0
//   s.unweighted_gap();                      // none: four dimensions have no answers
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tessera/common/json.hpp"
#include "tessera/common/status.hpp"

namespace tessera::score {

// In the order of the 1988 paper's scale; the order of arrays below.
enum class ServqualDimension { kTangibles, kReliability, kResponsiveness, kAssurance, kEmpathy };
inline constexpr std::size_t kServqualDimensionCount = 5;

// "tangibles", "reliability", "responsiveness", "assurance", "empathy".
std::string_view servqual_dimension_name(ServqualDimension d);
// kInvalidValue for any other name.
Result<ServqualDimension> parse_servqual_dimension(std::string_view name,
                                                   const std::string& path = "");

struct ServqualItem {
  ServqualDimension dimension = ServqualDimension::kTangibles;
  std::int64_t expectation = 0;  // E, 1..7
  std::int64_t perception = 0;   // P, 1..7
};

// Importance points per dimension, in ServqualDimension order, each 0..100,
// summing to 100.
struct ServqualWeights {
  std::array<std::int64_t, kServqualDimensionCount> points{};
};

// One respondent's answers: at least one item; weights only if asked.
struct ServqualResponse {
  std::vector<ServqualItem> items;
  std::optional<ServqualWeights> weights;
};

// {"items":[{"dimension":"reliability","expectation":7,"perception":5}, ...],
//  "weights":{"tangibles":20,"reliability":30,...}} (weights optional; all
// five names required when present). At most 200 items.
Result<ServqualResponse> servqual_response_from_json(const Json& json,
                                                     const std::string& path = "");

// The exact state kept per dimension.
struct ServqualDimensionTotals {
  std::int64_t items = 0;  // answered items, over all respondents
  std::int64_t expectation_sum = 0;
  std::int64_t perception_sum = 0;
  std::int64_t weight_sum = 0;  // importance points, over weighted respondents

  friend bool operator==(const ServqualDimensionTotals& a, const ServqualDimensionTotals& b) {
    return a.items == b.items && a.expectation_sum == b.expectation_sum &&
           a.perception_sum == b.perception_sum && a.weight_sum == b.weight_sum;
  }
};

class ServqualSummary {
 public:
  // Errors name the field below a ServqualResponse's JSON shape:
  // kInvalidValue "/items" (no items), kOutOfRange "/items/3/perception",
  // kInvalidValue "/weights" (not summing to 100), kOutOfRange
  // "/weights/empathy"; kLimitExceeded past kMaxCount. Unchanged on error.
  Status add(const ServqualResponse& response);
  Status merge(const ServqualSummary& other);

  std::int64_t respondents() const { return respondents_; }
  std::int64_t n() const { return respondents_; }  // as every summary has
  // Respondents who gave importance weights.
  std::int64_t weighted_respondents() const { return weighted_respondents_; }
  const ServqualDimensionTotals& totals(ServqualDimension d) const;

  // None when the dimension has no answered items.
  std::optional<double> mean_expectation(ServqualDimension d) const;
  std::optional<double> mean_perception(ServqualDimension d) const;
  std::optional<double> gap(ServqualDimension d) const;  // mean P - mean E
  // Mean importance points (0..100); none without weighted respondents.
  std::optional<double> mean_weight(ServqualDimension d) const;
  // Mean of the five dimension gaps; none unless all five have items.
  std::optional<double> unweighted_gap() const;
  // Sum of gap(d) * mean_weight(d) / 100; none unless all five dimensions
  // have items and someone gave weights.
  std::optional<double> weighted_gap() const;

  // {"v":1,"kind":"servqual","respondents","weightedRespondents",
  //  "dimensions":{"<name>":{"items","expectationSum","perceptionSum","weightSum"}},
  //  "display":{"dimensions":{"<name>":{"meanExpectation","meanPerception","gap",
  //  "meanWeight"}},"unweightedGap","weightedGap"}}
  Json to_json() const;
  // Also checks the invariants add() keeps (sums within 1..7 per item,
  // weights summing to 100 per weighted respondent).
  static Result<ServqualSummary> from_json(const Json& json, const std::string& path = "");

  friend bool operator==(const ServqualSummary& a, const ServqualSummary& b) {
    return a.respondents_ == b.respondents_ && a.weighted_respondents_ == b.weighted_respondents_ &&
           a.dimensions_ == b.dimensions_;
  }

 private:
  std::int64_t respondents_ = 0;
  std::int64_t weighted_respondents_ = 0;
  std::array<ServqualDimensionTotals, kServqualDimensionCount> dimensions_{};
};

}  // namespace tessera::score
