// Ranking configuration and candidate parsing with JSON-pointer errors; see
// tessera/personal/ranking.hpp.
#include <cmath>

#include "read_number.hpp"
#include "tessera/personal/ranking.hpp"

namespace tessera::personal {
namespace {

Result<std::vector<std::string>> read_id_list(const FieldReader& reader, std::string_view key,
                                              std::size_t max_items) {
  std::vector<std::string> out;
  const Json* v = reader.find(key);
  if (v == nullptr) return out;
  const std::string at = reader.path_of(key);
  TESSERA_RETURN_IF_ERROR(expect_array(*v, at, 0, max_items));
  for (std::size_t i = 0; i < v->size(); ++i) {
    const std::string item_at = pointer_join(at, i);
    if (!(*v)[i].is_string()) return Status(Code::kInvalidType, "expected a string id", item_at);
    out.push_back((*v)[i].get<std::string>());
    TESSERA_RETURN_IF_ERROR(check_id(out.back(), item_at));
  }
  return out;
}

}  // namespace

std::string_view exclusion_reason_name(ExclusionReason reason) {
  switch (reason) {
    case ExclusionReason::kIneligible:
      return "ineligible";
    case ExclusionReason::kDailyCap:
      return "daily_cap";
    case ExclusionReason::kMinGap:
      return "min_gap";
  }
  return "ineligible";
}

Status validate_ranking_config(const RankingConfig& c) {
  if (c.slots < 1 || c.slots > 100) {
    return Status(Code::kOutOfRange, "expected 1 to 100 slots", "/slots");
  }
  if (!(c.epsilon > 0.0 && c.epsilon <= 1.0)) {
    return Status(Code::kOutOfRange, "epsilon must be above 0 and at most 1", "/epsilon");
  }
  if (!(c.affinity_weight >= 0.0 && c.affinity_weight <= 100.0)) {
    return Status(Code::kOutOfRange, "expected a weight from 0 to 100", "/affinityWeight");
  }
  if (!(c.exploration_weight >= 0.0 && c.exploration_weight <= 100.0)) {
    return Status(Code::kOutOfRange, "expected a weight from 0 to 100", "/explorationWeight");
  }
  if (c.affinity_weight + c.exploration_weight <= 0.0) {
    return Status(Code::kInvalidValue,
                  "affinity and exploration weights are both 0: every item would score the same",
                  "/explorationWeight");
  }
  if (!(c.tag_weight >= 0.0 && c.tag_weight <= 1.0)) {
    return Status(Code::kOutOfRange, "expected a tag weight from 0 to 1", "/tagWeight");
  }
  if (!(c.discovery_share >= 0.0 && c.discovery_share <= 1.0)) {
    return Status(Code::kOutOfRange, "expected a share from 0 to 1", "/discoveryShare");
  }
  if (c.max_per_day < 1) {
    return Status(Code::kOutOfRange, "a cap of 0 shows per day would exclude every item",
                  "/frequencyCap/maxPerDay");
  }
  if (c.min_gap_ms < 0 || c.min_gap_ms > 7 * kDayMs) {
    return Status(Code::kOutOfRange, "expected a gap from 0 to 10080 minutes (a week)",
                  "/frequencyCap/minGapMinutes");
  }
  if (c.max_per_category < 1) {
    return Status(Code::kOutOfRange, "a diversity cap of 0 would exclude every categorized item",
                  "/diversity/maxPerCategory");
  }
  return Status::Ok();
}

Result<RankingConfig> parse_ranking_config(const Json& value, const std::string& path) {
  using internal::optional_number;
  TESSERA_RETURN_IF_ERROR(expect_object(value, path));
  FieldReader reader(value, path);
  TESSERA_RETURN_IF_ERROR(
      reader.reject_unknown({"slots", "strategy", "epsilon", "affinityWeight", "explorationWeight",
                             "tagWeight", "discoveryShare", "frequencyCap", "diversity"}));
  RankingConfig c;
  // Wide type checks here; the ranges are validate_ranking_config's, re-rooted
  // at `path` so both entry points report the same pointers.
  TESSERA_ASSIGN_OR_RETURN(std::int64_t slots, reader.optional_int("slots", 5, -1000, 1000));
  c.slots = slots < 0 ? 0 : static_cast<std::size_t>(slots);
  TESSERA_ASSIGN_OR_RETURN(std::string strategy,
                           reader.optional_string("strategy", "thompson", 32));
  if (strategy == "thompson") {
    c.strategy = ExplorationStrategy::kThompson;
  } else if (strategy == "epsilon_greedy") {
    c.strategy = ExplorationStrategy::kEpsilonGreedy;
  } else {
    return Status(Code::kInvalidValue, "expected \"thompson\" or \"epsilon_greedy\"",
                  reader.path_of("strategy"));
  }
  constexpr double kWide = 1e9;
  TESSERA_ASSIGN_OR_RETURN(c.epsilon, optional_number(reader, "epsilon", c.epsilon, -kWide, kWide));
  TESSERA_ASSIGN_OR_RETURN(c.affinity_weight, optional_number(reader, "affinityWeight",
                                                              c.affinity_weight, -kWide, kWide));
  TESSERA_ASSIGN_OR_RETURN(
      c.exploration_weight,
      optional_number(reader, "explorationWeight", c.exploration_weight, -kWide, kWide));
  TESSERA_ASSIGN_OR_RETURN(c.tag_weight,
                           optional_number(reader, "tagWeight", c.tag_weight, -kWide, kWide));
  TESSERA_ASSIGN_OR_RETURN(c.discovery_share, optional_number(reader, "discoveryShare",
                                                              c.discovery_share, -kWide, kWide));
  if (const Json* cap = reader.find("frequencyCap")) {
    const std::string at = reader.path_of("frequencyCap");
    TESSERA_RETURN_IF_ERROR(expect_object(*cap, at));
    FieldReader f(*cap, at);
    TESSERA_RETURN_IF_ERROR(f.reject_unknown({"maxPerDay", "minGapMinutes"}));
    TESSERA_ASSIGN_OR_RETURN(std::int64_t per_day, f.optional_int("maxPerDay", 3, -1000, 1000));
    c.max_per_day = static_cast<int>(per_day);
    TESSERA_ASSIGN_OR_RETURN(std::int64_t gap, f.optional_int("minGapMinutes", 30, -1, 1'000'000));
    c.min_gap_ms = gap * kMinuteMs;
  }
  if (const Json* div = reader.find("diversity")) {
    const std::string at = reader.path_of("diversity");
    TESSERA_RETURN_IF_ERROR(expect_object(*div, at));
    FieldReader d(*div, at);
    TESSERA_RETURN_IF_ERROR(d.reject_unknown({"maxPerCategory"}));
    TESSERA_ASSIGN_OR_RETURN(std::int64_t per_cat,
                             d.optional_int("maxPerCategory", 2, -1000, 1000));
    c.max_per_category = static_cast<int>(per_cat);
  }
  Status s = validate_ranking_config(c);
  if (!s.ok()) return Status(s.code(), s.message(), path + s.path());
  return c;
}

Result<std::vector<Candidate>> parse_candidates(const Json& value, const std::string& path) {
  TESSERA_RETURN_IF_ERROR(expect_array(value, path, 1, kMaxCandidates));
  std::vector<Candidate> out;
  out.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string at = pointer_join(path, i);
    TESSERA_RETURN_IF_ERROR(expect_object(value[i], at));
    FieldReader r(value[i], at);
    TESSERA_RETURN_IF_ERROR(r.reject_unknown({"id", "categories", "tags", "eligible"}));
    Candidate c;
    TESSERA_ASSIGN_OR_RETURN(c.id, r.required_id("id"));
    TESSERA_ASSIGN_OR_RETURN(c.categories, read_id_list(r, "categories", 32));
    TESSERA_ASSIGN_OR_RETURN(c.tags, read_id_list(r, "tags", 64));
    TESSERA_ASSIGN_OR_RETURN(c.eligible, r.optional_bool("eligible", true));
    out.push_back(std::move(c));
  }
  return out;
}

Json Ranking::to_json() const {
  Json list = Json::array();
  for (const RankedItem& item : items) {
    list.push_back(
        {{"id", item.id}, {"score", item.score}, {"explanation", item.explanation.to_json()}});
  }
  Json out_excluded = Json::array();
  for (const Exclusion& e : excluded) {
    out_excluded.push_back(
        {{"id", e.id}, {"reason", std::string(exclusion_reason_name(e.reason))}});
  }
  return Json{{"items", std::move(list)}, {"excluded", std::move(out_excluded)}};
}

}  // namespace tessera::personal
