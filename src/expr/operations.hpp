// Operators and built-in functions of the expression machine. Each takes
// Values and returns a Value; none can fail (see docs/expressions.md for
// what each returns on operands of the wrong type).
#pragma once

#include <cstddef>

#include "program.hpp"
#include "tessera/expr/expression.hpp"
#include "value.hpp"

namespace tessera::expr {

// operators.cpp: comparisons, arithmetic, contains/anyof/allof/noneof.
Value apply_binary(BinaryOp op, const Value& a, const Value& b);
Value negate_number(const Value& v);

// functions.cpp: iif, aggregates, rounding, text; dates.cpp: date functions.
Value call_function(Function f, const Value* args, std::size_t count, const EvalContext& context);
Value call_date_function(Function f, const Value* args, std::size_t count,
                         const EvalContext& context);

// Aggregates, rounding and text functions take plain numbers where SurveyJS
// takes anything that "is a number": a number or numeric text.
std::optional<double> number_argument(const Value& v);

}  // namespace tessera::expr
