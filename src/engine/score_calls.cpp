// score.* engine calls: the core's scoring (tessera/score, and
// tessera/survey/scoring.hpp for whole surveys) for the browser and native
// callers alike. See docs/engine-api.md ("Scoring").
//
//   score.summarize {surveyId | definition, records, by?, utcOffsetMinutes?}
//   score.merge     {summaries: [summary, ...]}   (all of one kind)
#include <functional>

#include "tessera/engine/engine.hpp"
#include "tessera/score/split.hpp"
#include "tessera/survey/instruments.hpp"
#include "tessera/survey/scoring.hpp"

namespace tessera::engine {
namespace {

Status shifted(const Status& st, const std::string& base) {
  return Status(st.code(), st.message(), base + st.path());
}

// Merges summaries of one score type S read from JSON.
template <typename S>
Result<Json> merge_all(const Json& list) {
  std::optional<S> total;
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string at = pointer_join("/summaries", i);
    TESSERA_ASSIGN_OR_RETURN(S s, S::from_json(list[i], at));
    if (!total) {
      total = std::move(s);
      continue;
    }
    Status st = total->merge(s);
    if (!st.ok()) return Status(st.code(), st.message(), at);
  }
  return total->to_json();
}

template <typename S>
Result<Json> merge_split(const Json& list, const std::string& by) {
  if (by == "bucket") return merge_all<score::ByBucket<S>>(list);
  return merge_all<score::ByVariant<S>>(list);
}

std::string kind_of(const Json& summary) {
  if (!summary.is_object() || !summary.contains("kind") || !summary["kind"].is_string()) return "";
  return summary["kind"].get<std::string>();
}

Result<Json> merge_call(const FieldReader& r) {
  TESSERA_RETURN_IF_ERROR(r.reject_unknown({"summaries"}));
  const Json* list = r.find("summaries");
  if (list == nullptr)
    return Status(Code::kMissingField, "required field is missing", "/summaries");
  TESSERA_RETURN_IF_ERROR(expect_array(*list, "/summaries", 1, 10000));
  std::string kind = kind_of((*list)[0]);
  for (std::size_t i = 0; i < list->size(); ++i) {
    if (kind_of((*list)[i]) != kind || kind.empty()) {
      return Status(Code::kInvalidValue,
                    "expected summaries of one kind (" + (kind.empty() ? "none given" : kind) + ")",
                    pointer_join(pointer_join("/summaries", i), "kind"));
    }
  }
  if (kind == "surveySummary") return merge_all<survey::SurveySummary>(*list);
  if (kind == "nps") return merge_all<score::NpsSummary>(*list);
  if (kind == "csat") return merge_all<score::CsatSummary>(*list);
  if (kind == "ces") return merge_all<score::CesSummary>(*list);
  if (kind == "servqual") return merge_all<score::ServqualSummary>(*list);
  if (kind == "deliveredValue") return merge_all<score::DeliveredValueSummary>(*list);
  if (kind == "split") {
    // A split's parts are of the kind its empty summary has.
    const Json& first = (*list)[0];
    std::string inner = first.contains("empty") ? kind_of(first["empty"]) : "";
    std::string by =
        first.contains("by") && first["by"].is_string() ? first["by"].get<std::string>() : "";
    if (inner == "nps") return merge_split<score::NpsSummary>(*list, by);
    if (inner == "csat") return merge_split<score::CsatSummary>(*list, by);
    if (inner == "ces") return merge_split<score::CesSummary>(*list, by);
    if (inner == "servqual") return merge_split<score::ServqualSummary>(*list, by);
    if (inner == "deliveredValue") return merge_split<score::DeliveredValueSummary>(*list, by);
    return Status(Code::kInvalidValue, "unknown kind of split summary", "/summaries/0/empty/kind");
  }
  return Status(Code::kInvalidValue,
                "unknown summary kind \"" + kind +
                    "\"; expected surveySummary, nps, csat, ces, servqual, deliveredValue or split",
                "/summaries/0/kind");
}

}  // namespace

Result<Json> Engine::summarize_call(const Json& args) const {
  TESSERA_RETURN_IF_ERROR(expect_object(args, ""));
  FieldReader r(args, "");
  TESSERA_RETURN_IF_ERROR(
      r.reject_unknown({"surveyId", "definition", "records", "by", "utcOffsetMinutes"}));
  survey::SurveySummaryOptions options;
  TESSERA_ASSIGN_OR_RETURN(std::string by, r.optional_string("by", "none", 16));
  if (by == "variant") {
    options.by = survey::SplitBy::kVariant;
  } else if (by == "day") {
    options.by = survey::SplitBy::kDay;
  } else if (by != "none") {
    return Status(Code::kInvalidValue, "expected \"none\", \"variant\" or \"day\"", "/by");
  }
  TESSERA_ASSIGN_OR_RETURN(auto offset, r.optional_int("utcOffsetMinutes", 0, -1440, 1440));
  options.utc_offset_minutes = static_cast<int>(offset);
  // The survey: one of this site's, or a definition given in the call (a
  // report page may score surveys the site no longer runs).
  std::optional<survey::SurveyDefinition> given;
  const survey::SurveyDefinition* def = nullptr;
  if (const Json* d = r.find("definition")) {
    if (r.has("surveyId")) {
      return Status(Code::kInvalidValue, "give surveyId or definition, not both", "/definition");
    }
    TESSERA_ASSIGN_OR_RETURN(Json entry, survey::expand_template(*d, "/definition"));
    TESSERA_ASSIGN_OR_RETURN(given, survey::parse_survey(entry, "/definition"));
    def = &*given;
  } else {
    TESSERA_ASSIGN_OR_RETURN(std::string id, r.required_id("surveyId"));
    TESSERA_ASSIGN_OR_RETURN(const Survey* found, find_survey(id));
    def = found->definition.get();
  }
  auto summary = survey::SurveySummary::create(*def, options);
  if (!summary.ok()) {
    return shifted(summary.status(), r.has("definition") ? "/definition" : "/surveyId");
  }
  const Json* records = r.find("records");
  if (records == nullptr)
    return Status(Code::kMissingField, "required field is missing", "/records");
  TESSERA_RETURN_IF_ERROR(summary->add_records(*records, "/records"));
  return summary->to_json();
}

Result<Json> Engine::score_call(std::string_view method, const Json& args) const {
  if (method == "score.summarize") return summarize_call(args);
  TESSERA_RETURN_IF_ERROR(expect_object(args, ""));
  FieldReader r(args, "");
  if (method == "score.merge") return merge_call(r);
  return Status(Code::kNotFound, "unknown call \"" + std::string(method) + "\"");
}

}  // namespace tessera::engine
