// A respondent's pass through one survey: answers, validation, navigation,
// the view model the widget renders, and the response record at the end.
//
// The session is a pure state machine: the caller passes the time and the
// random bytes (no clock, no RNG inside), so the same inputs always give the
// same record.
//
//   auto def = std::make_shared<const SurveyDefinition>(*parse_survey_text(text));
//   Session s = *Session::start(def, {"en-US", 1700000000000});
//   s.answer("nps", 9);                // Status; the view shows any error
//   if (s.next().ok()) ...             // commits the page if it validates
//   Result<ResponseRecord> r = s.complete(1700000042000, entropy16);
//
// Answer checks (type, range, maximum length) happen on answer(); page
// checks (required, minimum length) happen on next()/complete(), so a
// person is not scolded for a question they have not reached yet.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "tessera/common/json.hpp"
#include "tessera/survey/definition.hpp"

namespace tessera::survey {

struct SessionStart {
  std::string locale = "en";       // the respondent's locale, e.g. "de-CH"
  std::int64_t started_at_ms = 0;  // epoch milliseconds (UTC), caller's clock
};

enum class SessionState { kInProgress, kCompleted, kDismissed };
std::string_view session_state_name(SessionState state);

// What leaves the browser (sealed) when a survey is completed.
struct ResponseRecord {
  std::string survey_id;
  std::int64_t survey_version = 1;
  std::string idempotency_key;  // UUID v4 built from caller-supplied entropy
  std::string locale;
  std::int64_t started_at_ms = 0;
  std::int64_t completed_at_ms = 0;
  Json answers = Json::object();    // question id -> answer value
  Json nps_class = Json::object();  // NPS question id -> "promoter" | ...

  // Stable field names; version "v" lets readers evolve.
  Json to_json() const;
};

// Formats 16 random bytes as a UUID version 4 string.
std::string uuid_v4_from_bytes(const std::array<std::uint8_t, 16>& bytes);

class Session {
 public:
  static Result<Session> start(std::shared_ptr<const SurveyDefinition> definition,
                               const SessionStart& start);

  // kNotFound (unknown question), kInvalidType (wrong JSON type),
  // kOutOfRange (value or length), kFailedPrecondition (not in progress or
  // question not on the current page). Range and length errors are also
  // shown in the view model, in the respondent's language. null clears.
  Status answer(std::string_view question_id, const Json& value);

  // Validates the current page; on success moves to the next one.
  // kFailedPrecondition when the page has errors (shown in the view model)
  // or when this is the last page (use complete()).
  Status next();
  // Moves to the previous page; answers are kept.
  Status back();

  // Validates the last page and finishes the survey.
  Result<ResponseRecord> complete(std::int64_t completed_at_ms,
                                  const std::array<std::uint8_t, 16>& key_entropy);

  // The respondent closed the survey. A dismissal is never an answer.
  Status dismiss();

  SessionState state() const { return state_; }
  // Whether the view currently shows an error for this question.
  bool has_error(std::string_view question_id) const {
    return errors_.count(std::string(question_id)) != 0;
  }
  std::size_t page_index() const { return page_index_; }
  const Json& answers() const { return answers_; }
  const SurveyDefinition& definition() const { return *definition_; }

  // Everything the widget needs to draw the current state; see
  // docs/view-model.md. Texts are resolved to the session's locale.
  Json view_model() const;

 private:
  Session(std::shared_ptr<const SurveyDefinition> definition, SessionStart start);
  bool validate_page();  // fills errors_ for the current page

  std::shared_ptr<const SurveyDefinition> definition_;
  SessionStart start_;
  SessionState state_ = SessionState::kInProgress;
  std::size_t page_index_ = 0;
  Json answers_ = Json::object();
  std::map<std::string, std::string> errors_;  // question id -> message
};

}  // namespace tessera::survey
