// One expression language for every condition in Tessera: survey visibleIf,
// enableIf, requiredIf, calculated values, trigger audiences, loyalty rule
// conditions and offer eligibility. The syntax is the common subset of
// SurveyJS expressions; docs/expressions.md is the reference and lists each
// deliberate difference from SurveyJS.
//
// Parse once (text -> a flat postfix program), evaluate many times. Parsing
// is where every error is found; evaluation never fails: a type mismatch
// yields null or false by the rules in docs/expressions.md.
//
//   TESSERA_ASSIGN_OR_RETURN(
//       expr::Expression visible,
//       expr::Expression::parse("{age} >= 18 and {country} anyof ['DE', 'AT']",
//                               "/pages/0/questions/2/visibleIf"));
//   visible.variables();                                    // {"age", "country"}
//   visible.test(Json{{"age", 20}, {"country", "DE"}});     // true
//   expr::Expression::parse("sum({a}, 2) * 3")->evaluate(Json{{"a", 1}});  // 9
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tessera/common/json.hpp"
#include "tessera/common/status.hpp"

namespace tessera::expr {

// Bounds on what parse() accepts, so that hostile text is refused before it
// costs memory or stack. Exceeding one gives Code::kLimitExceeded.
struct ExprLimits {
  std::size_t max_length = 4096;   // bytes of expression text
  int max_depth = 32;              // nesting of (), [], calls and prefix operators
  std::size_t max_nodes = 1024;    // operands + operators of the compiled program
  std::size_t max_arguments = 64;  // arguments of one call or items of one array literal
};

// What "now" means for today(), age() and date functions without a date. The
// core reads no clock: the caller passes the instant and a fixed offset.
struct EvalContext {
  std::int64_t now_ms = 0;     // Unix epoch milliseconds, UTC
  int utc_offset_minutes = 0;  // local wall clock = UTC + offset; -1440..1440
};

struct Program;  // the compiled form; defined in src/expr/program.hpp

// One step of a variable path: `.key` or `[index]`.
struct PathStep {
  std::string key;
  std::size_t index = 0;
  bool is_index = false;
};

// A distinct variable of a compiled expression: "order.items[0].sku" is
// {"order"}, {"items"}, {[0]}, {"sku"}.
struct VariableSlot {
  std::string name;            // as written, trimmed
  std::vector<PathStep> path;  // never empty; path[0] is a key
};

class Expression {
 public:
  // Compiles `text`. Errors carry `path` (a JSON pointer to where the text
  // came from) and name the character position (1-based, in code points):
  // kInvalidValue "expected ')' at character 14", kLimitExceeded for limits.
  static Result<Expression> parse(std::string_view text, std::string_view path = {},
                                  const ExprLimits& limits = {});

  // The value of the expression for `values` (a JSON object: variable name
  // -> answer). Never fails; numbers that are whole come back as integers.
  Json evaluate(const Json& values, const EvalContext& context = {}) const;

  // The value taken as a condition (JavaScript truthiness: false, 0, "" and
  // null are false). Cheaper than evaluate(): nothing is copied out.
  bool test(const Json& values, const EvalContext& context = {}) const;

  // Evaluation on a variable frame: frame[i] is the value of slots()[i]
  // (nullptr when missing), resolved by the caller. Same result as test()
  // on a document where each slot resolves to frame[i]; a hot caller (the
  // loyalty ledger, once per event) resolves variables from its own structs
  // instead of building that document.
  bool test_frame(const Json* const* frame, const EvalContext& context = {}) const;
  // The distinct variables in the order frames list them.
  const std::vector<VariableSlot>& slots() const;
  // Follows path[first..] from `value` as variables resolve: keys in
  // objects, indexes in arrays; nullptr when a step finds nothing.
  static const Json* walk(const Json& value, const std::vector<PathStep>& path, std::size_t first);

  // Variable names as written inside {...}, e.g. "q1", "order.items[0].sku";
  // deduplicated and sorted.
  const std::vector<std::string>& variables() const;
  // The first segment of each variable ("order" for "order.items[0].sku"):
  // the answer whose change requires re-evaluation. Deduplicated, sorted.
  const std::vector<std::string>& variable_roots() const;

  const std::string& text() const;

 private:
  explicit Expression(std::shared_ptr<const Program> program) : program_(std::move(program)) {}
  std::shared_ptr<const Program> program_;  // immutable, so copies share it
};

}  // namespace tessera::expr
