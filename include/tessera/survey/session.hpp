// A respondent's pass through one survey: answers, conditions, validation,
// navigation with jumps, the view model the widget renders, snapshots for
// resuming after a reload, and the response records it produces.
//
// The session is a pure state machine: the caller passes the time, the
// response id and the randomization seed (no clock, no RNG inside), so the
// same inputs always give the same records.
//
//   auto def = std::make_shared<const SurveyDefinition>(*parse_survey_text(text));
//   auto logic = SurveyLogic::compile(*def);           // conditions, once
//   Session s = *Session::start(def, *logic, {"en-US", 1700000000000, seed, uuid});
//   s.answer("nps", 9);                // Status; the view shows any error
//   if (s.next().ok()) ...             // commits the page if it validates
//   Result<ResponseRecord> r = s.complete(1700000042000);
//
// Answer checks (type, range, maximum length) happen on answer(); page
// checks (required, minimum length, format) happen on next()/complete(), so
// a person is not scolded for a question they have not reached yet.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tessera/common/json.hpp"
#include "tessera/survey/definition.hpp"
#include "tessera/survey/logic.hpp"

namespace tessera::survey {

struct SessionStart {
  std::string locale = "en";       // the respondent's locale, e.g. "de-CH"
  std::int64_t started_at_ms = 0;  // epoch milliseconds (UTC), caller's clock
  std::uint64_t seed = 0;          // orders randomized questions and choices
  std::string response_id;         // UUID v4; the final record's idempotency key
  // Stable visitor id (any string) for A/B assignment; the response id when
  // empty, so each response is assigned independently.
  std::string visitor_id;
};

// The variant a visitor sees: a stable hash of visitor id and survey id
// picks among the variants by weight. -1 when the survey has none.
int assign_variant(const SurveyDefinition& def, std::string_view visitor_id);

enum class SessionState { kInProgress, kCompleted, kDismissed };
std::string_view session_state_name(SessionState state);

// What leaves the browser (sealed): the whole response so far ("partial",
// after each committed page) or at the end ("final").
struct ResponseRecord {
  std::string kind = "final";
  std::string survey_id;
  std::int64_t survey_version = 1;
  std::string response_id;
  std::string idempotency_key;  // == response_id for the final record
  std::string locale;
  std::int64_t started_at_ms = 0;
  std::int64_t completed_at_ms = 0;  // for a partial: when the page was committed
  Json answers = Json::object();     // question id -> answer value
  Json calculated = Json::object();  // calculated value name -> value
  Json nps_class = Json::object();   // NPS question id -> "promoter" | ...
  Json variant;                      // the A/B variant id, or null
  // Service recovery: null when the survey has none; otherwise
  // {"needed": bool, "consent": bool, "channel": "email", "address": "...",
  //  "goodwillPoints": n} so the merchant's report can list open follow-ups.
  Json follow_up;

  Json to_json() const;
};

// Formats 16 random bytes as a UUID version 4 string.
std::string uuid_v4_from_bytes(const std::array<std::uint8_t, 16>& bytes);

class Session {
 public:
  static Result<Session> start(std::shared_ptr<const SurveyDefinition> definition,
                               std::shared_ptr<const SurveyLogic> logic, const SessionStart& start);

  // Rebuilds a session from snapshot() output (resume after a reload).
  // Answers that no longer fit the definition are dropped, not trusted.
  static Result<Session> restore(std::shared_ptr<const SurveyDefinition> definition,
                                 std::shared_ptr<const SurveyLogic> logic, const Json& snapshot);
  Json snapshot() const;

  // kNotFound (unknown question), kInvalidType (wrong JSON type),
  // kOutOfRange / kInvalidValue (value), kFailedPrecondition (not in
  // progress, question not on the current page, hidden or disabled).
  // Range, length and choice errors also show in the view model. null clears.
  // "<id>-other" answers the text of a question's "other" choice.
  Status answer(std::string_view question_id, const Json& value);

  // Validates the current page; on success moves to the next visible page
  // (or the target of the first jump whose condition holds) and returns
  // true. Returns false (with errors in the view model) when the page does
  // not validate. kFailedPrecondition on the last page (use complete()).
  Result<bool> next();
  Status back();
  // Whether the current page is the last one the respondent will see.
  bool on_last_page() const;

  // A partial record of everything answered so far; `key` is the delivery's
  // idempotency key (the engine derives it per committed page).
  ResponseRecord partial(std::int64_t at_ms, std::string key) const;

  // Validates the last page and finishes the survey; Status kFailedPrecondition
  // with errors in the view model when the page does not validate.
  Result<ResponseRecord> complete(std::int64_t completed_at_ms);

  Status dismiss();

  SessionState state() const { return state_; }
  std::size_t page_index() const { return page_index_; }
  std::size_t commits() const { return commits_; }
  const Json& answers() const { return answers_; }
  const SurveyDefinition& definition() const { return *definition_; }
  bool has_error(std::string_view question_id) const {
    return errors_.count(std::string(question_id)) != 0;
  }

  // Everything the widget needs to draw the current state; see
  // docs/view-model.md. Texts are resolved to the session's locale.
  Json view_model() const;
  // The same as dump_json(view_model()), byte for byte, but written from
  // cached JSON text of the question views that did not change (what the
  // engine sends across the wasm boundary after each answer).
  std::string view_model_text() const;

  // How an answer change is applied. By default only the conditions,
  // calculated values and question views that depend on the changed answer
  // are re-evaluated (the logic's dependency index), and their results are
  // kept between calls. With `full`, every expression is re-evaluated on
  // every change and nothing is cached: the reference the incremental path
  // is tested against. Definitions the index cannot model are always
  // re-evaluated fully. Results are identical either way.
  void set_full_reevaluation(bool full);
  bool incremental() const { return incremental_; }

 private:
  Session(std::shared_ptr<const SurveyDefinition> definition,
          std::shared_ptr<const SurveyLogic> logic, SessionStart start);

  // Answers plus calculated values: what conditions and piping read.
  const Json& values() const { return values_; }
  // Whether a condition holds now: the cached result, or (full
  // re-evaluation) a fresh one.
  bool holds(ExprId id) const {
    if (id == kAlways) return true;
    return incremental_ ? holds_[id] != 0 : logic_->holds(id, values_, context_);
  }
  bool validate_page();
  // Recomputes calculated values and clears hidden answers, evaluating every
  // expression (session_logic.cpp), then resets the caches.
  void refresh();
  // After answer key `key` of flat question `question` changed: recomputes
  // what depends on it (full or incremental, as configured).
  void answer_changed(const std::string& key, std::uint32_t question);
  void propagate(std::vector<std::string> changed, std::uint32_t question);
  void reset_caches();
  void forget_view(std::uint32_t flat) {
    views_[flat] = Json();
    view_texts_[flat].json.clear();
  }
  Json question_view(std::uint32_t flat) const;  // view_model.cpp
  const Json& cached_question_view(std::uint32_t flat) const;
  Json view_frame() const;
  template <typename Visit>
  void for_each_visible_question(Visit visit) const;
  int next_page_index() const;  // -1 = end of survey
  std::vector<std::size_t> question_order(std::size_t page) const;
  std::vector<std::size_t> choice_order(const Question& q) const;
  Json record_answers() const;
  Json follow_up() const;
  // A text of question `q` with the session's variant override applied.
  const LocalizedText& variant_text(const Question& q, const LocalizedText& base,
                                    LocalizedText Variant::Texts::*field) const;

  std::shared_ptr<const SurveyDefinition> definition_;
  std::shared_ptr<const SurveyLogic> logic_;
  SessionStart start_;
  expr::EvalContext context_;  // today() is the day the session started
  SessionState state_ = SessionState::kInProgress;
  std::size_t page_index_ = 0;
  std::vector<std::size_t> history_;  // pages visited before this one, for back()
  std::size_t commits_ = 0;
  int variant_ = -1;
  Json answers_ = Json::object();
  Json calculated_ = Json::object();
  std::map<std::string, std::string> errors_;  // question id -> message

  bool incremental_ = false;
  Json values_ = Json::object();  // answers_ with calculated_ over them
  // Incremental re-evaluation only: per expression id, whether it holds for
  // values_; per flat question, its view without "error" (null: rebuild).
  std::vector<char> holds_;
  mutable std::vector<Json> views_;
  struct ViewText {
    std::string json;          // dump_json of views_[q]; empty: not written yet
    std::size_t error_at = 0;  // where its "error" value (null) starts
  };
  mutable std::vector<ViewText> view_texts_;
  std::vector<std::uint32_t> stamp_;  // per expression id: last pass that tested it
  std::uint32_t pass_ = 0;
};

}  // namespace tessera::survey
