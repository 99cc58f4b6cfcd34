// Survey definitions: the JSON a merchant writes, parsed and checked once.
//
//   {
//     "id": "post-purchase", "version": 1, "defaultLocale": "en",
//     "title": "Quick question",
//     "pages": [{
//       "id": "p1",
//       "questions": [
//         {"id": "nps", "type": "nps", "required": true,
//          "title": "How likely are you to recommend us to a friend?"},
//         {"id": "reason", "type": "text", "title": "What is the main reason?",
//          "visibleIf": "{nps} notempty"}
//       ],
//       "jumps": [{"if": "{nps} >= 9", "to": "end"}]
//     }],
//     "calculatedValues": [{"name": "promoter", "expression": "{nps} >= 9"}],
//     "thankYou": "Thank you!"
//   }
//
// parse_survey() refuses anything malformed with a Status whose path is a
// JSON pointer into the definition, e.g. "/pages/0/questions/1/maxLength".
// Question types and answer shapes: tessera/survey/question.hpp.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tessera/common/json.hpp"
#include "tessera/common/text.hpp"
#include "tessera/expr/expression.hpp"
#include "tessera/survey/question.hpp"

namespace tessera::survey {

// Leaving a page when `condition` holds goes to page `to_page` instead of
// the next one; "end" finishes the survey.
struct Jump {
  std::string condition;
  std::string to_page;  // a page id, or "end"
};

struct Page {
  std::string id;
  LocalizedText title;
  LocalizedText description;
  std::string visible_if;  // expression; a hidden page is skipped
  bool randomize_questions = false;
  std::vector<Question> questions;
  std::vector<Jump> jumps;
};

// A named value computed from answers, usable in expressions and piping.
struct CalculatedValue {
  std::string name;
  std::string expression;
};

// Service recovery: when `condition` holds at the end (say "{nps} <= 6"),
// a last page apologises, asks whether the shop may get in touch and how,
// and may offer goodwill points (granted only when the merchant's server
// confirms). parse_survey expands it into a page "recovery" whose
// questions are recovery_apology, recovery_contact, recovery_channel and
// recovery_goodwill; the record's followUp says what the merchant must do.
struct Recovery {
  std::string condition;
  std::string channel = "email";  // "email" or "phone": what recovery_channel asks for
  std::int64_t goodwill_points = 0;
  // The loyalty event a goodwill offer claims. With a loyalty program in the
  // site config, the program's rules for this event decide the points (so
  // the merchant's server, re-running them, confirms the same number).
  std::string goodwill_event = "service_recovery";
};

// An A/B variant: a weight and text overrides per question id.
struct Variant {
  std::string id;
  std::int64_t weight = 1;
  struct Texts {
    LocalizedText title, description, min_label, max_label;
  };
  std::map<std::string, Texts> texts;  // question id -> overrides
};

struct SurveyDefinition {
  std::string id;
  std::int64_t version = 1;
  std::string default_locale = "en";
  LocalizedText title;
  LocalizedText thank_you;
  std::vector<Page> pages;
  std::vector<CalculatedValue> calculated_values;
  std::optional<Recovery> recovery;
  std::vector<Variant> variants;  // empty: no A/B test
  // The instrument the survey implements and its scoring hints, carried
  // through to reports (e.g. {"instrument": "servqual"}); not interpreted here.
  Json scoring;
  // Answers of questions that become hidden are removed, so a record never
  // holds an answer to a question the respondent could not see.
  bool clear_hidden_answers = true;
  // What SurveyLogic::compile allows each expression (from the SurveyLimits
  // the definition was parsed with).
  expr::ExprLimits expression_limits;

  // Locates a question by id; nullptr if absent.
  const Question* find_question(std::string_view question_id) const;
  // Index of the page holding the question; -1 if absent.
  int page_of(std::string_view question_id) const;
  int page_index(std::string_view page_id) const;
  std::size_t question_count() const;
};

// Parts of parse_survey (definition_extras.cpp): A/B variants and the
// service-recovery page.
Status read_variants(const FieldReader& survey, const SurveyLimits& limits, SurveyDefinition& def);
Status read_recovery(const FieldReader& survey, const SurveyLimits& limits, SurveyDefinition& def);

// Parses a definition from a JSON value; `path` prefixes error pointers
// (a survey inside a site config lives at "/surveys/2", say).
Result<SurveyDefinition> parse_survey(const Json& value, const std::string& path = "",
                                      const SurveyLimits& limits = {});

// Parses a definition from JSON text.
Result<SurveyDefinition> parse_survey_text(std::string_view text, const SurveyLimits& limits = {});

}  // namespace tessera::survey
