// SERVQUAL gaps; see tessera/score/servqual.hpp.
#include "tessera/score/servqual.hpp"

#include <string>

#include "tessera/score/summary.hpp"

namespace tessera::score {
namespace {

constexpr std::int64_t kLowest = 1;  // the 1988 instrument's 7-point scale
constexpr std::int64_t kHighest = 7;
constexpr std::int64_t kWeightTotal = 100;
constexpr std::size_t kMaxItems = 200;  // the full instrument has 22

constexpr std::array<ServqualDimension, kServqualDimensionCount> kAll = {
    ServqualDimension::kTangibles, ServqualDimension::kReliability,
    ServqualDimension::kResponsiveness, ServqualDimension::kAssurance, ServqualDimension::kEmpathy};

std::size_t index_of(ServqualDimension d) { return static_cast<std::size_t>(d); }

std::optional<double> ratio(std::int64_t num, std::int64_t den) {
  if (den == 0) return std::nullopt;
  return static_cast<double>(num) / static_cast<double>(den);
}

Status check_point(std::int64_t v, const std::string& path) {
  if (v < kLowest || v > kHighest) {
    return Status(Code::kOutOfRange, "expected an integer from 1 to 7, got " + std::to_string(v),
                  path);
  }
  return Status::Ok();
}

Status check_weights(const ServqualWeights& w, const std::string& path) {
  std::int64_t total = 0;
  for (ServqualDimension d : kAll) {
    std::int64_t p = w.points[index_of(d)];
    if (p < 0 || p > kWeightTotal) {
      return Status(Code::kOutOfRange, "expected importance points from 0 to 100",
                    pointer_join(path, servqual_dimension_name(d)));
    }
    total += p;
  }
  if (total != kWeightTotal) {
    return Status(Code::kInvalidValue,
                  "importance points must add up to 100, got " + std::to_string(total), path);
  }
  return Status::Ok();
}

}  // namespace

std::string_view servqual_dimension_name(ServqualDimension d) {
  switch (d) {
    case ServqualDimension::kTangibles:
      return "tangibles";
    case ServqualDimension::kReliability:
      return "reliability";
    case ServqualDimension::kResponsiveness:
      return "responsiveness";
    case ServqualDimension::kAssurance:
      return "assurance";
    case ServqualDimension::kEmpathy:
      return "empathy";
  }
  return "tangibles";
}

Result<ServqualDimension> parse_servqual_dimension(std::string_view name, const std::string& path) {
  for (ServqualDimension d : kAll) {
    if (servqual_dimension_name(d) == name) return d;
  }
  return Status(Code::kInvalidValue,
                "expected one of: tangibles, reliability, responsiveness, assurance, empathy",
                path);
}

Result<ServqualResponse> servqual_response_from_json(const Json& json, const std::string& path) {
  TESSERA_RETURN_IF_ERROR(expect_object(json, path));
  FieldReader r(json, path);
  TESSERA_RETURN_IF_ERROR(r.reject_unknown({"items", "weights"}));
  const Json* items = r.find("items");
  if (items == nullptr) {
    return Status(Code::kMissingField, "required field is missing", r.path_of("items"));
  }
  TESSERA_RETURN_IF_ERROR(expect_array(*items, r.path_of("items"), 1, kMaxItems));
  ServqualResponse response;
  for (std::size_t i = 0; i < items->size(); ++i) {
    const std::string item_path = pointer_join(r.path_of("items"), i);
    TESSERA_RETURN_IF_ERROR(expect_object((*items)[i], item_path));
    FieldReader item((*items)[i], item_path);
    TESSERA_RETURN_IF_ERROR(item.reject_unknown({"dimension", "expectation", "perception"}));
    TESSERA_ASSIGN_OR_RETURN(std::string name, item.required_string("dimension", 64));
    ServqualItem parsed;
    TESSERA_ASSIGN_OR_RETURN(parsed.dimension,
                             parse_servqual_dimension(name, item.path_of("dimension")));
    TESSERA_ASSIGN_OR_RETURN(parsed.expectation,
                             item.required_int("expectation", kLowest, kHighest));
    TESSERA_ASSIGN_OR_RETURN(parsed.perception, item.required_int("perception", kLowest, kHighest));
    response.items.push_back(parsed);
  }
  if (const Json* weights = r.find("weights")) {
    TESSERA_RETURN_IF_ERROR(expect_object(*weights, r.path_of("weights")));
    FieldReader w(*weights, r.path_of("weights"));
    TESSERA_RETURN_IF_ERROR(
        w.reject_unknown({"tangibles", "reliability", "responsiveness", "assurance", "empathy"}));
    ServqualWeights parsed;
    for (ServqualDimension d : kAll) {
      TESSERA_ASSIGN_OR_RETURN(parsed.points[index_of(d)],
                               w.required_int(servqual_dimension_name(d), 0, kWeightTotal));
    }
    TESSERA_RETURN_IF_ERROR(check_weights(parsed, w.path()));
    response.weights = parsed;
  }
  return response;
}

Status ServqualSummary::add(const ServqualResponse& response) {
  if (response.items.empty()) {
    return Status(Code::kInvalidValue, "a SERVQUAL response needs at least one answered item",
                  "/items");
  }
  for (std::size_t i = 0; i < response.items.size(); ++i) {
    const ServqualItem& item = response.items[i];
    const std::string item_path = pointer_join("/items", i);
    if (index_of(item.dimension) >= kServqualDimensionCount) {
      return Status(Code::kInvalidValue, "unknown dimension", pointer_join(item_path, "dimension"));
    }
    TESSERA_RETURN_IF_ERROR(check_point(item.expectation, pointer_join(item_path, "expectation")));
    TESSERA_RETURN_IF_ERROR(check_point(item.perception, pointer_join(item_path, "perception")));
  }
  if (response.weights) TESSERA_RETURN_IF_ERROR(check_weights(*response.weights, "/weights"));

  // Apply to a copy so that a limit error leaves *this unchanged.
  ServqualSummary next = *this;
  TESSERA_RETURN_IF_ERROR(add_checked(next.respondents_, 1, "SERVQUAL respondents"));
  for (const ServqualItem& item : response.items) {
    ServqualDimensionTotals& t = next.dimensions_[index_of(item.dimension)];
    TESSERA_RETURN_IF_ERROR(add_checked(t.items, 1, "SERVQUAL items"));
    TESSERA_RETURN_IF_ERROR(add_checked(t.expectation_sum, item.expectation, "SERVQUAL sums"));
    TESSERA_RETURN_IF_ERROR(add_checked(t.perception_sum, item.perception, "SERVQUAL sums"));
  }
  if (response.weights) {
    TESSERA_RETURN_IF_ERROR(add_checked(next.weighted_respondents_, 1, "SERVQUAL respondents"));
    for (ServqualDimension d : kAll) {
      TESSERA_RETURN_IF_ERROR(add_checked(next.dimensions_[index_of(d)].weight_sum,
                                          response.weights->points[index_of(d)],
                                          "SERVQUAL weights"));
    }
  }
  *this = next;
  return Status::Ok();
}

Status ServqualSummary::merge(const ServqualSummary& other) {
  ServqualSummary next = *this;
  TESSERA_RETURN_IF_ERROR(add_checked(next.respondents_, other.respondents_, "respondents"));
  TESSERA_RETURN_IF_ERROR(
      add_checked(next.weighted_respondents_, other.weighted_respondents_, "respondents"));
  for (std::size_t i = 0; i < kServqualDimensionCount; ++i) {
    ServqualDimensionTotals& t = next.dimensions_[i];
    const ServqualDimensionTotals& o = other.dimensions_[i];
    TESSERA_RETURN_IF_ERROR(add_checked(t.items, o.items, "SERVQUAL items"));
    TESSERA_RETURN_IF_ERROR(add_checked(t.expectation_sum, o.expectation_sum, "SERVQUAL sums"));
    TESSERA_RETURN_IF_ERROR(add_checked(t.perception_sum, o.perception_sum, "SERVQUAL sums"));
    TESSERA_RETURN_IF_ERROR(add_checked(t.weight_sum, o.weight_sum, "SERVQUAL weights"));
  }
  *this = next;
  return Status::Ok();
}

const ServqualDimensionTotals& ServqualSummary::totals(ServqualDimension d) const {
  return dimensions_[index_of(d)];
}

std::optional<double> ServqualSummary::mean_expectation(ServqualDimension d) const {
  return ratio(totals(d).expectation_sum, totals(d).items);
}

std::optional<double> ServqualSummary::mean_perception(ServqualDimension d) const {
  return ratio(totals(d).perception_sum, totals(d).items);
}

std::optional<double> ServqualSummary::gap(ServqualDimension d) const {
  // One division of the exact integer difference, not a difference of two
  // rounded means.
  return ratio(totals(d).perception_sum - totals(d).expectation_sum, totals(d).items);
}

std::optional<double> ServqualSummary::mean_weight(ServqualDimension d) const {
  return ratio(totals(d).weight_sum, weighted_respondents_);
}

std::optional<double> ServqualSummary::unweighted_gap() const {
  double total = 0.0;
  for (ServqualDimension d : kAll) {
    auto g = gap(d);
    if (!g) return std::nullopt;
    total += *g;
  }
  return total / static_cast<double>(kServqualDimensionCount);
}

std::optional<double> ServqualSummary::weighted_gap() const {
  if (weighted_respondents_ == 0) return std::nullopt;
  double total = 0.0;
  for (ServqualDimension d : kAll) {
    auto g = gap(d);
    if (!g) return std::nullopt;
    // mean_weight / 100 = weight_sum / (100 * weighted respondents); the
    // mean weights add up to exactly 100, so these factors add up to 1.
    total += *g * static_cast<double>(totals(d).weight_sum);
  }
  return total / (static_cast<double>(kWeightTotal) * static_cast<double>(weighted_respondents_));
}

Json ServqualSummary::to_json() const {
  Json out = summary_envelope("servqual");
  out["respondents"] = respondents_;
  out["weightedRespondents"] = weighted_respondents_;
  Json dims = Json::object();
  Json shown = Json::object();
  for (ServqualDimension d : kAll) {
    const ServqualDimensionTotals& t = totals(d);
    const std::string name(servqual_dimension_name(d));
    dims[name] = Json{{"items", t.items},
                      {"expectationSum", t.expectation_sum},
                      {"perceptionSum", t.perception_sum},
                      {"weightSum", t.weight_sum}};
    shown[name] = Json{{"meanExpectation", display_number(mean_expectation(d))},
                       {"meanPerception", display_number(mean_perception(d))},
                       {"gap", display_number(gap(d))},
                       {"meanWeight", display_number(mean_weight(d))}};
  }
  out["dimensions"] = std::move(dims);
  out["display"] = Json{{"dimensions", std::move(shown)},
                        {"unweightedGap", display_number(unweighted_gap())},
                        {"weightedGap", display_number(weighted_gap())}};
  return out;
}

Result<ServqualSummary> ServqualSummary::from_json(const Json& json, const std::string& path) {
  TESSERA_RETURN_IF_ERROR(expect_object(json, path));
  FieldReader r(json, path);
  TESSERA_RETURN_IF_ERROR(r.reject_unknown(
      {"v", "kind", "respondents", "weightedRespondents", "dimensions", "display"}));
  TESSERA_RETURN_IF_ERROR(check_envelope(r, "servqual"));
  ServqualSummary s;
  TESSERA_ASSIGN_OR_RETURN(s.respondents_, r.required_int("respondents", 0, kMaxCount));
  TESSERA_ASSIGN_OR_RETURN(s.weighted_respondents_,
                           r.required_int("weightedRespondents", 0, s.respondents_));
  const Json* dims = r.find("dimensions");
  if (dims == nullptr) {
    return Status(Code::kMissingField, "required field is missing", r.path_of("dimensions"));
  }
  TESSERA_RETURN_IF_ERROR(expect_object(*dims, r.path_of("dimensions")));
  FieldReader dr(*dims, r.path_of("dimensions"));
  TESSERA_RETURN_IF_ERROR(
      dr.reject_unknown({"tangibles", "reliability", "responsiveness", "assurance", "empathy"}));
  std::int64_t items = 0;
  std::int64_t weights = 0;
  for (ServqualDimension d : kAll) {
    const std::string name(servqual_dimension_name(d));
    const Json* dim = dr.find(name);
    if (dim == nullptr) {
      return Status(Code::kMissingField, "required field is missing", dr.path_of(name));
    }
    TESSERA_RETURN_IF_ERROR(expect_object(*dim, dr.path_of(name)));
    FieldReader t(*dim, dr.path_of(name));
    TESSERA_RETURN_IF_ERROR(
        t.reject_unknown({"items", "expectationSum", "perceptionSum", "weightSum"}));
    ServqualDimensionTotals& out = s.dimensions_[index_of(d)];
    TESSERA_ASSIGN_OR_RETURN(out.items, t.required_int("items", 0, kMaxCount / kHighest));
    // Every item contributes 1..7 to each sum.
    TESSERA_ASSIGN_OR_RETURN(out.expectation_sum,
                             t.required_int("expectationSum", out.items, out.items * kHighest));
    TESSERA_ASSIGN_OR_RETURN(out.perception_sum,
                             t.required_int("perceptionSum", out.items, out.items * kHighest));
    TESSERA_ASSIGN_OR_RETURN(out.weight_sum, t.required_int("weightSum", 0, kMaxCount));
    TESSERA_RETURN_IF_ERROR(add_checked(items, out.items, "SERVQUAL items"));
    TESSERA_RETURN_IF_ERROR(add_checked(weights, out.weight_sum, "SERVQUAL weights"));
  }
  if (items < s.respondents_) {
    return Status(Code::kInvalidValue, "every respondent answers at least one item",
                  r.path_of("respondents"));
  }
  if (s.weighted_respondents_ > kMaxCount / kWeightTotal ||
      weights != kWeightTotal * s.weighted_respondents_) {
    return Status(Code::kInvalidValue, "weight sums must add up to 100 per weighted respondent",
                  dr.path());
  }
  return s;
}

}  // namespace tessera::score
