// Scoring a survey's responses: the response records of one survey (what
// Session::complete and partial() produce, once opened) turned into the
// score library's mergeable summaries (tessera/score), per question and
// instrument, optionally split by A/B variant or by day.
//
// Which question feeds which summary comes from the definition:
//   nps questions          -> NpsSummary per question
//   csat questions         -> CsatSummary (1..5) per question
//   ces questions          -> CesSummary (1..5 or 1..7) per question
//   rating questions named by "scoring": {"instrument": "csat"|"ces", "question": id}
//                          -> CsatSummary / CesSummary on the rating's scale
//   "scoring": {"instrument": "servqual", "dimensions": {dim: {"expectation": matrix id,
//              "perception": matrix id}}, "weights"?: {dim: question id}}
//                          -> ServqualSummary (matrix rows paired by value, columns 1..7)
//   "scoring": {"instrument": "customer-delivered-value", "scale": [low, high],
//              "value": matrix id (rows product/service/personnel/image),
//              "cost": matrix id (rows monetary/time/energy/psychic)}
//                          -> DeliveredValueSummary
// (the templates in instruments/ carry exactly this metadata).
//
// Each response counts once: its final record, or else its partial record
// with the most answers. Dismissed surveys produce no record, and an
// unanswered question adds nothing, so neither ever enters n. Summaries of
// disjoint sets of responses merge into exactly the summary of their union.
//
//   auto summary = SurveySummary::create(def, {SplitBy::kVariant});
//   summary->add_records(records_json, "/records");
//   dump_json(summary->to_json());
//   // {"v":1,"kind":"surveySummary","surveyId":"post-purchase","by":"variant",
//   //  "parts":[{"key":"a","responses":3,"nps":{"nps":{...}},...}], "total":{...}}
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tessera/common/json.hpp"
#include "tessera/score/delivered_value.hpp"
#include "tessera/score/nps.hpp"
#include "tessera/score/rating.hpp"
#include "tessera/score/servqual.hpp"
#include "tessera/survey/definition.hpp"

namespace tessera::survey {

enum class SplitBy { kNone, kVariant, kDay };

struct SurveySummaryOptions {
  SplitBy by = SplitBy::kNone;
  // Days for SplitBy::kDay are local days at this fixed offset from UTC.
  int utc_offset_minutes = 0;
};

// The summaries of one group of responses (all of them, one variant, one day).
struct ScoreBundle {
  std::int64_t responses = 0;                    // responses counted
  std::int64_t invalid_answers = 0;              // answers outside their question's scale, left out
  std::map<std::string, score::NpsSummary> nps;  // by question id
  std::map<std::string, score::CsatSummary> csat;
  std::map<std::string, score::CesSummary> ces;
  std::optional<score::ServqualSummary> servqual;
  std::optional<score::DeliveredValueSummary> delivered_value;

  Status merge(const ScoreBundle& other);
  Json to_json() const;
  static Result<ScoreBundle> from_json(const Json& json, const std::string& path);
};

class SurveySummary {
 public:
  // kInvalidValue (path "/scoring/...") when the definition's scoring
  // metadata names questions that do not exist or have the wrong type.
  static Result<SurveySummary> create(const SurveyDefinition& def,
                                      const SurveySummaryOptions& options = {});

  // Adds an array of response records. A record of another survey, or one
  // not shaped like a record, is skipped and counted (`skipped`), never an
  // error: stores hold what they hold. kInvalidType when `records` is not
  // an array.
  Status add_records(const Json& records, const std::string& path);

  // kFailedPrecondition when the surveys or the splits differ.
  Status merge(const SurveySummary& other);

  std::int64_t skipped() const { return skipped_; }
  const std::map<std::string, ScoreBundle>& parts() const { return parts_; }
  // All parts merged.
  Result<ScoreBundle> total() const;

  // {"v":1,"kind":"surveySummary","surveyId","by":"none"|"variant"|"day",
  //  "utcOffsetMinutes","skipped","parts":[{"key", ...bundle}],"total":{...bundle}}
  // with bundle = {"responses","invalidAnswers","nps":{id: summary},"csat":{...},
  // "ces":{...},"servqual": summary|null,"deliveredValue": summary|null}.
  Json to_json() const;
  // Reads the parts ("total" is recomputed, like every "display").
  static Result<SurveySummary> from_json(const Json& json, const std::string& path = "");

 private:
  struct Roles;  // which question feeds which summary (scoring.cpp)
  SurveySummary() = default;
  Status add_response(const Json& record);
  std::string key_of(const Json& record) const;

  std::string survey_id_;
  SurveySummaryOptions options_;
  std::shared_ptr<const Roles> roles_;  // null after from_json: such a summary only merges
  std::map<std::string, ScoreBundle> parts_;
  std::int64_t skipped_ = 0;
};

}  // namespace tessera::survey
