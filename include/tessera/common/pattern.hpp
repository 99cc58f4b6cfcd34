// Pattern: a small, safe regular-expression matcher for answer validation,
// e.g. a text question's "pattern": "[A-Z]{2}[0-9]{4}".
//
// The syntax is the subset of JavaScript regular expressions that browsers
// accept for an HTML `pattern` attribute under both the `u` and the newer `v`
// flag, so the browser and the core agree on which answers are valid.
// Matching is whole-string (as if written ^(?:...)$), by Unicode code point,
// and runs in time linear in the text: the pattern is compiled to an NFA and
// simulated with state sets, never by backtracking. See docs/patterns.md.
//
//   Result<Pattern> p = Pattern::compile("[A-Z]{2}[0-9]{4}", "/pages/0/questions/1/pattern");
//   if (!p.ok()) return p.status();  // "unclosed '[' at character 9", ...
//   p->matches("AB1234");   // true
//   p->matches("AB12345");  // false: the whole answer must match
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "tessera/common/status.hpp"

namespace tessera {
namespace pattern_syntax {
struct Program;  // the compiled NFA, defined in src/common/pattern.cpp
}

class Pattern {
 public:
  // Longest accepted pattern, in code points.
  static constexpr std::size_t kMaxLength = 500;
  // Most NFA states a pattern may compile to; bounded repeats are expanded,
  // so this is what keeps "(a{100}){100}" from costing memory and time.
  static constexpr std::size_t kMaxStates = 2000;
  // Deepest group nesting; keeps the recursive parser's stack small in wasm.
  static constexpr int kMaxNesting = 50;

  // kInvalidValue with a message naming the character position (1-based, in
  // code points), e.g. "unclosed '[' at character 4"; path = `path`.
  // kLimitExceeded when the pattern is longer than kMaxLength, nests groups
  // deeper than kMaxNesting or compiles to more than kMaxStates states.
  static Result<Pattern> compile(std::string_view pattern, const std::string& path);

  // Whole-string match. Time O(|text| x states). Text that is not valid UTF-8
  // never matches (a browser cannot produce it).
  bool matches(std::string_view text) const;

  // The pattern as given to compile().
  const std::string& source() const { return source_; }

  // Number of NFA states, for tests and size reports.
  std::size_t state_count() const;

 private:
  using Program = pattern_syntax::Program;
  Pattern(std::string source, std::shared_ptr<const Program> program)
      : source_(std::move(source)), program_(std::move(program)) {}

  std::string source_;
  // Immutable once compiled, so copies of a Pattern share it.
  std::shared_ptr<const Program> program_;
};

}  // namespace tessera
