// The words and symbols of the language: functions with their arity, and
// the comparison and membership operators; see vocabulary.hpp.
#include "vocabulary.hpp"

#include <map>

namespace tessera::expr {

// Function names are case-sensitive, as in SurveyJS.
const FunctionInfo* find_function(std::string_view name) {
  static const std::map<std::string, FunctionInfo, std::less<>> table = {
      {"iif", {Function::kIif, 2, 3}},         {"sum", {Function::kSum, 0, SIZE_MAX}},
      {"min", {Function::kMin, 0, SIZE_MAX}},  {"max", {Function::kMax, 0, SIZE_MAX}},
      {"avg", {Function::kAvg, 0, SIZE_MAX}},  {"count", {Function::kCount, 0, SIZE_MAX}},
      {"round", {Function::kRound, 1, 2}},     {"trunc", {Function::kTrunc, 1, 2}},
      {"abs", {Function::kAbs, 1, 1}},         {"age", {Function::kAge, 1, 2}},
      {"today", {Function::kToday, 0, 1}},     {"dateDiff", {Function::kDateDiff, 2, 3}},
      {"dateAdd", {Function::kDateAdd, 2, 3}}, {"year", {Function::kYear, 0, 1}},
      {"month", {Function::kMonth, 0, 1}},     {"day", {Function::kDay, 0, 1}},
      {"weekday", {Function::kWeekday, 0, 1}}, {"substring", {Function::kSubstring, 2, 3}},
      {"length", {Function::kLength, 1, 1}},
  };
  auto it = table.find(name);
  return it == table.end() ? nullptr : &it->second;
}

// Comparison operators, symbols and SurveyJS's word forms.
bool comparison_operator(const Token& t, BinaryOp& op) {
  static const std::map<std::string, BinaryOp, std::less<>> table = {
      {"=", BinaryOp::kEqual},
      {"==", BinaryOp::kEqual},
      {"equal", BinaryOp::kEqual},
      {"!=", BinaryOp::kNotEqual},
      {"<>", BinaryOp::kNotEqual},
      {"notequal", BinaryOp::kNotEqual},
      {"<", BinaryOp::kLess},
      {"less", BinaryOp::kLess},
      {"<=", BinaryOp::kLessOrEqual},
      {"lessorequal", BinaryOp::kLessOrEqual},
      {">", BinaryOp::kGreater},
      {"greater", BinaryOp::kGreater},
      {">=", BinaryOp::kGreaterOrEqual},
      {"greaterorequal", BinaryOp::kGreaterOrEqual},
  };
  if (t.kind != TokenKind::kSymbol && t.kind != TokenKind::kWord) return false;
  auto it = table.find(t.text);
  if (it == table.end()) return false;
  op = it->second;
  return true;
}

// Membership operators. SurveyJS binds them tighter than any arithmetic:
// 2 * [3] contains 3 is 2 * ([3] contains 3).
bool membership_operator(const Token& t, BinaryOp& op) {
  static const std::map<std::string, BinaryOp, std::less<>> table = {
      {"contains", BinaryOp::kContains},
      {"contain", BinaryOp::kContains},
      {"*=", BinaryOp::kContains},
      {"notcontains", BinaryOp::kNotContains},
      {"notcontain", BinaryOp::kNotContains},
      {"anyof", BinaryOp::kAnyOf},
      {"allof", BinaryOp::kAllOf},
      {"noneof", BinaryOp::kNoneOf},
  };
  if (t.kind != TokenKind::kSymbol && t.kind != TokenKind::kWord) return false;
  auto it = table.find(t.text);
  if (it == table.end()) return false;
  op = it->second;
  return true;
}

}  // namespace tessera::expr
