// Parsing of question objects, type by type; see tessera/survey/question.hpp.
#include <set>

#include "tessera/survey/question.hpp"

namespace tessera::survey {
namespace {

struct TypeInfo {
  std::string_view name;
  QuestionType type;
};

constexpr TypeInfo kTypes[] = {
    {"nps", QuestionType::kNps},
    {"rating", QuestionType::kRating},
    {"csat", QuestionType::kCsat},
    {"ces", QuestionType::kCes},
    {"single", QuestionType::kSingle},
    {"dropdown", QuestionType::kDropdown},
    {"multi", QuestionType::kMulti},
    {"text", QuestionType::kText},
    {"yesno", QuestionType::kYesNo},
    {"matrix", QuestionType::kMatrix},
    {"ranking", QuestionType::kRanking},
    {"consent", QuestionType::kConsent},
    {"statement", QuestionType::kStatement},
};

Result<QuestionType> read_type(const FieldReader& q) {
  TESSERA_ASSIGN_OR_RETURN(std::string type, q.required_string("type", 32));
  std::string names;
  for (const auto& t : kTypes) {
    if (t.name == type) return t.type;
    names += (names.empty() ? "" : ", ") + std::string(t.name);
  }
  return Status(Code::kInvalidValue,
                "unknown question type \"" + type + "\"; expected one of: " + names,
                q.path_of("type"));
}

Result<std::string> read_expression(const FieldReader& r, std::string_view key,
                                    const SurveyLimits& limits) {
  return r.optional_string(key, "", limits.max_expression_length);
}

// Choices: [{"value": "blue", "text": "Blue", "visibleIf": "..."}] or the
// shorthand ["blue", "green"] where the value doubles as the text.
Result<std::vector<Choice>> read_choices(const FieldReader& r, std::string_view key,
                                         const SurveyLimits& limits, std::size_t min_items,
                                         bool allow_reserved) {
  const Json* list = r.find(key);
  std::string at = r.path_of(key);
  if (list == nullptr) return Status(Code::kMissingField, "required field is missing", at);
  TESSERA_RETURN_IF_ERROR(expect_array(*list, at, min_items, limits.max_choices));
  std::vector<Choice> out;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const Json& item = (*list)[i];
    std::string item_path = pointer_join(at, i);
    Choice c;
    if (item.is_string()) {
      c.value = item.get<std::string>();
      TESSERA_RETURN_IF_ERROR(check_id(c.value, item_path));
      c.text = LocalizedText(c.value);
    } else {
      TESSERA_RETURN_IF_ERROR(expect_object(item, item_path));
      FieldReader cr(item, item_path);
      TESSERA_RETURN_IF_ERROR(cr.reject_unknown({"value", "text", "visibleIf"}));
      TESSERA_ASSIGN_OR_RETURN(c.value, cr.required_id("value"));
      TESSERA_ASSIGN_OR_RETURN(c.text, read_optional_text(cr, "text", limits.max_title_length));
      if (c.text.empty()) c.text = LocalizedText(c.value);
      TESSERA_ASSIGN_OR_RETURN(c.visible_if, read_expression(cr, "visibleIf", limits));
    }
    if (!allow_reserved && (c.value == kOtherValue || c.value == kNoneValue)) {
      return Status(Code::kInvalidValue,
                    "\"other\" and \"none\" are reserved; use \"hasOther\" / \"hasNone\"",
                    item_path);
    }
    if (!seen.insert(c.value).second) {
      return Status(Code::kDuplicateId, "choice value \"" + c.value + "\" is used twice",
                    item_path);
    }
    out.push_back(std::move(c));
  }
  return out;
}

Status read_scale(const FieldReader& q, QuestionType type, const SurveyLimits& limits,
                  ScaleSettings& s) {
  TESSERA_ASSIGN_OR_RETURN(s.min_label, read_optional_text(q, "minLabel", limits.max_title_length));
  TESSERA_ASSIGN_OR_RETURN(s.max_label, read_optional_text(q, "maxLabel", limits.max_title_length));
  TESSERA_ASSIGN_OR_RETURN(std::string display, q.optional_string("display", "numbers", 16));
  if (display == "numbers") {
    s.display = ScaleDisplay::kNumbers;
  } else if (display == "stars") {
    s.display = ScaleDisplay::kStars;
  } else if (display == "smileys") {
    s.display = ScaleDisplay::kSmileys;
  } else {
    return Status(Code::kInvalidValue, "expected \"numbers\", \"stars\" or \"smileys\"",
                  q.path_of("display"));
  }
  switch (type) {
    case QuestionType::kNps: {
      // NPS is defined on exactly 0..10; a scale may be stated but not
      // changed, or scores would not be comparable with anyone else's NPS.
      s = ScaleSettings{0, 10, 1, s.display, s.min_label, s.max_label};
      if (const Json* scale = q.find("scale")) {
        std::string at = q.path_of("scale");
        TESSERA_RETURN_IF_ERROR(expect_object(*scale, at));
        FieldReader sr(*scale, at);
        TESSERA_RETURN_IF_ERROR(sr.reject_unknown({"min", "max"}));
        for (auto [key, fixed] : {std::pair<const char*, std::int64_t>{"min", 0}, {"max", 10}}) {
          TESSERA_ASSIGN_OR_RETURN(auto v, sr.optional_int(key, fixed, INT32_MIN, INT32_MAX));
          if (v != fixed) {
            return Status(Code::kOutOfRange,
                          "an NPS scale is always 0 to 10, so " + std::string(key) + " must be " +
                              std::to_string(fixed) + ", got " + std::to_string(v),
                          sr.path_of(key));
          }
        }
      }
      return Status::Ok();
    }
    case QuestionType::kCsat:
      s.min = 1;
      s.max = 5;
      return Status::Ok();
    case QuestionType::kCes: {
      TESSERA_ASSIGN_OR_RETURN(auto points, q.optional_int("points", 7, 5, 7));
      if (points != 5 && points != 7) {
        return Status(Code::kOutOfRange, "a CES scale has 5 or 7 points", q.path_of("points"));
      }
      s.min = 1;
      s.max = points;
      return Status::Ok();
    }
    default:
      break;
  }
  // rating: any range of 2 to 11 points.
  TESSERA_ASSIGN_OR_RETURN(s.min, q.optional_int("min", 1, -100, 100));
  TESSERA_ASSIGN_OR_RETURN(s.step, q.optional_int("step", 1, 1, 100));
  TESSERA_ASSIGN_OR_RETURN(s.max, q.optional_int("max", 5, -100, 100));
  if (s.max <= s.min || (s.max - s.min) % s.step != 0) {
    return Status(Code::kOutOfRange, "expected max above min, reachable from min in steps",
                  q.path_of("max"));
  }
  std::int64_t points = (s.max - s.min) / s.step + 1;
  if (points < 2 || points > 11) {
    return Status(Code::kOutOfRange,
                  "a rating scale has 2 to 11 points, this one has " + std::to_string(points),
                  q.path_of("max"));
  }
  return Status::Ok();
}

Status read_choice_settings(const FieldReader& q, QuestionType type, const SurveyLimits& limits,
                            ChoiceSettings& c) {
  bool ranking = type == QuestionType::kRanking;
  TESSERA_ASSIGN_OR_RETURN(c.choices, read_choices(q, "choices", limits, ranking ? 2 : 1, false));
  TESSERA_ASSIGN_OR_RETURN(c.randomize, q.optional_bool("randomize", false));
  if (ranking) return Status::Ok();
  TESSERA_ASSIGN_OR_RETURN(c.has_other, q.optional_bool("hasOther", false));
  TESSERA_ASSIGN_OR_RETURN(c.other_text,
                           read_optional_text(q, "otherText", limits.max_title_length));
  if (type == QuestionType::kDropdown) {
    TESSERA_ASSIGN_OR_RETURN(c.placeholder,
                             read_optional_text(q, "placeholder", limits.max_title_length));
  }
  if (type != QuestionType::kMulti) return Status::Ok();
  TESSERA_ASSIGN_OR_RETURN(c.has_none, q.optional_bool("hasNone", false));
  TESSERA_ASSIGN_OR_RETURN(c.none_text, read_optional_text(q, "noneText", limits.max_title_length));
  auto options = static_cast<std::int64_t>(c.choices.size()) + (c.has_other ? 1 : 0);
  TESSERA_ASSIGN_OR_RETURN(c.min_selected, q.optional_int("minSelected", 0, 0, options));
  TESSERA_ASSIGN_OR_RETURN(c.max_selected, q.optional_int("maxSelected", 0, 0, options));
  if (c.max_selected != 0 && c.max_selected < c.min_selected) {
    return Status(Code::kOutOfRange, "maxSelected is below minSelected", q.path_of("maxSelected"));
  }
  return Status::Ok();
}

Status read_text_settings(const FieldReader& q, const SurveyLimits& limits, TextSettings& t) {
  TESSERA_ASSIGN_OR_RETURN(std::string kind, q.optional_string("inputKind", "text", 16));
  if (kind == "text") {
    t.kind = TextKind::kText;
  } else if (kind == "email") {
    t.kind = TextKind::kEmail;
  } else if (kind == "number") {
    t.kind = TextKind::kNumber;
  } else if (kind == "url") {
    t.kind = TextKind::kUrl;
  } else {
    return Status(Code::kInvalidValue, "expected \"text\", \"email\", \"number\" or \"url\"",
                  q.path_of("inputKind"));
  }
  TESSERA_ASSIGN_OR_RETURN(
      t.max_length,
      q.optional_int("maxLength", std::min<std::int64_t>(1000, limits.max_text_answer_length), 1,
                     limits.max_text_answer_length));
  TESSERA_ASSIGN_OR_RETURN(t.min_length, q.optional_int("minLength", 0, 0, t.max_length));
  TESSERA_ASSIGN_OR_RETURN(t.multiline, q.optional_bool("multiline", t.kind == TextKind::kText));
  TESSERA_ASSIGN_OR_RETURN(t.placeholder,
                           read_optional_text(q, "placeholder", limits.max_title_length));
  TESSERA_ASSIGN_OR_RETURN(t.pattern, q.optional_string("pattern", "", limits.max_pattern_length));
  TESSERA_ASSIGN_OR_RETURN(t.pattern_message,
                           read_optional_text(q, "patternMessage", limits.max_title_length));
  // Bounds of a number answer; integers, so that messages and checks agree
  // exactly on every platform.
  constexpr std::int64_t kBound = 1'000'000'000'000'000;
  for (auto [key, field] : {std::pair<const char*, std::optional<std::int64_t> TextSettings::*>{
                                "minValue", &TextSettings::min_value},
                            {"maxValue", &TextSettings::max_value}}) {
    if (!q.has(key)) continue;
    if (t.kind != TextKind::kNumber) {
      return Status(Code::kInvalidValue, "only a question with \"inputKind\": \"number\" has it",
                    q.path_of(key));
    }
    TESSERA_ASSIGN_OR_RETURN(std::int64_t v, q.required_int(key, -kBound, kBound));
    t.*field = v;
  }
  if (t.min_value && t.max_value && *t.max_value < *t.min_value) {
    return Status(Code::kOutOfRange, "maxValue is below minValue", q.path_of("maxValue"));
  }
  return Status::Ok();
}

// The fields each type accepts, beyond the common ones.
std::vector<std::string_view> type_fields(QuestionType type) {
  switch (type) {
    case QuestionType::kNps:
      return {"minLabel", "maxLabel", "scale", "display"};
    case QuestionType::kCsat:
      return {"minLabel", "maxLabel", "display"};
    case QuestionType::kCes:
      return {"minLabel", "maxLabel", "display", "points"};
    case QuestionType::kRating:
      return {"minLabel", "maxLabel", "display", "min", "max", "step"};
    case QuestionType::kSingle:
      return {"choices", "hasOther", "otherText", "randomize"};
    case QuestionType::kDropdown:
      return {"choices", "hasOther", "otherText", "randomize", "placeholder"};
    case QuestionType::kMulti:
      return {"choices", "hasOther", "otherText",   "randomize",
              "hasNone", "noneText", "minSelected", "maxSelected"};
    case QuestionType::kText:
      return {"inputKind", "minLength",      "maxLength", "multiline", "placeholder",
              "pattern",   "patternMessage", "minValue",  "maxValue"};
    case QuestionType::kYesNo:
      return {"yesLabel", "noLabel"};
    case QuestionType::kMatrix:
      return {"rows", "columns"};
    case QuestionType::kRanking:
      return {"choices", "randomize"};
    case QuestionType::kConsent:
    case QuestionType::kStatement:
      return {};
  }
  return {};
}

}  // namespace

Result<Question> parse_question(const Json& value, const std::string& path,
                                const SurveyLimits& limits) {
  TESSERA_RETURN_IF_ERROR(expect_object(value, path));
  FieldReader q(value, path);
  Question out;
  TESSERA_ASSIGN_OR_RETURN(out.id, q.required_id("id"));
  TESSERA_ASSIGN_OR_RETURN(out.type, read_type(q));
  // Check unknown fields against the common ones plus the type's own.
  for (auto it = value.begin(); it != value.end(); ++it) {
    static constexpr std::string_view kCommon[] = {
        "id", "type", "title", "description", "required", "visibleIf", "enableIf", "requiredIf"};
    auto own = type_fields(out.type);
    bool known = std::find(std::begin(kCommon), std::end(kCommon), it.key()) != std::end(kCommon) ||
                 std::find(own.begin(), own.end(), it.key()) != own.end();
    if (!known) {
      return Status(
          Code::kUnknownField,
          "unknown field for a " + std::string(question_type_name(out.type)) + " question",
          q.path_of(it.key()));
    }
  }
  if (out.id.size() > 6 && out.id.compare(out.id.size() - 6, 6, "-other") == 0) {
    return Status(Code::kInvalidValue, "ids ending in \"-other\" are reserved", q.path_of("id"));
  }
  TESSERA_ASSIGN_OR_RETURN(out.title, read_optional_text(q, "title", limits.max_title_length));
  if (out.title.empty()) {
    return Status(Code::kMissingField, "every question needs a title", q.path_of("title"));
  }
  TESSERA_ASSIGN_OR_RETURN(out.description,
                           read_optional_text(q, "description", limits.max_description_length));
  TESSERA_ASSIGN_OR_RETURN(out.required, q.optional_bool("required", false));
  TESSERA_ASSIGN_OR_RETURN(out.visible_if, read_expression(q, "visibleIf", limits));
  TESSERA_ASSIGN_OR_RETURN(out.enable_if, read_expression(q, "enableIf", limits));
  TESSERA_ASSIGN_OR_RETURN(out.required_if, read_expression(q, "requiredIf", limits));
  switch (out.type) {
    case QuestionType::kNps:
    case QuestionType::kRating:
    case QuestionType::kCsat:
    case QuestionType::kCes:
      TESSERA_RETURN_IF_ERROR(read_scale(q, out.type, limits, out.scale));
      break;
    case QuestionType::kSingle:
    case QuestionType::kDropdown:
    case QuestionType::kMulti:
    case QuestionType::kRanking:
      TESSERA_RETURN_IF_ERROR(read_choice_settings(q, out.type, limits, out.choice));
      break;
    case QuestionType::kText: {
      TESSERA_RETURN_IF_ERROR(read_text_settings(q, limits, out.text));
      break;
    }
    case QuestionType::kYesNo: {
      TESSERA_ASSIGN_OR_RETURN(out.yes_label,
                               read_optional_text(q, "yesLabel", limits.max_title_length));
      TESSERA_ASSIGN_OR_RETURN(out.no_label,
                               read_optional_text(q, "noLabel", limits.max_title_length));
      break;
    }
    case QuestionType::kMatrix: {
      TESSERA_ASSIGN_OR_RETURN(out.matrix.rows, read_choices(q, "rows", limits, 1, true));
      TESSERA_ASSIGN_OR_RETURN(out.matrix.columns, read_choices(q, "columns", limits, 2, true));
      break;
    }
    case QuestionType::kConsent:
      out.required = true;  // a consent box exists to be ticked
      break;
    case QuestionType::kStatement:
      if (out.required) {
        return Status(Code::kInvalidValue, "a statement has no answer to require",
                      q.path_of("required"));
      }
      break;
  }
  return out;
}

}  // namespace tessera::survey
