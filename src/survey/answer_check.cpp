// Answer shapes and checks per question type; see tessera/survey/question.hpp.
#include <algorithm>
#include <set>

#include "tessera/survey/question.hpp"
#include "tessera/survey/strings.hpp"

namespace tessera::survey {
namespace {

Status shape_error(std::string_view expected) {
  return Status(Code::kInvalidType, "expected " + std::string(expected), "/value");
}

bool has_choice(const std::vector<Choice>& choices, std::string_view value) {
  return std::any_of(choices.begin(), choices.end(),
                     [&](const Choice& c) { return c.value == value; });
}

// One choice value of a single/dropdown/multi question.
Status check_choice_value(const Question& q, const Json& v) {
  if (!v.is_string()) return shape_error("a choice value (string)");
  const auto& s = v.get_ref<const std::string&>();
  if (has_choice(q.choice.choices, s)) return Status::Ok();
  if (s == kOtherValue && q.choice.has_other) return Status::Ok();
  if (s == kNoneValue && q.choice.has_none) return Status::Ok();
  return Status(Code::kInvalidValue, "\"" + s + "\" is not a choice of this question", "/value");
}

Status check_scale(const ScaleSettings& s, const Json& value) {
  TESSERA_ASSIGN_OR_RETURN(auto v, read_int(value, "/value", s.min, s.max));
  if ((v - s.min) % s.step != 0) {
    return Status(Code::kOutOfRange, "not a point of the scale", "/value");
  }
  return Status::Ok();
}

Status check_multi(const Question& q, const Json& value) {
  if (!value.is_array()) return shape_error("an array of choice values");
  std::set<std::string> seen;
  for (const Json& v : value) {
    TESSERA_RETURN_IF_ERROR(check_choice_value(q, v));
    if (!seen.insert(v.get<std::string>()).second) {
      return Status(Code::kInvalidValue, "a choice appears twice", "/value");
    }
  }
  if (seen.count(std::string(kNoneValue)) != 0 && seen.size() > 1) {
    return Status(Code::kInvalidValue, "\"none\" excludes every other choice", "/value");
  }
  return Status::Ok();
}

Status check_ranking(const Question& q, const Json& value) {
  if (!value.is_array()) return shape_error("an array ranking every choice");
  std::set<std::string> seen;
  for (const Json& v : value) {
    if (!v.is_string() || !has_choice(q.choice.choices, v.get_ref<const std::string&>())) {
      return Status(Code::kInvalidValue, "a ranking holds only this question's choices", "/value");
    }
    seen.insert(v.get<std::string>());
  }
  if (seen.size() != value.size() || seen.size() != q.choice.choices.size()) {
    return Status(Code::kInvalidValue, "a ranking holds every choice exactly once", "/value");
  }
  return Status::Ok();
}

Status check_matrix(const Question& q, const Json& value) {
  if (!value.is_object()) return shape_error("an object mapping rows to columns");
  for (auto it = value.begin(); it != value.end(); ++it) {
    std::string at = pointer_join("/value", it.key());
    if (!has_choice(q.matrix.rows, it.key())) {
      return Status(Code::kInvalidValue, "not a row of this matrix", at);
    }
    if (!it->is_string() || !has_choice(q.matrix.columns, it->get_ref<const std::string&>())) {
      return Status(Code::kInvalidValue, "expected a column value of this matrix", at);
    }
  }
  return Status::Ok();
}

}  // namespace

std::string_view question_type_name(QuestionType type) {
  switch (type) {
    case QuestionType::kNps:
      return "nps";
    case QuestionType::kRating:
      return "rating";
    case QuestionType::kCsat:
      return "csat";
    case QuestionType::kCes:
      return "ces";
    case QuestionType::kSingle:
      return "single";
    case QuestionType::kDropdown:
      return "dropdown";
    case QuestionType::kMulti:
      return "multi";
    case QuestionType::kText:
      return "text";
    case QuestionType::kYesNo:
      return "yesno";
    case QuestionType::kMatrix:
      return "matrix";
    case QuestionType::kRanking:
      return "ranking";
    case QuestionType::kConsent:
      return "consent";
    case QuestionType::kStatement:
      return "statement";
  }
  return "text";
}

bool is_scale(QuestionType type) {
  return type == QuestionType::kNps || type == QuestionType::kRating ||
         type == QuestionType::kCsat || type == QuestionType::kCes;
}

std::string_view scale_display_name(ScaleDisplay display) {
  switch (display) {
    case ScaleDisplay::kNumbers:
      return "numbers";
    case ScaleDisplay::kStars:
      return "stars";
    case ScaleDisplay::kSmileys:
      return "smileys";
  }
  return "numbers";
}

std::string_view text_kind_name(TextKind kind) {
  switch (kind) {
    case TextKind::kText:
      return "text";
    case TextKind::kEmail:
      return "email";
    case TextKind::kNumber:
      return "number";
    case TextKind::kUrl:
      return "url";
  }
  return "text";
}

std::string out_of_range_message(const Question& q, std::string_view locale) {
  if (q.type == QuestionType::kText && q.text.kind == TextKind::kNumber) {
    const auto& min = q.text.min_value;
    const auto& max = q.text.max_value;
    if (min && max) return format_count(ui_text(locale, Msg::kNumberBetween), *min, *max);
    if (min) return format_count(ui_text(locale, Msg::kNumberAtLeast), *min);
    if (max) return format_count(ui_text(locale, Msg::kNumberAtMost), *max);
  }
  return format_count(ui_text(locale, Msg::kTooLong), q.text.max_length);
}

bool is_answered(const Json* value) {
  if (value == nullptr || value->is_null()) return false;
  if (value->is_string() || value->is_array() || value->is_object()) return !value->empty();
  return true;
}

Status check_answer(const Question& q, const Json& value) {
  switch (q.type) {
    case QuestionType::kNps:
    case QuestionType::kRating:
    case QuestionType::kCsat:
    case QuestionType::kCes:
      return check_scale(q.scale, value);
    case QuestionType::kSingle:
    case QuestionType::kDropdown:
      return check_choice_value(q, value);
    case QuestionType::kMulti:
      return check_multi(q, value);
    case QuestionType::kRanking:
      return check_ranking(q, value);
    case QuestionType::kMatrix:
      return check_matrix(q, value);
    case QuestionType::kYesNo:
      return value.is_boolean() ? Status::Ok() : shape_error("true or false");
    case QuestionType::kConsent:
      return value.is_boolean() ? Status::Ok() : shape_error("true or false");
    case QuestionType::kStatement:
      return Status(Code::kFailedPrecondition, "a statement takes no answer", "/value");
    case QuestionType::kText:
      if (q.text.kind == TextKind::kNumber) {
        if (!value.is_number()) return shape_error("a number");
        const double v = value.get<double>();
        if ((q.text.min_value && v < static_cast<double>(*q.text.min_value)) ||
            (q.text.max_value && v > static_cast<double>(*q.text.max_value))) {
          return Status(Code::kOutOfRange, "the number is outside the allowed range", "/value");
        }
        return Status::Ok();
      }
      if (!value.is_string()) return shape_error("a string");
      if (static_cast<std::int64_t>(utf8_length(value.get_ref<const std::string&>())) >
          q.text.max_length) {
        return Status(Code::kOutOfRange,
                      "expected at most " + std::to_string(q.text.max_length) + " characters",
                      "/value");
      }
      return Status::Ok();
  }
  return Status::Ok();
}

}  // namespace tessera::survey
