// Session answers, validation and navigation; see tessera/survey/session.hpp.
#include "tessera/survey/session.hpp"

#include <algorithm>

#include "tessera/survey/strings.hpp"

namespace tessera::survey {
namespace {

Status not_in_progress(SessionState state) {
  return Status(Code::kFailedPrecondition,
                "the survey is " + std::string(session_state_name(state)));
}

constexpr std::string_view kOtherSuffix = "-other";

bool ends_with_other(std::string_view id) {
  return id.size() > kOtherSuffix.size() &&
         id.substr(id.size() - kOtherSuffix.size()) == kOtherSuffix;
}

// A light structural check; the point is catching typos, not RFC 5322.
bool looks_like_email(std::string_view s) {
  auto at = s.find('@');
  if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  auto dot = s.find('.', at + 2);
  return dot != std::string_view::npos && dot + 1 < s.size() &&
         s.find(' ') == std::string_view::npos;
}

bool looks_like_url(std::string_view s) {
  for (std::string_view scheme : {"https://", "http://"}) {
    if (s.substr(0, scheme.size()) == scheme) {
      return s.size() > scheme.size() + 2 && s.find(' ') == std::string_view::npos &&
             s.find('.', scheme.size()) != std::string_view::npos;
    }
  }
  return false;
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

Session::Session(std::shared_ptr<const SurveyDefinition> definition,
                 std::shared_ptr<const SurveyLogic> logic, SessionStart start)
    : definition_(std::move(definition)),
      logic_(std::move(logic)),
      start_(std::move(start)),
      context_{start_.started_at_ms, 0} {}

Result<Session> Session::start(std::shared_ptr<const SurveyDefinition> definition,
                               std::shared_ptr<const SurveyLogic> logic,
                               const SessionStart& start) {
  if (!definition || !logic) return Status(Code::kInternal, "no survey definition");
  TESSERA_RETURN_IF_ERROR(check_locale(start.locale, "/locale"));
  if (start.started_at_ms < 0) {
    return Status(Code::kOutOfRange, "expected epoch milliseconds >= 0", "/startedAt");
  }
  if (start.visitor_id.size() > 128) {
    return Status(Code::kLimitExceeded, "expected at most 128 characters", "/visitorId");
  }
  if (logic->dependencies().questions.size() != definition->question_count() ||
      logic->dependencies().page_visible.size() != definition->pages.size()) {
    return Status(Code::kInternal, "the logic was compiled from another definition");
  }
  Session s(std::move(definition), std::move(logic), start);
  s.incremental_ = s.logic_->dependencies().incremental;
  s.variant_ = assign_variant(*s.definition_,
                              start.visitor_id.empty() ? start.response_id : start.visitor_id);
  s.refresh();
  // Start on the first visible page; a survey whose every page is hidden
  // for this respondent starts on its first page rather than nowhere.
  if (!s.holds(s.logic_->dependencies().page_visible[0])) {
    int first = s.next_page_index();
    if (first > 0) s.page_index_ = static_cast<std::size_t>(first);
  }
  return s;
}

Status Session::answer(std::string_view question_id, const Json& value) {
  if (state_ != SessionState::kInProgress) return not_in_progress(state_);
  bool other_text = ends_with_other(question_id);
  std::string id(other_text ? question_id.substr(0, question_id.size() - kOtherSuffix.size())
                            : question_id);
  const Dependencies& deps = logic_->dependencies();
  long flat = deps.index_of(id);
  const QuestionConditions* conditions =
      flat < 0 ? nullptr : &deps.questions[static_cast<std::size_t>(flat)];
  const Question* q =
      conditions == nullptr
          ? nullptr
          : &definition_->pages[conditions->page].questions[conditions->index_in_page];
  if (q == nullptr || (other_text && !q->choice.has_other)) {
    return Status(Code::kNotFound, "no question \"" + std::string(question_id) + "\"",
                  "/questionId");
  }
  if (conditions->page != page_index_) {
    return Status(Code::kFailedPrecondition, "question \"" + id + "\" is not on the current page",
                  "/questionId");
  }
  if (!holds(conditions->visible) || !holds(conditions->enable)) {
    return Status(Code::kFailedPrecondition, "question \"" + id + "\" is hidden or disabled",
                  "/questionId");
  }
  std::string key(question_id);
  if (value.is_null()) {
    answers_.erase(key);
    errors_.erase(id);
    answer_changed(key, static_cast<std::uint32_t>(flat));
    return Status::Ok();
  }
  if (other_text) {
    if (!value.is_string()) return Status(Code::kInvalidType, "expected a string", "/value");
    if (utf8_length(value.get_ref<const std::string&>()) > 1000) {
      errors_[id] = format_count(ui_text(start_.locale, Msg::kTooLong), 1000);
      return Status(Code::kOutOfRange, "expected at most 1000 characters", "/value");
    }
  } else {
    Status st = check_answer(*q, value);
    if (!st.ok()) {
      // Shape errors are a caller's bug; value errors are the respondent's
      // to fix, so they are shown.
      if (st.code() == Code::kOutOfRange && q->type == QuestionType::kText) {
        errors_[id] = out_of_range_message(*q, start_.locale);
      }
      return st;
    }
    if (q->type == QuestionType::kMulti && q->choice.max_selected > 0 &&
        static_cast<std::int64_t>(value.size()) > q->choice.max_selected) {
      errors_[id] =
          format_count(ui_text(start_.locale, Msg::kSelectAtMost), q->choice.max_selected);
      return Status(Code::kOutOfRange, "too many choices", "/value");
    }
  }
  answers_[key] = value;
  errors_.erase(id);
  answer_changed(key, static_cast<std::uint32_t>(flat));
  return Status::Ok();
}

bool Session::validate_page() {
  const std::string& loc = start_.locale;
  const Json& vals = values();
  bool valid = true;
  auto fail = [&](const Question& q, std::string message) {
    errors_[q.id] = std::move(message);
    valid = false;
  };
  const Dependencies& deps = logic_->dependencies();
  const auto& questions = definition_->pages[page_index_].questions;
  for (std::size_t i = 0; i < questions.size(); ++i) {
    const Question& q = questions[i];
    const QuestionConditions& conditions = deps.questions[deps.page_first[page_index_] + i];
    if (!holds(conditions.visible) || q.type == QuestionType::kStatement) continue;
    auto it = answers_.find(q.id);
    const Json* value = it == answers_.end() ? nullptr : &*it;
    bool required = q.required || (conditions.required != kAlways && holds(conditions.required));
    if (!is_answered(value) || (q.type == QuestionType::kConsent && *value != true)) {
      if (required) {
        fail(q, std::string(ui_text(
                    loc, q.type == QuestionType::kConsent ? Msg::kConsentNeeded : Msg::kRequired)));
      }
      continue;
    }
    if (errors_.count(q.id) != 0) {
      valid = false;
      continue;
    }
    bool chose_other = (value->is_string() && *value == kOtherValue) ||
                       (value->is_array() &&
                        std::find(value->begin(), value->end(), Json(kOtherValue)) != value->end());
    if (chose_other && !is_answered(vals.contains(q.id + std::string(kOtherSuffix))
                                        ? &vals[q.id + std::string(kOtherSuffix)]
                                        : nullptr)) {
      fail(q, std::string(ui_text(loc, Msg::kOtherNeeded)));
      continue;
    }
    switch (q.type) {
      case QuestionType::kMulti:
        if (static_cast<std::int64_t>(value->size()) < q.choice.min_selected &&
            *value != Json::array({kNoneValue})) {
          fail(q, format_count(ui_text(loc, Msg::kSelectAtLeast), q.choice.min_selected));
        }
        break;
      case QuestionType::kMatrix:
        // Every row shown needs an answer; a hidden row cannot have one.
        if (required &&
            std::any_of(q.matrix.rows.begin(), q.matrix.rows.end(), [&](const Choice& r) {
              return logic_->holds(r.visible_if, vals, context_) && !value->contains(r.value);
            })) {
          fail(q, std::string(ui_text(loc, Msg::kEveryRow)));
        }
        break;
      case QuestionType::kText: {
        if (!value->is_string()) break;
        const auto& s = value->get_ref<const std::string&>();
        if (static_cast<std::int64_t>(utf8_length(s)) < q.text.min_length) {
          fail(q, format_count(ui_text(loc, Msg::kTooShort), q.text.min_length));
        } else if (q.text.kind == TextKind::kEmail && !looks_like_email(s)) {
          fail(q, std::string(ui_text(loc, Msg::kInvalidEmail)));
        } else if (q.text.kind == TextKind::kUrl && !looks_like_url(s)) {
          fail(q, std::string(ui_text(loc, Msg::kInvalidUrl)));
        } else if (!logic_->matches_pattern(q.id, s)) {
          fail(q, q.text.pattern_message.empty()
                      ? std::string(ui_text(loc, Msg::kPatternMismatch))
                      : q.text.pattern_message.resolve(loc, definition_->default_locale));
        }
        break;
      }
      default:
        break;
    }
  }
  return valid;
}

int Session::next_page_index() const {
  const Dependencies& deps = logic_->dependencies();
  const Page& page = definition_->pages[page_index_];
  std::size_t from = page_index_ + 1;
  for (std::size_t j = 0; j < page.jumps.size(); ++j) {
    if (holds(deps.jumps[page_index_][j])) {
      const Jump& jump = page.jumps[j];
      if (jump.to_page == "end") return -1;
      from = static_cast<std::size_t>(definition_->page_index(jump.to_page));
      break;
    }
  }
  for (std::size_t i = from; i < definition_->pages.size(); ++i) {
    if (holds(deps.page_visible[i])) return static_cast<int>(i);
  }
  return -1;
}

bool Session::on_last_page() const { return next_page_index() < 0; }

Result<bool> Session::next() {
  if (state_ != SessionState::kInProgress) return not_in_progress(state_);
  if (on_last_page()) {
    return Status(Code::kFailedPrecondition, "this is the last page; complete the survey");
  }
  if (!validate_page()) return false;
  int target = next_page_index();
  history_.push_back(page_index_);
  page_index_ = static_cast<std::size_t>(target);
  ++commits_;
  return true;
}

Status Session::back() {
  if (state_ != SessionState::kInProgress) return not_in_progress(state_);
  if (history_.empty()) return Status(Code::kFailedPrecondition, "this is the first page");
  page_index_ = history_.back();
  history_.pop_back();
  return Status::Ok();
}

Status Session::dismiss() {
  if (state_ != SessionState::kInProgress) return not_in_progress(state_);
  state_ = SessionState::kDismissed;
  return Status::Ok();
}

}  // namespace tessera::survey
