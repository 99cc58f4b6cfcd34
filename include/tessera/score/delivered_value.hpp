// Customer delivered value (Kotler): what a customer gets minus, and over,
// what it costs them, from integer ratings, as a mergeable summary.
//
//   total customer value = product + service + personnel + image value
//   total customer cost  = monetary + time + energy (effort) + psychic cost
//   delivered value      = value - cost   (difference)
//                          value / cost   (ratio)
//
// All eight components are rated on one integer scale (DeliveredValueScale,
// e.g. 1..7 or 0..10) so that value and cost are in the same units; a money
// amount must be mapped onto that scale by the survey, never mixed in raw.
// Aggregates: mean of differences (the headline), ratio of sums and mean of
// ratios; docs/scoring.md says why the ratio of sums is the reported ratio.
//
//   DeliveredValueSummary s;  // components rated 1..7
//   DeliveredValueResponse r{{6, 5, 5, 4}, {3, 2, 2, 1}};
//   TESSERA_RETURN_IF_ERROR(s.add(r));
//   s.mean_difference();  // 12.0 (value 20 - cost 8)
//   s.ratio_of_sums();    // 2.5
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "tessera/common/json.hpp"
#include "tessera/common/status.hpp"

namespace tessera::score {

struct DeliveredValueScale {
  std::int64_t low = 1;   // 0..10
  std::int64_t high = 7;  // low + 1 .. low + 10
};

// In this order in the arrays below.
enum class ValueComponent { kProduct, kService, kPersonnel, kImage };
enum class CostComponent { kMonetary, kTime, kEnergy, kPsychic };

struct DeliveredValueResponse {
  std::array<std::int64_t, 4> value{};  // by ValueComponent
  std::array<std::int64_t, 4> cost{};   // by CostComponent
};

// {"value":{"product","service","personnel","image"},
//  "cost":{"monetary","time","energy","psychic"}}, each an integer in scale.
Result<DeliveredValueResponse> delivered_value_response_from_json(const Json& json,
                                                                  const DeliveredValueScale& scale,
                                                                  const std::string& path = "");

// One respondent's result.
struct DeliveredValue {
  std::int64_t total_value = 0;
  std::int64_t total_cost = 0;
  std::int64_t difference = 0;  // total_value - total_cost
  std::optional<double> ratio;  // total_value / total_cost; none if the cost is 0
};

// kOutOfRange naming "/value/<name>" or "/cost/<name>" for a rating outside
// the scale.
Result<DeliveredValue> evaluate_delivered_value(const DeliveredValueResponse& response,
                                                const DeliveredValueScale& scale);

class DeliveredValueSummary {
 public:
  DeliveredValueSummary() = default;  // 1..7
  // kOutOfRange for a scale outside DeliveredValueScale's ranges.
  static Result<DeliveredValueSummary> create(const DeliveredValueScale& scale);

  const DeliveredValueScale& scale() const { return scale_; }
  Status add(const DeliveredValueResponse& response);
  // kFailedPrecondition if the scales differ.
  Status merge(const DeliveredValueSummary& other);

  std::int64_t n() const { return n_; }
  std::optional<double> mean_value(ValueComponent c) const;
  std::optional<double> mean_cost(CostComponent c) const;
  std::optional<double> mean_total_value() const;
  std::optional<double> mean_total_cost() const;
  // Mean over respondents of (value - cost); equals the difference of means.
  std::optional<double> mean_difference() const;
  // Sum of values / sum of costs; none if every cost is 0.
  std::optional<double> ratio_of_sums() const;
  // Mean over respondents whose cost is > 0 of value / cost.
  std::optional<double> mean_of_ratios() const;
  // Respondents left out of mean_of_ratios (cost 0; only if scale.low is 0).
  std::int64_t zero_cost_respondents() const;

  // {"v":1,"kind":"deliveredValue","low","high","n","valueSums":{...},
  //  "costSums":{...},"totals":[[value, cost, respondents], ...] (ascending),
  //  "display":{"meanValue":{...},"meanCost":{...},"meanTotalValue",
  //  "meanTotalCost","meanDifference","ratioOfSums","meanOfRatios",
  //  "zeroCostRespondents"}}
  Json to_json() const;
  static Result<DeliveredValueSummary> from_json(const Json& json, const std::string& path = "");

  friend bool operator==(const DeliveredValueSummary& a, const DeliveredValueSummary& b) {
    return a.scale_.low == b.scale_.low && a.scale_.high == b.scale_.high && a.n_ == b.n_ &&
           a.value_sums_ == b.value_sums_ && a.cost_sums_ == b.cost_sums_ && a.totals_ == b.totals_;
  }

 private:
  DeliveredValueScale scale_;
  std::int64_t n_ = 0;
  std::array<std::int64_t, 4> value_sums_{};
  std::array<std::int64_t, 4> cost_sums_{};
  // Respondents per (total value, total cost). Totals take at most 41 values
  // each, so this stays small, and it makes the mean of ratios exactly
  // mergeable: a sum of fractions is not, but counts of each fraction are.
  std::map<std::pair<std::int64_t, std::int64_t>, std::int64_t> totals_;
};

}  // namespace tessera::score
