// Limits on what a survey definition may hold: one struct, one place for the
// defaults (documented in docs/limits.md). Refusing absurd input early keeps
// the widget fast and the parser and evaluator safe on hostile configs: a
// definition over any limit is refused with kLimitExceeded and the JSON
// pointer of the first thing that is too big, too deep or too long.
//
//   SurveyLimits limits;               // the defaults below
//   limits.max_questions = 300;        // a stricter site
//   auto def = parse_survey_text(text, limits);
//   // limit_exceeded at /pages/0/questions/12/visibleIf:
//   //   "expected at most 2000 characters"
//
// Every limit is inclusive: a definition exactly at a limit is accepted.
#pragma once

#include <cstddef>
#include <cstdint>

#include "tessera/common/json.hpp"
#include "tessera/expr/expression.hpp"

namespace tessera::survey {

struct SurveyLimits {
  // The whole definition.
  std::size_t max_definition_bytes = 512 * 1024;  // JSON text (compact form if given as a value)
  int max_nesting = 16;                           // nested arrays and objects
  std::size_t max_pages = 100;
  std::size_t max_questions_per_page = 200;
  std::size_t max_questions = 1000;
  std::size_t max_choices = 200;  // per question: choices, matrix rows, matrix columns
  std::size_t max_jumps_per_page = 50;
  std::size_t max_calculated_values = 100;
  std::size_t max_variants = 10;

  // Strings, in code points (what a person calls length).
  std::size_t max_title_length = 1000;        // titles, labels, choice texts, placeholders
  std::size_t max_description_length = 5000;  // descriptions, thank-you and recovery texts
  std::size_t max_pattern_length = 500;       // a text question's "pattern"

  // Expressions (visibleIf, enableIf, requiredIf, jumps, calculated values).
  std::size_t max_expression_length = 2000;  // code points
  int max_expression_depth = 32;             // nesting of (), [], calls and prefix operators
  std::size_t max_expression_nodes = 1024;   // operands + operators once compiled

  // Answers.
  std::int64_t max_text_answer_length = 10000;  // the largest "maxLength" a text question may set

  // The limits tessera::expr applies when the definition's expressions are
  // compiled (SurveyLogic::compile). Length is in bytes there: a code point
  // takes at most 4.
  expr::ExprLimits expression_limits() const {
    expr::ExprLimits e;
    e.max_length = 4 * max_expression_length;
    e.max_depth = max_expression_depth;
    e.max_nodes = max_expression_nodes;
    return e;
  }
  JsonLimits json_limits() const { return JsonLimits{max_definition_bytes, max_nesting}; }
};

// Checks the size and nesting of a definition given as a JSON value (one
// that did not come from text parse_json already limited): kLimitExceeded at
// `path` when its compact serialization is longer than max_definition_bytes,
// or at the pointer of the first value nested deeper than max_nesting.
Status check_definition_size(const Json& value, const std::string& path,
                             const SurveyLimits& limits);

}  // namespace tessera::survey
