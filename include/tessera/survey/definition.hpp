// Survey definitions: the JSON a merchant writes, parsed and checked once.
//
//   {
//     "id": "post-purchase", "version": 1, "defaultLocale": "en",
//     "title": "Quick question",
//     "pages": [{
//       "id": "p1",
//       "questions": [
//         {"id": "nps", "type": "nps", "required": true,
//          "title": "How likely are you to recommend us to a friend?",
//          "minLabel": "Not at all likely", "maxLabel": "Extremely likely"},
//         {"id": "reason", "type": "text", "title": "What is the main reason?",
//          "maxLength": 500}
//       ]
//     }],
//     "thankYou": "Thank you!"
//   }
//
// parse_survey() refuses anything malformed with a Status whose path is a
// JSON pointer into the definition, e.g. "/pages/0/questions/1/maxLength".
// Question types: "nps" (0-10 scale, end labels) and "text" (free text).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tessera/common/json.hpp"
#include "tessera/common/text.hpp"

namespace tessera::survey {

// Limits on what a definition may hold; refusing absurd input early keeps
// the widget fast and the parser safe on hostile configs.
struct SurveyLimits {
  std::size_t max_pages = 100;
  std::size_t max_questions_per_page = 200;
  std::size_t max_title_length = 1000;        // code points
  std::size_t max_description_length = 5000;  // code points
  std::int64_t max_text_answer_length = 10000;
};

enum class QuestionType { kNps, kText };

std::string_view question_type_name(QuestionType type);

struct NpsSettings {
  LocalizedText min_label;  // shown under 0; empty -> built-in string
  LocalizedText max_label;  // shown under 10; empty -> built-in string
};

struct TextSettings {
  std::int64_t min_length = 0;     // code points, checked when the page is committed
  std::int64_t max_length = 1000;  // code points, checked on every answer
  bool multiline = true;
  LocalizedText placeholder;
};

struct Question {
  std::string id;
  QuestionType type = QuestionType::kText;
  LocalizedText title;
  LocalizedText description;
  bool required = false;
  NpsSettings nps;    // meaningful when type == kNps
  TextSettings text;  // meaningful when type == kText
};

struct Page {
  std::string id;
  LocalizedText title;
  std::vector<Question> questions;
};

struct SurveyDefinition {
  std::string id;
  std::int64_t version = 1;
  std::string default_locale = "en";
  LocalizedText title;
  LocalizedText thank_you;
  std::vector<Page> pages;

  // Locates a question by id; nullptr if absent.
  const Question* find_question(std::string_view question_id) const;
  std::size_t question_count() const;
};

// Parses a definition from a JSON value; `path` prefixes error pointers
// (a survey inside a site config lives at "/surveys/2", say).
Result<SurveyDefinition> parse_survey(const Json& value, const std::string& path = "",
                                      const SurveyLimits& limits = {});

// Parses a definition from JSON text.
Result<SurveyDefinition> parse_survey_text(std::string_view text, const SurveyLimits& limits = {});

}  // namespace tessera::survey
