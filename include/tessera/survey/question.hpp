// Questions: every type a survey can ask, the shape of its answer, and how
// an answer is checked.
//
//   type        answer value                         settings
//   nps         integer 0..10                        end labels
//   rating      integer min..max on step             scale (2-11 points), display
//   csat        integer 1..5                         scale, display
//   ces         integer 1..5 or 1..7                 scale ("points": 5 | 7)
//   single      choice value (string)                choices, other
//   dropdown    choice value (string)                choices, other, placeholder
//   multi       array of choice values               choices, other, none, min/max
//   text        string (number kind: a number)       kind, min/max length, pattern,
//                                                    min/max value (number kind)
//   yesno       boolean                              yes/no labels
//   matrix      {row value: column value}            rows, columns (a Likert scale)
//   ranking     array of every choice value, ranked  choices
//   consent     true                                 (always required)
//   statement   (no answer)                          title and description only
//
// "Other" is a reserved choice value: when chosen, its text is the answer
// of "<question id>-other". "none" is the reserved exclusive choice of multi.
//
//   auto q = parse_question(json, "/pages/0/questions/3", limits);
//   Status st = check_answer(*q, Json(11));  // kOutOfRange for an NPS
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tessera/common/json.hpp"
#include "tessera/common/text.hpp"
#include "tessera/survey/limits.hpp"

namespace tessera::survey {

enum class QuestionType {
  kNps,
  kRating,
  kCsat,
  kCes,
  kSingle,
  kDropdown,
  kMulti,
  kText,
  kYesNo,
  kMatrix,
  kRanking,
  kConsent,
  kStatement,
};

std::string_view question_type_name(QuestionType type);
// Types whose answer is one integer on a scale.
bool is_scale(QuestionType type);

enum class ScaleDisplay { kNumbers, kStars, kSmileys };
std::string_view scale_display_name(ScaleDisplay display);

enum class TextKind { kText, kEmail, kNumber, kUrl };
std::string_view text_kind_name(TextKind kind);

inline constexpr std::string_view kOtherValue = "other";
inline constexpr std::string_view kNoneValue = "none";

struct Choice {
  std::string value;  // an id: what answers and expressions see
  LocalizedText text;
  std::string visible_if;  // expression; empty = always visible
};

struct ScaleSettings {
  std::int64_t min = 0;
  std::int64_t max = 10;
  std::int64_t step = 1;
  ScaleDisplay display = ScaleDisplay::kNumbers;
  LocalizedText min_label;  // empty -> built-in label for the type
  LocalizedText max_label;
};

struct ChoiceSettings {
  std::vector<Choice> choices;
  bool has_other = false;
  LocalizedText other_text;  // empty -> built-in "Other"
  bool has_none = false;     // multi only
  LocalizedText none_text;   // empty -> built-in "None of these"
  std::int64_t min_selected = 0;
  std::int64_t max_selected = 0;  // 0 = no maximum
  LocalizedText placeholder;      // dropdown
  bool randomize = false;         // shuffle choices per respondent ("other"/"none" stay last)
};

struct TextSettings {
  TextKind kind = TextKind::kText;
  std::int64_t min_length = 0;     // code points, checked when the page is committed
  std::int64_t max_length = 1000;  // code points, checked on every answer
  bool multiline = false;
  LocalizedText placeholder;
  std::string pattern;  // a regular expression the whole answer must match
  LocalizedText pattern_message;
  // Number kind only: the smallest and largest number accepted (inclusive),
  // checked on every answer.
  std::optional<std::int64_t> min_value;
  std::optional<std::int64_t> max_value;
};

struct MatrixSettings {
  std::vector<Choice> rows;
  std::vector<Choice> columns;
};

struct Question {
  std::string id;
  QuestionType type = QuestionType::kText;
  LocalizedText title;
  LocalizedText description;
  bool required = false;
  std::string visible_if;   // expression; empty = always visible
  std::string enable_if;    // expression; empty = always enabled
  std::string required_if;  // expression; makes the question required when true
  ScaleSettings scale;      // nps, rating, csat, ces
  ChoiceSettings choice;    // single, dropdown, multi, ranking
  TextSettings text;        // text
  MatrixSettings matrix;    // matrix
  LocalizedText yes_label;  // yesno; empty -> built-in
  LocalizedText no_label;
};

// Parses one question object found at `path`.
Result<Question> parse_question(const Json& value, const std::string& path,
                                const SurveyLimits& limits);

// Checks the shape and range of an answer (not whether it is required).
// Errors are kInvalidType for a wrong JSON shape and kOutOfRange or
// kInvalidValue for values the respondent could fix; path "/value".
Status check_answer(const Question& q, const Json& value);

// The message shown for an answer check_answer() refused as kOutOfRange
// (too long a text, a number outside minValue..maxValue), in `locale`.
std::string out_of_range_message(const Question& q, std::string_view locale);

// Whether a stored answer counts as answered (empty strings, arrays and
// objects do not).
bool is_answered(const Json* value);

}  // namespace tessera::survey
