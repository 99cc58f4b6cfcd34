// Internal to Pattern: the syntax tree the parser produces and the compiler
// consumes, and the strict UTF-8 decoder both sides share. Not installed.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tessera/common/status.hpp"

namespace tessera::pattern_syntax {

// Inclusive range of code points.
struct CharRange {
  char32_t lo;
  char32_t hi;
};
// Sorted, non-overlapping, non-adjacent ranges, so membership is one binary
// search and negation is a single pass.
using CharSet = std::vector<CharRange>;

constexpr char32_t kMaxCodePoint = 0x10FFFF;
constexpr std::uint32_t kUnbounded = 0xFFFFFFFF;

struct Node {
  enum class Kind {
    kEmpty,      // matches the empty string: "()", "a|"
    kSet,        // one code point from sets[set]
    kConcat,     // children in order
    kAlternate,  // any one child
    kRepeat,     // children[0], min..max times (max may be kUnbounded)
    kBegin,      // '^': only at the start of the text
    kEnd,        // '$': only at the end of the text
  };
  Kind kind = Kind::kEmpty;
  std::uint32_t set = 0;
  std::uint32_t min = 0;
  std::uint32_t max = 0;
  std::vector<Node> children;
};

struct Syntax {
  Node root;
  // Each class or literal in the pattern once, however often a bounded
  // repeat later copies the state that tests it.
  std::vector<CharSet> sets;
};

// Parses `pattern`; errors carry `path` (see Pattern::compile).
Result<Syntax> parse(std::string_view pattern, const std::string& path, int max_nesting,
                     std::size_t max_length, std::uint32_t max_repeat);

// Sorts and merges ranges into the CharSet invariant.
CharSet normalize(CharSet set);
// Every code point not in `set` (surrogates included; text never has them).
CharSet negate(const CharSet& set);

extern const CharSet kSpace;            // \s
extern const CharSet kWord;             // \w
extern const CharSet kDigit;            // \d
extern const CharSet kLineTerminators;  // what '.' does not match

// For error messages that quote the pattern.
void append_utf8(std::string& out, char32_t c);

// Decodes one code point at text[pos] and advances pos. Returns false on
// malformed UTF-8: overlong forms, surrogates, truncation, > U+10FFFF.
bool next_code_point(std::string_view text, std::size_t& pos, char32_t& out);

bool contains(const CharSet& set, char32_t c);

}  // namespace tessera::pattern_syntax
