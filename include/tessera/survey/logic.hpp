// SurveyLogic: every expression of a survey definition (visibleIf,
// enableIf, requiredIf, choice visibility, page visibility, jumps,
// calculated values), compiled once with the product's expression language
// (tessera/expr) and evaluated against the respondent's values.
//
//   auto logic = SurveyLogic::compile(def, "/surveys/0");
//   // error: invalid_value at /surveys/0/pages/0/questions/2/visibleIf:
//   //        expected ')' at character 14
//   (*logic)->holds("{nps} <= 6", values);   // an empty condition holds
//   (*logic)->pipe("Why {nps}?", values);     // "Why 4?"
//
// compile() also builds the dependency index (tessera/survey/dependencies.hpp)
// that sessions use to re-evaluate only what an answer change affects; the
// id-based calls below are for them.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "tessera/common/json.hpp"
#include "tessera/common/pattern.hpp"
#include "tessera/expr/expression.hpp"
#include "tessera/survey/definition.hpp"
#include "tessera/survey/dependencies.hpp"

namespace tessera::survey {

class SurveyLogic {
 public:
  static Result<std::shared_ptr<const SurveyLogic>> compile(const SurveyDefinition& def,
                                                            const std::string& path = "");

  // Whether `condition` (one of the definition's expressions) holds for
  // `values`. The empty condition always holds; an expression that does not
  // evaluate to a truthy value does not.
  // `context` gives today() its date; sessions pass their start time.
  bool holds(const std::string& condition, const Json& values,
             const expr::EvalContext& context = {}) const;
  // The value of one of the definition's expressions (calculated values).
  Json evaluate(const std::string& expression, const Json& values,
                const expr::EvalContext& context = {}) const;
  // Replaces {name} and {name.path[0]} in a text with the value's plain text;
  // unknown or empty values become "". Text only: the result is never HTML.
  static std::string pipe(std::string_view text, const Json& values);
  // Whether a text answer matches its question's "pattern" (true when the
  // question has none).
  bool matches_pattern(const std::string& question_id, std::string_view text) const;

  // The same by expression id (see dependencies()): kAlways always holds.
  bool holds(ExprId id, const Json& values, const expr::EvalContext& context = {}) const {
    return id == kAlways || expressions_[id].test(values, context);
  }
  Json evaluate(ExprId id, const Json& values, const expr::EvalContext& context = {}) const {
    return id == kAlways ? Json() : expressions_[id].evaluate(values, context);
  }
  std::size_t expression_count() const { return expressions_.size(); }
  // The id of one of the definition's expressions; kAlways for "".
  ExprId id_of(const std::string& expression) const;
  const Dependencies& dependencies() const { return dependencies_; }

 private:
  // dependencies.cpp: fills dependencies_ once every expression is compiled.
  void index_dependencies(const SurveyDefinition& def);

  std::vector<expr::Expression> expressions_;    // by ExprId
  std::unordered_map<std::string, ExprId> ids_;  // text -> ExprId
  Dependencies dependencies_;
  std::unordered_map<std::string, Pattern> patterns_;  // question id -> pattern
};

}  // namespace tessera::survey
