// Aggregates opened response records into the numbers of a report: counts
// and completion per survey, NPS (overall, per day, 0-10 distribution),
// CSAT, CES, SERVQUAL, delivered value, free text by NPS class and the
// detractors who asked to be contacted. Pure: no I/O, no clock.
//
// Each response counts once: its final record if one arrived, otherwise its
// latest partial (the one with the most answers), so an abandoned survey
// still contributes the answers it has. Records that did not open are
// listed, never dropped.
//
//   ReportBuilder builder(catalog);
//   builder.add_record(opened_json);            // a parsed record
//   builder.add_failure("key-17", "not sealed to this key");
//   Report report = builder.finish();
//   report.surveys.at("gallery").nps.at("nps").total.score();
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "report/catalog.hpp"
#include "report/private_stats.hpp"
#include "tessera/common/json.hpp"
#include "tessera/score/delivered_value.hpp"
#include "tessera/score/nps.hpp"
#include "tessera/score/rating.hpp"
#include "tessera/score/servqual.hpp"

namespace tessera::report {

// Free-text answers kept per survey and NPS class; the rest are counted
// only, so a report of a million responses stays a readable size.
inline constexpr std::size_t kMaxTextsPerClass = 200;

struct NpsQuestionReport {
  score::NpsSummary total;
  std::array<std::int64_t, 11> distribution{};      // answers 0..10
  std::map<std::string, score::NpsSummary> by_day;  // "YYYY-MM-DD" (UTC)
};

struct TextAnswer {
  std::string response_id;
  std::string question_id;
  std::string text;
};

struct FollowUp {
  std::string response_id;
  std::string day;
  std::int64_t score = -1;  // the first NPS answer; -1 when there is none
  std::string channel;      // "email" or "phone"
  std::string address;
  std::string comment;  // the first free-text answer, if any
};

struct SurveyReport {
  std::string id;
  std::string title;
  std::int64_t final_records = 0;
  std::int64_t partial_records = 0;
  std::int64_t responses = 0;  // distinct responseIds
  std::int64_t complete = 0;   // responses with a final record
  std::int64_t partial = 0;    // responses with partials only
  std::map<std::string, NpsQuestionReport> nps;
  std::map<std::string, score::CsatSummary> csat;
  std::map<std::string, score::CesSummary> ces;
  std::optional<score::ServqualSummary> servqual;
  std::optional<score::DeliveredValueSummary> delivered_value;
  std::int64_t invalid_answers = 0;  // answers outside their scale, skipped
  // Keys "detractor", "passive", "promoter", "none" (no NPS answer).
  std::map<std::string, std::vector<TextAnswer>> texts;
  std::map<std::string, std::int64_t> text_counts;
  std::vector<FollowUp> follow_ups;
};

struct FailedRecord {
  std::string idempotency_key;
  std::string reason;
};

struct Report {
  std::map<std::string, SurveyReport> surveys;
  std::vector<PrivateStatistic> private_stats;
  std::vector<FailedRecord> failed;
  std::int64_t opened = 0;
};

// "YYYY-MM-DD" of a UTC epoch-millisecond time (proleptic Gregorian).
std::string utc_day(std::int64_t epoch_ms);

class ReportBuilder {
 public:
  explicit ReportBuilder(SurveyCatalog catalog) : catalog_(std::move(catalog)) {}

  // `record` is an opened record (docs/engine-api.md). One that is not
  // shaped like a record is counted as a failure under `label`.
  void add_record(const Json& record, const std::string& label);
  void add_failure(std::string idempotency_key, std::string reason);
  Report finish();

 private:
  void aggregate(const Json& record);
  SurveyReport& survey(const std::string& id);

  SurveyCatalog catalog_;
  Report report_;
  std::set<std::string> finals_;  // "<survey>\n<responseId>" with a final record
  std::set<std::string> seen_;    // every such pair
  // Latest partial of each response that has no final (yet).
  std::map<std::string, Json> partials_;
};

}  // namespace tessera::report
