// Recursive-descent parser that emits the postfix program directly; see
// program.hpp. Recursion happens only at (), [] and calls, each of which
// counts against ExprLimits::max_depth, so hostile nesting is refused long
// before the native stack is at risk. Prefix operators are collected in a
// loop, not by recursion.
#include <algorithm>
#include <cstdint>

#include "lexer.hpp"
#include "program.hpp"
#include "vocabulary.hpp"

namespace tessera::expr {
namespace {

bool is(const Token& t, TokenKind kind, std::string_view text) {
  return t.kind == kind && t.text == text;
}

class Parser {
 public:
  Parser(std::string_view text, std::vector<Token> tokens, const std::string& path,
         const ExprLimits& limits)
      : text_(text), tokens_(std::move(tokens)), path_(path), limits_(limits) {}

  Result<std::shared_ptr<const Program>> run() {
    program_ = std::make_shared<Program>();
    program_->text = std::string(text_);
    TESSERA_RETURN_IF_ERROR(expression());
    if (peek().kind != TokenKind::kEnd) return unexpected(peek());
    finish_variables();
    program_->max_stack = max_stack_;
    return std::shared_ptr<const Program>(std::move(program_));
  }

 private:
  const Token& peek() const { return tokens_[pos_]; }
  const Token& next() { return tokens_[pos_++]; }

  Status error(Code code, const std::string& what, std::size_t offset) const {
    return Status(code, what + " " + at_character(text_, offset), path_);
  }
  Status unexpected(const Token& t) const {
    if (t.kind == TokenKind::kEnd) {
      return error(Code::kInvalidValue, "unexpected end of expression", t.offset);
    }
    if (t.kind == TokenKind::kWord) {
      return error(Code::kInvalidValue,
                   "unexpected word '" + t.text + "' (quote text: '" + t.text + "')", t.offset);
    }
    return error(Code::kInvalidValue, "unexpected '" + token_text(t) + "'", t.offset);
  }
  std::string token_text(const Token& t) const {
    std::size_t end = tokens_[pos_ + (pos_ + 1 < tokens_.size() ? 1 : 0)].offset;
    if (end <= t.offset) end = text_.size();
    std::string_view s = text_.substr(t.offset, std::min<std::size_t>(end - t.offset, 20));
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return std::string(s);
  }

  Status emit(Op op, std::uint8_t sub, std::uint32_t arg, int stack_change, std::size_t offset) {
    if (program_->code.size() >= limits_.max_nodes) {
      return error(Code::kLimitExceeded,
                   "expression has more than " + std::to_string(limits_.max_nodes) + " operations",
                   offset);
    }
    program_->code.push_back(Instr{op, sub, arg});
    stack_ += stack_change;
    max_stack_ = std::max(max_stack_, static_cast<std::size_t>(stack_));
    return Status::Ok();
  }
  Status emit_const(Json value, std::size_t offset) {
    program_->constants.push_back(std::move(value));
    return emit(Op::kPushConst, 0, static_cast<std::uint32_t>(program_->constants.size() - 1), 1,
                offset);
  }
  Status enter(std::size_t offset) {
    if (++depth_ > limits_.max_depth) {
      return error(Code::kLimitExceeded,
                   "nesting deeper than " + std::to_string(limits_.max_depth) + " levels", offset);
    }
    return Status::Ok();
  }

  // expression := and ( ('or' | '||') and )*
  Status expression() {
    TESSERA_RETURN_IF_ERROR(conjunction());
    while (is(peek(), TokenKind::kWord, "or") || is(peek(), TokenKind::kSymbol, "||")) {
      TESSERA_RETURN_IF_ERROR(short_circuit(Op::kJumpIfTruthy, &Parser::conjunction));
    }
    return Status::Ok();
  }
  // and := not ( ('and' | '&&') not )*
  Status conjunction() {
    TESSERA_RETURN_IF_ERROR(negation());
    while (is(peek(), TokenKind::kWord, "and") || is(peek(), TokenKind::kSymbol, "&&")) {
      TESSERA_RETURN_IF_ERROR(short_circuit(Op::kJumpIfFalsy, &Parser::negation));
    }
    return Status::Ok();
  }
  Status short_circuit(Op jump, Status (Parser::*operand)()) {
    const std::size_t offset = next().offset;
    const std::size_t jump_at = program_->code.size();
    TESSERA_RETURN_IF_ERROR(emit(jump, 0, 0, -1, offset));
    TESSERA_RETURN_IF_ERROR((this->*operand)());
    TESSERA_RETURN_IF_ERROR(emit(Op::kToBool, 0, 0, 0, offset));
    program_->code[jump_at].arg = static_cast<std::uint32_t>(program_->code.size());
    return Status::Ok();
  }
  // not := 'not'* comparison. The word `not` binds looser than comparisons
  // (not {a} = 1 is not ({a} = 1)); `!` binds tightly, as in SurveyJS.
  Status negation() {
    std::size_t count = 0;
    while (is(peek(), TokenKind::kWord, "not")) {
      TESSERA_RETURN_IF_ERROR(enter(next().offset));
      ++count;
    }
    TESSERA_RETURN_IF_ERROR(comparison());
    for (std::size_t i = 0; i < count; ++i) {
      TESSERA_RETURN_IF_ERROR(emit(Op::kNot, 0, 0, 0, peek().offset));
      --depth_;
    }
    return Status::Ok();
  }
  // comparison := additive ( op additive )*, left to right as in SurveyJS.
  Status comparison() {
    TESSERA_RETURN_IF_ERROR(additive());
    BinaryOp op;
    while (comparison_operator(peek(), op)) {
      const std::size_t offset = next().offset;
      TESSERA_RETURN_IF_ERROR(additive());
      TESSERA_RETURN_IF_ERROR(emit(Op::kBinary, static_cast<std::uint8_t>(op), 0, -1, offset));
    }
    return Status::Ok();
  }
  Status additive() {
    TESSERA_RETURN_IF_ERROR(multiplicative());
    while (is(peek(), TokenKind::kSymbol, "+") || is(peek(), TokenKind::kSymbol, "-")) {
      const Token& t = next();
      const BinaryOp op = t.text == "+" ? BinaryOp::kPlus : BinaryOp::kMinus;
      TESSERA_RETURN_IF_ERROR(multiplicative());
      TESSERA_RETURN_IF_ERROR(emit(Op::kBinary, static_cast<std::uint8_t>(op), 0, -1, t.offset));
    }
    return Status::Ok();
  }
  Status multiplicative() {
    TESSERA_RETURN_IF_ERROR(power());
    while (peek().kind == TokenKind::kSymbol &&
           (peek().text == "*" || peek().text == "/" || peek().text == "%")) {
      const Token& t = next();
      const BinaryOp op = t.text == "*"   ? BinaryOp::kMultiply
                          : t.text == "/" ? BinaryOp::kDivide
                                          : BinaryOp::kModulo;
      TESSERA_RETURN_IF_ERROR(power());
      TESSERA_RETURN_IF_ERROR(emit(Op::kBinary, static_cast<std::uint8_t>(op), 0, -1, t.offset));
    }
    return Status::Ok();
  }
  // power := membership ( ('^' | 'power') membership )*, left to right: SurveyJS
  // reads 2^3^2 as 64.
  Status power() {
    TESSERA_RETURN_IF_ERROR(membership());
    while (is(peek(), TokenKind::kSymbol, "^") || is(peek(), TokenKind::kWord, "power")) {
      const std::size_t offset = next().offset;
      TESSERA_RETURN_IF_ERROR(membership());
      TESSERA_RETURN_IF_ERROR(
          emit(Op::kBinary, static_cast<std::uint8_t>(BinaryOp::kPower), 0, -1, offset));
    }
    return Status::Ok();
  }
  // membership := prefix ( ('contains' | 'anyof' | ...) prefix )*
  Status membership() {
    TESSERA_RETURN_IF_ERROR(prefix());
    BinaryOp op;
    while (membership_operator(peek(), op)) {
      const std::size_t offset = next().offset;
      TESSERA_RETURN_IF_ERROR(prefix());
      TESSERA_RETURN_IF_ERROR(emit(Op::kBinary, static_cast<std::uint8_t>(op), 0, -1, offset));
    }
    return Status::Ok();
  }
  // prefix := ('!' | 'negate' | '-')* postfix. A minus right before a number
  // is part of the number (so -2^2 is 4, as in SurveyJS).
  Status prefix() {
    std::vector<Op> ops;
    while (is(peek(), TokenKind::kSymbol, "!") || is(peek(), TokenKind::kWord, "negate") ||
           is(peek(), TokenKind::kSymbol, "-")) {
      const Token& t = next();
      TESSERA_RETURN_IF_ERROR(enter(t.offset));
      ops.push_back(t.text == "-" ? Op::kNegate : Op::kNot);
    }
    bool folded = false;
    if (!ops.empty() && ops.back() == Op::kNegate && peek().kind == TokenKind::kNumber) {
      const Token& t = next();
      TESSERA_RETURN_IF_ERROR(emit_const(Json(-t.number), t.offset));
      ops.pop_back();
      --depth_;
      folded = true;
      TESSERA_RETURN_IF_ERROR(postfix_operators());
    }
    if (!folded) TESSERA_RETURN_IF_ERROR(postfix());
    for (auto it = ops.rbegin(); it != ops.rend(); ++it) {
      TESSERA_RETURN_IF_ERROR(emit(*it, 0, 0, 0, peek().offset));
      --depth_;
    }
    return Status::Ok();
  }
  // postfix := primary ('empty' | 'notempty')*
  Status postfix() {
    TESSERA_RETURN_IF_ERROR(primary());
    return postfix_operators();
  }
  Status postfix_operators() {
    while (is(peek(), TokenKind::kWord, "empty") || is(peek(), TokenKind::kWord, "notempty")) {
      const Token& t = next();
      TESSERA_RETURN_IF_ERROR(
          emit(t.text == "empty" ? Op::kEmpty : Op::kNotEmpty, 0, 0, 0, t.offset));
    }
    return Status::Ok();
  }

  Status primary() {
    const Token& t = peek();
    switch (t.kind) {
      case TokenKind::kNumber:
        next();
        return emit_const(Json(t.number), t.offset);
      case TokenKind::kString:
        next();
        return emit_const(Json(t.text), t.offset);
      case TokenKind::kVariable:
        next();
        return variable(t);
      case TokenKind::kWord:
        return word();
      case TokenKind::kSymbol:
        if (t.text == "(") {
          next();
          TESSERA_RETURN_IF_ERROR(enter(t.offset));
          TESSERA_RETURN_IF_ERROR(expression());
          --depth_;
          return expect(")");
        }
        if (t.text == "[") {
          next();
          std::size_t count = 0;
          TESSERA_RETURN_IF_ERROR(list("]", t.offset, count));
          return emit(Op::kArray, 0, static_cast<std::uint32_t>(count), 1 - static_cast<int>(count),
                      t.offset);
        }
        return unexpected(t);
      default:
        return unexpected(t);
    }
  }

  Status expect(std::string_view symbol) {
    if (!is(peek(), TokenKind::kSymbol, symbol)) {
      if (peek().kind == TokenKind::kEnd || peek().kind == TokenKind::kSymbol ||
          peek().kind == TokenKind::kWord) {
        return error(Code::kInvalidValue, "expected '" + std::string(symbol) + "'", peek().offset);
      }
      return error(Code::kInvalidValue, "expected '" + std::string(symbol) + "' or an operator",
                   peek().offset);
    }
    next();
    return Status::Ok();
  }

  // Comma-separated expressions up to `close`; the opening token was read.
  Status list(std::string_view close, std::size_t open_offset, std::size_t& count) {
    TESSERA_RETURN_IF_ERROR(enter(open_offset));
    if (is(peek(), TokenKind::kSymbol, close)) {
      next();
      --depth_;
      return Status::Ok();
    }
    while (true) {
      if (++count > limits_.max_arguments) {
        return error(Code::kLimitExceeded,
                     "more than " + std::to_string(limits_.max_arguments) + " items",
                     peek().offset);
      }
      TESSERA_RETURN_IF_ERROR(expression());
      if (is(peek(), TokenKind::kSymbol, ",")) {
        next();
        continue;
      }
      TESSERA_RETURN_IF_ERROR(expect(close));
      --depth_;
      return Status::Ok();
    }
  }

  Status word() {
    const Token& t = next();
    if (t.text == "true" || t.text == "false") return emit_const(Json(t.text == "true"), t.offset);
    if (t.text == "null" || t.text == "undefined") return emit_const(Json(nullptr), t.offset);
    if (!is(peek(), TokenKind::kSymbol, "(")) return unexpected(t);
    // Function names keep their case: look the original spelling up.
    std::string name(text_.substr(t.offset, t.text.size()));
    const FunctionInfo* f = find_function(name);
    if (f == nullptr) {
      return error(Code::kInvalidValue, "unknown function '" + name + "'", t.offset);
    }
    const std::size_t open = next().offset;
    std::size_t count = 0;
    TESSERA_RETURN_IF_ERROR(list(")", open, count));
    if (count < f->min_args || count > f->max_args) {
      std::string range = f->max_args == SIZE_MAX ? "any number of"
                          : f->min_args == f->max_args
                              ? std::to_string(f->min_args)
                              : std::to_string(f->min_args) + " to " + std::to_string(f->max_args);
      return error(Code::kInvalidValue,
                   name + "() takes " + range + " argument(s), got " + std::to_string(count),
                   t.offset);
    }
    return emit(Op::kCall, static_cast<std::uint8_t>(f->id), static_cast<std::uint32_t>(count),
                1 - static_cast<int>(count), t.offset);
  }

  Status variable(const Token& t) {
    for (std::size_t i = 0; i < program_->slots.size(); ++i) {
      if (program_->slots[i].name == t.text) {
        return emit(Op::kPushVar, 0, static_cast<std::uint32_t>(i), 1, t.offset);
      }
    }
    VariableSlot slot;
    slot.name = t.text;
    TESSERA_RETURN_IF_ERROR(split_path(t, slot.path));
    program_->slots.push_back(std::move(slot));
    return emit(Op::kPushVar, 0, static_cast<std::uint32_t>(program_->slots.size() - 1), 1,
                t.offset);
  }

  // "a.b[0].c" -> a, b, [0], c.
  Status split_path(const Token& t, std::vector<PathStep>& path) const {
    const std::string& name = t.text;
    std::size_t i = 0;
    auto bad = [&]() { return error(Code::kInvalidValue, "malformed variable path", t.offset); };
    while (i < name.size()) {
      if (name[i] == '[') {
        std::size_t close = name.find(']', i);
        if (close == std::string::npos || close == i + 1 || close - i > 10) return bad();
        PathStep step;
        step.is_index = true;
        for (std::size_t k = i + 1; k < close; ++k) {
          if (name[k] < '0' || name[k] > '9') return bad();
          step.index = step.index * 10 + static_cast<std::size_t>(name[k] - '0');
        }
        path.push_back(std::move(step));
        i = close + 1;
        if (i < name.size() && name[i] == '.') {
          if (++i >= name.size()) return bad();
        }
        continue;
      }
      std::size_t end = name.find_first_of(".[]", i);
      if (end == std::string::npos) end = name.size();
      if (end == i || (end < name.size() && name[end] == ']')) return bad();
      path.push_back(PathStep{name.substr(i, end - i), 0, false});
      i = end;
      if (i < name.size() && name[i] == '.') {
        if (++i >= name.size()) return bad();
      }
    }
    if (path.empty() || path[0].is_index) return bad();
    return Status::Ok();
  }

  void finish_variables() {
    for (const VariableSlot& slot : program_->slots) {
      program_->variables.push_back(slot.name);
      program_->roots.push_back(slot.path[0].key);
    }
    for (auto* list : {&program_->variables, &program_->roots}) {
      std::sort(list->begin(), list->end());
      list->erase(std::unique(list->begin(), list->end()), list->end());
    }
  }

  std::string_view text_;
  std::vector<Token> tokens_;
  const std::string& path_;
  const ExprLimits& limits_;
  std::shared_ptr<Program> program_;
  std::size_t pos_ = 0;
  int depth_ = 0;
  int stack_ = 0;
  std::size_t max_stack_ = 0;
};

}  // namespace

Result<std::shared_ptr<const Program>> compile(std::string_view text, const std::string& path,
                                               const ExprLimits& limits) {
  if (text.size() > limits.max_length) {
    return Status(Code::kLimitExceeded,
                  "expression is " + std::to_string(text.size()) + " bytes; the limit is " +
                      std::to_string(limits.max_length),
                  path);
  }
  LexResult lexed = tokenize(text);
  if (!lexed.error.empty()) return Status(Code::kInvalidValue, lexed.error, path);
  return Parser(text, std::move(lexed.tokens), path, limits).run();
}

}  // namespace tessera::expr
