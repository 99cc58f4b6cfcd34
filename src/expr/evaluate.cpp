// The stack machine that runs a compiled program, and the public Expression
// API; see tessera/expr/expression.hpp.
#include <vector>

#include "operations.hpp"
#include "program.hpp"
#include "tessera/expr/expression.hpp"

namespace tessera::expr {
namespace {

// Variable names are matched exactly (case-sensitive): a miss is then one
// hash-free map lookup, which matters when most of 500 questions are
// unanswered. SurveyJS also tries a case-insensitive match.
const Json* member(const Json& object, const std::string& key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

const Json* walk_path(const Json& value, const std::vector<PathStep>& path, std::size_t first) {
  const Json* at = &value;
  for (std::size_t i = first; i < path.size(); ++i) {
    const PathStep& step = path[i];
    if (step.is_index) {
      if (!at->is_array() || step.index >= at->size()) return nullptr;
      at = &(*at)[step.index];
    } else {
      at = member(*at, step.key);
      if (at == nullptr) return nullptr;
    }
  }
  return at;
}

const Json* resolve(const VariableSlot& slot, const Json& values) {
  // A key that itself contains '.' or '[' ("a.b") wins over the path a -> b,
  // as in SurveyJS.
  if (slot.path.size() > 1) {
    if (const Json* whole = member(values, slot.name)) return whole;
  }
  return walk_path(values, slot.path, 0);
}

// Runs the program and hands the final value to `use` while the stack (and
// anything its values borrow) is still alive. `variable(i)` is slot i's
// value (nullptr when missing).
template <typename Variable, typename Use>
auto run(const Program& program, Variable variable, const EvalContext& context, Use use) {
  // Typical conditions need a handful of slots: keep them on the C++ stack.
  constexpr std::size_t kInline = 8;
  Value inline_stack[kInline];
  std::vector<Value> heap_stack;
  Value* stack = inline_stack;
  if (program.max_stack > kInline) {
    heap_stack.resize(program.max_stack);
    stack = heap_stack.data();
  }
  std::size_t top = 0;
  const std::vector<Instr>& code = program.code;
  for (std::size_t pc = 0; pc < code.size(); ++pc) {
    const Instr& in = code[pc];
    switch (in.op) {
      case Op::kPushConst:
        stack[top++] = Value::view(program.constants[in.arg]);
        break;
      case Op::kPushVar:
        stack[top++] = read_variable(variable(in.arg));
        break;
      case Op::kArray: {
        Json items = Json::array();
        for (std::size_t i = top - in.arg; i < top; ++i) items.push_back(stack[i].to_json());
        top -= in.arg;
        stack[top++] = Value::own(std::move(items));
        break;
      }
      case Op::kCall: {
        Value result =
            call_function(static_cast<Function>(in.sub), stack + (top - in.arg), in.arg, context);
        top -= in.arg;
        stack[top++] = std::move(result);
        break;
      }
      case Op::kNot:
        stack[top - 1] = Value::boolean(!truthy(stack[top - 1]));
        break;
      case Op::kNegate:
        stack[top - 1] = negate_number(stack[top - 1]);
        break;
      case Op::kEmpty:
        stack[top - 1] = Value::boolean(is_empty(stack[top - 1]));
        break;
      case Op::kNotEmpty:
        stack[top - 1] = Value::boolean(!is_empty(stack[top - 1]));
        break;
      case Op::kBinary: {
        Value result = apply_binary(static_cast<BinaryOp>(in.sub), stack[top - 2], stack[top - 1]);
        --top;
        stack[top - 1] = std::move(result);
        break;
      }
      case Op::kJumpIfFalsy:
      case Op::kJumpIfTruthy: {
        const bool value = truthy(stack[top - 1]);
        if (value == (in.op == Op::kJumpIfTruthy)) {
          stack[top - 1] = Value::boolean(value);
          pc = in.arg - 1;  // the loop's ++pc lands on arg
        } else {
          --top;
        }
        break;
      }
      case Op::kToBool:
        stack[top - 1] = Value::boolean(truthy(stack[top - 1]));
        break;
    }
  }
  return use(stack[0]);
}

}  // namespace

Result<Expression> Expression::parse(std::string_view text, std::string_view path,
                                     const ExprLimits& limits) {
  TESSERA_ASSIGN_OR_RETURN(std::shared_ptr<const Program> program,
                           compile(text, std::string(path), limits));
  return Expression(std::move(program));
}

Json Expression::evaluate(const Json& values, const EvalContext& context) const {
  const Program& p = *program_;
  return run(
      p, [&](std::uint32_t slot) { return resolve(p.slots[slot], values); }, context,
      [](const Value& v) { return v.to_json(); });
}

bool Expression::test(const Json& values, const EvalContext& context) const {
  const Program& p = *program_;
  return run(
      p, [&](std::uint32_t slot) { return resolve(p.slots[slot], values); }, context,
      [](const Value& v) { return truthy(v); });
}

bool Expression::test_frame(const Json* const* frame, const EvalContext& context) const {
  return run(
      *program_, [frame](std::uint32_t slot) { return frame[slot]; }, context,
      [](const Value& v) { return truthy(v); });
}

const std::vector<VariableSlot>& Expression::slots() const { return program_->slots; }

const Json* Expression::walk(const Json& value, const std::vector<PathStep>& path,
                             std::size_t first) {
  return walk_path(value, path, first);
}

const std::vector<std::string>& Expression::variables() const { return program_->variables; }
const std::vector<std::string>& Expression::variable_roots() const { return program_->roots; }
const std::string& Expression::text() const { return program_->text; }

}  // namespace tessera::expr
