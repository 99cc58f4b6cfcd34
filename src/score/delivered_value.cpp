// Customer delivered value; see tessera/score/delivered_value.hpp.
#include "tessera/score/delivered_value.hpp"

#include <string>
#include <string_view>

#include "tessera/score/summary.hpp"

namespace tessera::score {
namespace {

constexpr std::array<std::string_view, 4> kValueNames = {"product", "service", "personnel",
                                                         "image"};
constexpr std::array<std::string_view, 4> kCostNames = {"monetary", "time", "energy", "psychic"};
constexpr std::int64_t kMaxLow = 10;
constexpr std::int64_t kMaxPoints = 11;
constexpr std::int64_t kComponents = 4;  // per side

Status check_scale(const DeliveredValueScale& s, const std::string& path) {
  if (s.low < 0 || s.low > kMaxLow || s.high <= s.low || s.high - s.low + 1 > kMaxPoints) {
    return Status(Code::kOutOfRange,
                  "a component scale starts at 0..10 and has 2 to 11 points, got " +
                      std::to_string(s.low) + ".." + std::to_string(s.high),
                  path);
  }
  return Status::Ok();
}

std::int64_t total(const std::array<std::int64_t, 4>& parts) {
  return parts[0] + parts[1] + parts[2] + parts[3];
}

std::optional<double> ratio(std::int64_t num, std::int64_t den) {
  if (den == 0) return std::nullopt;
  return static_cast<double>(num) / static_cast<double>(den);
}

Json named(const std::array<std::string_view, 4>& names, const std::array<std::int64_t, 4>& v) {
  Json out = Json::object();
  for (std::size_t i = 0; i < names.size(); ++i) out[std::string(names[i])] = v[i];
  return out;
}

Result<std::array<std::int64_t, 4>> read_named(const FieldReader& parent, std::string_view key,
                                               const std::array<std::string_view, 4>& names,
                                               std::int64_t min, std::int64_t max) {
  const Json* obj = parent.find(key);
  if (obj == nullptr) {
    return Status(Code::kMissingField, "required field is missing", parent.path_of(key));
  }
  TESSERA_RETURN_IF_ERROR(expect_object(*obj, parent.path_of(key)));
  FieldReader r(*obj, parent.path_of(key));
  TESSERA_RETURN_IF_ERROR(r.reject_unknown({names[0], names[1], names[2], names[3]}));
  std::array<std::int64_t, 4> out{};
  for (std::size_t i = 0; i < names.size(); ++i) {
    TESSERA_ASSIGN_OR_RETURN(out[i], r.required_int(names[i], min, max));
  }
  return out;
}

}  // namespace

Result<DeliveredValueResponse> delivered_value_response_from_json(const Json& json,
                                                                  const DeliveredValueScale& scale,
                                                                  const std::string& path) {
  TESSERA_RETURN_IF_ERROR(check_scale(scale, ""));
  TESSERA_RETURN_IF_ERROR(expect_object(json, path));
  FieldReader r(json, path);
  TESSERA_RETURN_IF_ERROR(r.reject_unknown({"value", "cost"}));
  DeliveredValueResponse out;
  TESSERA_ASSIGN_OR_RETURN(out.value, read_named(r, "value", kValueNames, scale.low, scale.high));
  TESSERA_ASSIGN_OR_RETURN(out.cost, read_named(r, "cost", kCostNames, scale.low, scale.high));
  return out;
}

Result<DeliveredValue> evaluate_delivered_value(const DeliveredValueResponse& response,
                                                const DeliveredValueScale& scale) {
  TESSERA_RETURN_IF_ERROR(check_scale(scale, ""));
  for (std::size_t i = 0; i < kValueNames.size(); ++i) {
    for (bool is_cost : {false, true}) {
      std::int64_t v = is_cost ? response.cost[i] : response.value[i];
      if (v < scale.low || v > scale.high) {
        std::string path =
            is_cost ? pointer_join("/cost", kCostNames[i]) : pointer_join("/value", kValueNames[i]);
        return Status(Code::kOutOfRange,
                      "expected a rating from " + std::to_string(scale.low) + " to " +
                          std::to_string(scale.high) + ", got " + std::to_string(v),
                      path);
      }
    }
  }
  DeliveredValue out;
  out.total_value = total(response.value);
  out.total_cost = total(response.cost);
  out.difference = out.total_value - out.total_cost;
  out.ratio = ratio(out.total_value, out.total_cost);
  return out;
}

Result<DeliveredValueSummary> DeliveredValueSummary::create(const DeliveredValueScale& scale) {
  TESSERA_RETURN_IF_ERROR(check_scale(scale, ""));
  DeliveredValueSummary s;
  s.scale_ = scale;
  return s;
}

Status DeliveredValueSummary::add(const DeliveredValueResponse& response) {
  TESSERA_ASSIGN_OR_RETURN(DeliveredValue dv, evaluate_delivered_value(response, scale_));
  DeliveredValueSummary next = *this;
  TESSERA_RETURN_IF_ERROR(add_checked(next.n_, 1, "respondents"));
  for (std::size_t i = 0; i < 4; ++i) {
    TESSERA_RETURN_IF_ERROR(add_checked(next.value_sums_[i], response.value[i], "value sums"));
    TESSERA_RETURN_IF_ERROR(add_checked(next.cost_sums_[i], response.cost[i], "cost sums"));
  }
  ++next.totals_[{dv.total_value, dv.total_cost}];  // bounded by n_
  *this = std::move(next);
  return Status::Ok();
}

Status DeliveredValueSummary::merge(const DeliveredValueSummary& other) {
  if (scale_.low != other.scale_.low || scale_.high != other.scale_.high) {
    return Status(Code::kFailedPrecondition,
                  "cannot merge delivered value summaries rated on different scales");
  }
  DeliveredValueSummary next = *this;
  TESSERA_RETURN_IF_ERROR(add_checked(next.n_, other.n_, "respondents"));
  for (std::size_t i = 0; i < 4; ++i) {
    TESSERA_RETURN_IF_ERROR(add_checked(next.value_sums_[i], other.value_sums_[i], "value sums"));
    TESSERA_RETURN_IF_ERROR(add_checked(next.cost_sums_[i], other.cost_sums_[i], "cost sums"));
  }
  for (const auto& [key, count] : other.totals_) next.totals_[key] += count;
  *this = std::move(next);
  return Status::Ok();
}

std::optional<double> DeliveredValueSummary::mean_value(ValueComponent c) const {
  return ratio(value_sums_[static_cast<std::size_t>(c)], n_);
}

std::optional<double> DeliveredValueSummary::mean_cost(CostComponent c) const {
  return ratio(cost_sums_[static_cast<std::size_t>(c)], n_);
}

std::optional<double> DeliveredValueSummary::mean_total_value() const {
  return ratio(total(value_sums_), n_);
}

std::optional<double> DeliveredValueSummary::mean_total_cost() const {
  return ratio(total(cost_sums_), n_);
}

std::optional<double> DeliveredValueSummary::mean_difference() const {
  // The mean of differences is the difference of the sums over n: exact.
  return ratio(total(value_sums_) - total(cost_sums_), n_);
}

std::optional<double> DeliveredValueSummary::ratio_of_sums() const {
  return ratio(total(value_sums_), total(cost_sums_));
}

std::optional<double> DeliveredValueSummary::mean_of_ratios() const {
  // Summed in the map's ascending (value, cost) order, so equal summaries
  // give equal bits however they were assembled.
  double sum = 0.0;
  std::int64_t counted = 0;
  for (const auto& [key, count] : totals_) {
    if (key.second == 0) continue;
    sum += static_cast<double>(count) * static_cast<double>(key.first) /
           static_cast<double>(key.second);
    counted += count;
  }
  if (counted == 0) return std::nullopt;
  return sum / static_cast<double>(counted);
}

std::int64_t DeliveredValueSummary::zero_cost_respondents() const {
  std::int64_t zero = 0;
  for (const auto& [key, count] : totals_) {
    if (key.second == 0) zero += count;
  }
  return zero;
}

Json DeliveredValueSummary::to_json() const {
  Json out = summary_envelope("deliveredValue");
  out["low"] = scale_.low;
  out["high"] = scale_.high;
  out["n"] = n_;
  out["valueSums"] = named(kValueNames, value_sums_);
  out["costSums"] = named(kCostNames, cost_sums_);
  Json totals = Json::array();
  for (const auto& [key, count] : totals_) totals.push_back(Json{key.first, key.second, count});
  out["totals"] = std::move(totals);
  Json mean_value_json = Json::object();
  Json mean_cost_json = Json::object();
  for (std::size_t i = 0; i < 4; ++i) {
    mean_value_json[std::string(kValueNames[i])] = display_number(ratio(value_sums_[i], n_));
    mean_cost_json[std::string(kCostNames[i])] = display_number(ratio(cost_sums_[i], n_));
  }
  out["display"] = Json{{"meanValue", std::move(mean_value_json)},
                        {"meanCost", std::move(mean_cost_json)},
                        {"meanTotalValue", display_number(mean_total_value())},
                        {"meanTotalCost", display_number(mean_total_cost())},
                        {"meanDifference", display_number(mean_difference())},
                        {"ratioOfSums", display_number(ratio_of_sums())},
                        {"meanOfRatios", display_number(mean_of_ratios())},
                        {"zeroCostRespondents", zero_cost_respondents()}};
  return out;
}

Result<DeliveredValueSummary> DeliveredValueSummary::from_json(const Json& json,
                                                               const std::string& path) {
  TESSERA_RETURN_IF_ERROR(expect_object(json, path));
  FieldReader r(json, path);
  TESSERA_RETURN_IF_ERROR(r.reject_unknown(
      {"v", "kind", "low", "high", "n", "valueSums", "costSums", "totals", "display"}));
  TESSERA_RETURN_IF_ERROR(check_envelope(r, "deliveredValue"));
  DeliveredValueSummary s;
  TESSERA_ASSIGN_OR_RETURN(s.scale_.low, r.required_int("low", 0, kMaxLow));
  TESSERA_ASSIGN_OR_RETURN(s.scale_.high, r.required_int("high", 0, kMaxLow + kMaxPoints));
  TESSERA_RETURN_IF_ERROR(check_scale(s.scale_, r.path_of("high")));
  TESSERA_ASSIGN_OR_RETURN(s.n_, r.required_int("n", 0, kMaxCount));
  TESSERA_ASSIGN_OR_RETURN(s.value_sums_, read_named(r, "valueSums", kValueNames, 0, kMaxCount));
  TESSERA_ASSIGN_OR_RETURN(s.cost_sums_, read_named(r, "costSums", kCostNames, 0, kMaxCount));
  // Each respondent adds low..high to every component sum.
  const std::int64_t least = s.n_ * s.scale_.low;
  const std::int64_t most = s.n_ * s.scale_.high;
  for (std::size_t i = 0; i < 4; ++i) {
    if (s.value_sums_[i] < least || s.value_sums_[i] > most) {
      return Status(Code::kInvalidValue, "a component sum outside n * low .. n * high",
                    pointer_join(r.path_of("valueSums"), kValueNames[i]));
    }
    if (s.cost_sums_[i] < least || s.cost_sums_[i] > most) {
      return Status(Code::kInvalidValue, "a component sum outside n * low .. n * high",
                    pointer_join(r.path_of("costSums"), kCostNames[i]));
    }
  }
  const Json* totals = r.find("totals");
  if (totals == nullptr) {
    return Status(Code::kMissingField, "required field is missing", r.path_of("totals"));
  }
  const std::int64_t span = kComponents * (s.scale_.high - s.scale_.low) + 1;
  TESSERA_RETURN_IF_ERROR(
      expect_array(*totals, r.path_of("totals"), 0, static_cast<std::size_t>(span * span)));
  std::int64_t respondents = 0;
  std::int64_t value_total = 0;
  std::int64_t cost_total = 0;
  for (std::size_t i = 0; i < totals->size(); ++i) {
    const std::string entry_path = pointer_join(r.path_of("totals"), i);
    const Json& entry = (*totals)[i];
    TESSERA_RETURN_IF_ERROR(expect_array(entry, entry_path, 3, 3));
    const std::int64_t lo = kComponents * s.scale_.low;
    const std::int64_t hi = kComponents * s.scale_.high;
    TESSERA_ASSIGN_OR_RETURN(std::int64_t value,
                             read_int(entry[0], pointer_join(entry_path, 0), lo, hi));
    TESSERA_ASSIGN_OR_RETURN(std::int64_t cost,
                             read_int(entry[1], pointer_join(entry_path, 1), lo, hi));
    TESSERA_ASSIGN_OR_RETURN(std::int64_t count,
                             read_int(entry[2], pointer_join(entry_path, 2), 1, kMaxCount));
    std::pair<std::int64_t, std::int64_t> key{value, cost};
    if (!s.totals_.empty() && !(s.totals_.rbegin()->first < key)) {
      return Status(Code::kInvalidValue, "totals must be in ascending (value, cost) order",
                    entry_path);
    }
    s.totals_[key] = count;
    TESSERA_RETURN_IF_ERROR(add_checked(respondents, count, "respondents"));
    value_total += value * count;  // <= 80 * 2^53 < 2^63
    cost_total += cost * count;
  }
  if (respondents != s.n_ || value_total != total(s.value_sums_) ||
      cost_total != total(s.cost_sums_)) {
    return Status(Code::kInvalidValue, "totals disagree with n, valueSums or costSums",
                  r.path_of("totals"));
  }
  return s;
}

}  // namespace tessera::score
