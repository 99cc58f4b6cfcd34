// The compiled form of an expression: a flat postfix program run by a small
// stack machine (evaluate.cpp). Built by parser.cpp, never modified after.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <memory>
#include <string_view>

#include "tessera/common/json.hpp"
#include "tessera/expr/expression.hpp"

namespace tessera::expr {

enum class Op : std::uint8_t {
  kPushConst,     // arg: index into constants
  kPushVar,       // arg: index into slots
  kArray,         // arg: item count, popped into one array
  kCall,          // sub: Function, arg: argument count
  kNot,           // JavaScript-truthiness negation
  kNegate,        // arithmetic minus
  kEmpty,         // postfix `empty`
  kNotEmpty,      // postfix `notempty`
  kBinary,        // sub: BinaryOp
  kJumpIfFalsy,   // `and`: falsy top -> false, jump to arg; else pop it
  kJumpIfTruthy,  // `or`: truthy top -> true, jump to arg; else pop it
  kToBool,        // right operand of and/or becomes a boolean
};

enum class BinaryOp : std::uint8_t {
  kEqual,
  kNotEqual,
  kLess,
  kLessOrEqual,
  kGreater,
  kGreaterOrEqual,
  kPlus,
  kMinus,
  kMultiply,
  kDivide,
  kModulo,
  kPower,
  kContains,
  kNotContains,
  kAnyOf,
  kAllOf,
  kNoneOf,
};

enum class Function : std::uint8_t {
  kIif,
  kSum,
  kMin,
  kMax,
  kAvg,
  kCount,
  kRound,
  kTrunc,
  kAbs,
  kAge,
  kToday,
  kDateDiff,
  kDateAdd,
  kYear,
  kMonth,
  kDay,
  kWeekday,
  kSubstring,
  kLength,
};

struct Instr {
  Op op;
  std::uint8_t sub = 0;
  std::uint32_t arg = 0;
};

struct Program {
  std::string text;
  std::vector<Instr> code;
  std::vector<Json> constants;
  std::vector<VariableSlot> slots;
  std::vector<std::string> variables;  // sorted names
  std::vector<std::string> roots;      // sorted first segments
  std::size_t max_stack = 0;
};

// parser.cpp: text -> program, or the first error with its position.
Result<std::shared_ptr<const Program>> compile(std::string_view text, const std::string& path,
                                               const ExprLimits& limits);

}  // namespace tessera::expr
