// Session state machine and response records; see tessera/survey/session.hpp.
#include "tessera/survey/session.hpp"

#include <algorithm>

#include "tessera/score/nps.hpp"
#include "tessera/survey/strings.hpp"

namespace tessera::survey {
namespace {

bool is_answered(const Json* value) {
  if (value == nullptr || value->is_null()) return false;
  if (value->is_string()) return !value->get_ref<const std::string&>().empty();
  return true;
}

}  // namespace

std::string_view session_state_name(SessionState state) {
  switch (state) {
    case SessionState::kInProgress:
      return "in_progress";
    case SessionState::kCompleted:
      return "completed";
    case SessionState::kDismissed:
      return "dismissed";
  }
  return "in_progress";
}

std::string uuid_v4_from_bytes(const std::array<std::uint8_t, 16>& bytes) {
  std::array<std::uint8_t, 16> b = bytes;
  b[6] = static_cast<std::uint8_t>((b[6] & 0x0F) | 0x40);  // version 4
  b[8] = static_cast<std::uint8_t>((b[8] & 0x3F) | 0x80);  // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[b[i] >> 4];
    out += kHex[b[i] & 0x0F];
  }
  return out;
}

Json ResponseRecord::to_json() const {
  return Json{{"v", 1},
              {"surveyId", survey_id},
              {"surveyVersion", survey_version},
              {"idempotencyKey", idempotency_key},
              {"locale", locale},
              {"startedAt", started_at_ms},
              {"completedAt", completed_at_ms},
              {"answers", answers},
              {"npsClass", nps_class}};
}

Session::Session(std::shared_ptr<const SurveyDefinition> definition, SessionStart start)
    : definition_(std::move(definition)), start_(std::move(start)) {}

Result<Session> Session::start(std::shared_ptr<const SurveyDefinition> definition,
                               const SessionStart& start) {
  if (!definition) return Status(Code::kInternal, "no survey definition");
  TESSERA_RETURN_IF_ERROR(check_locale(start.locale, "/locale"));
  if (start.started_at_ms < 0) {
    return Status(Code::kOutOfRange, "expected epoch milliseconds >= 0", "/startedAt");
  }
  return Session(std::move(definition), start);
}

Status Session::answer(std::string_view question_id, const Json& value) {
  if (state_ != SessionState::kInProgress) {
    return Status(Code::kFailedPrecondition,
                  "the survey is " + std::string(session_state_name(state_)));
  }
  const Page& page = definition_->pages[page_index_];
  auto it = std::find_if(page.questions.begin(), page.questions.end(),
                         [&](const Question& q) { return q.id == question_id; });
  if (it == page.questions.end()) {
    if (definition_->find_question(question_id) != nullptr) {
      return Status(Code::kFailedPrecondition,
                    "question \"" + std::string(question_id) + "\" is not on the current page",
                    "/questionId");
    }
    return Status(Code::kNotFound, "no question \"" + std::string(question_id) + "\"",
                  "/questionId");
  }
  const Question& q = *it;
  const UiStrings& ui = ui_strings(start_.locale);
  std::string id(question_id);
  if (value.is_null()) {
    answers_.erase(id);
    errors_.erase(id);
    return Status::Ok();
  }
  switch (q.type) {
    case QuestionType::kNps: {
      auto score = read_int(value, "/value", 0, 10);
      if (!score.ok()) return score.status();
      break;
    }
    case QuestionType::kText: {
      if (!value.is_string()) {
        return Status(Code::kInvalidType, "expected a string", "/value");
      }
      auto length = static_cast<std::int64_t>(utf8_length(value.get_ref<const std::string&>()));
      if (length > q.text.max_length) {
        errors_[id] = format_count(ui.too_long, q.text.max_length);
        return Status(Code::kOutOfRange,
                      "expected at most " + std::to_string(q.text.max_length) + " characters",
                      "/value");
      }
      break;
    }
  }
  answers_[id] = value;
  errors_.erase(id);
  return Status::Ok();
}

bool Session::validate_page() {
  const UiStrings& ui = ui_strings(start_.locale);
  bool valid = true;
  for (const Question& q : definition_->pages[page_index_].questions) {
    auto it = answers_.find(q.id);
    const Json* value = it == answers_.end() ? nullptr : &*it;
    if (!is_answered(value)) {
      if (q.required) {
        errors_[q.id] = std::string(ui.required);
        valid = false;
      }
      continue;
    }
    if (q.type == QuestionType::kText) {
      auto length = static_cast<std::int64_t>(utf8_length(value->get_ref<const std::string&>()));
      if (length < q.text.min_length) {
        errors_[q.id] = format_count(ui.too_short, q.text.min_length);
        valid = false;
        continue;
      }
    }
    if (errors_.count(q.id) != 0) valid = false;
  }
  return valid;
}

Status Session::next() {
  if (state_ != SessionState::kInProgress) {
    return Status(Code::kFailedPrecondition,
                  "the survey is " + std::string(session_state_name(state_)));
  }
  if (page_index_ + 1 >= definition_->pages.size()) {
    return Status(Code::kFailedPrecondition, "this is the last page; complete the survey");
  }
  if (!validate_page()) {
    return Status(Code::kFailedPrecondition, "the page has unanswered or invalid questions");
  }
  ++page_index_;
  return Status::Ok();
}

Status Session::back() {
  if (state_ != SessionState::kInProgress) {
    return Status(Code::kFailedPrecondition,
                  "the survey is " + std::string(session_state_name(state_)));
  }
  if (page_index_ == 0) return Status(Code::kFailedPrecondition, "this is the first page");
  --page_index_;
  return Status::Ok();
}

Result<ResponseRecord> Session::complete(std::int64_t completed_at_ms,
                                         const std::array<std::uint8_t, 16>& key_entropy) {
  if (state_ != SessionState::kInProgress) {
    return Status(Code::kFailedPrecondition,
                  "the survey is " + std::string(session_state_name(state_)));
  }
  if (page_index_ + 1 != definition_->pages.size()) {
    return Status(Code::kFailedPrecondition, "pages remain; answer them first");
  }
  if (completed_at_ms < start_.started_at_ms) {
    return Status(Code::kOutOfRange, "completion time is before the start time", "/completedAt");
  }
  if (!validate_page()) {
    return Status(Code::kFailedPrecondition, "the page has unanswered or invalid questions");
  }
  ResponseRecord record;
  record.survey_id = definition_->id;
  record.survey_version = definition_->version;
  record.idempotency_key = uuid_v4_from_bytes(key_entropy);
  record.locale = start_.locale;
  record.started_at_ms = start_.started_at_ms;
  record.completed_at_ms = completed_at_ms;
  record.answers = answers_;
  for (const Page& page : definition_->pages) {
    for (const Question& q : page.questions) {
      auto it = answers_.find(q.id);
      if (q.type != QuestionType::kNps || it == answers_.end()) continue;
      auto cls = score::classify_nps(it->get<std::int64_t>());
      if (cls.ok()) record.nps_class[q.id] = std::string(score::nps_class_name(*cls));
    }
  }
  state_ = SessionState::kCompleted;
  return record;
}

Status Session::dismiss() {
  if (state_ != SessionState::kInProgress) {
    return Status(Code::kFailedPrecondition,
                  "the survey is " + std::string(session_state_name(state_)));
  }
  state_ = SessionState::kDismissed;
  return Status::Ok();
}

}  // namespace tessera::survey
