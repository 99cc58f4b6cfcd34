// The words and symbols of the expression language, looked up by the parser.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "lexer.hpp"
#include "program.hpp"

namespace tessera::expr {

struct FunctionInfo {
  Function id;
  std::size_t min_args;
  std::size_t max_args;  // SIZE_MAX: any number up to ExprLimits::max_arguments
};

// nullptr for an unknown name. Names are case-sensitive, as in SurveyJS.
const FunctionInfo* find_function(std::string_view name);

// `=`, `<>`, `greaterorequal`, ...: true and sets `op` if `t` is one.
bool comparison_operator(const Token& t, BinaryOp& op);
// `contains`, `anyof`, ...: bind tighter than arithmetic, as in SurveyJS.
bool membership_operator(const Token& t, BinaryOp& op);

}  // namespace tessera::expr
