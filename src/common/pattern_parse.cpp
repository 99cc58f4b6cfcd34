// Pattern syntax: the recursive-descent parser from pattern text to the
// syntax tree; see tessera/common/pattern.hpp and docs/patterns.md.
//
// The accepted language is deliberately the intersection of what browsers
// accept with the `u` and the `v` flag. Anything either one refuses is refused
// here too, with a hint, because a browser silently ignores a pattern
// attribute it cannot compile and the two sides would then disagree.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "pattern_syntax.hpp"

namespace tessera::pattern_syntax {
namespace {

bool is_syntax_char(char32_t c) {
  return std::u32string_view(U"^$\\.*+?()[]{}|/").find(c) != std::u32string_view::npos;
}

// One element of a character class: a single code point (which may bound a
// range) or a set such as \d (which may not).
struct ClassAtom {
  bool is_set = false;
  char32_t cp = 0;
  CharSet set;
};

class Parser {
 public:
  Parser(std::u32string cps, const std::string& path, int max_nesting, std::uint32_t max_repeat)
      : cps_(std::move(cps)), path_(path), max_nesting_(max_nesting), max_repeat_(max_repeat) {}

  Result<Syntax> run() {
    TESSERA_RETURN_IF_ERROR(parse_alternation(syntax_.root, 0));
    if (!at_end()) {  // only a ')' stops the top-level alternation early
      return error(pos_, "unmatched ')'", "write '\\)' for a literal parenthesis");
    }
    return std::move(syntax_);
  }

 private:
  bool at_end(std::size_t ahead = 0) const { return pos_ + ahead >= cps_.size(); }
  char32_t peek(std::size_t ahead = 0) const { return at_end(ahead) ? 0 : cps_[pos_ + ahead]; }

  std::string text(std::size_t from, std::size_t to) const {
    std::string out;
    for (std::size_t i = from; i < to && i < cps_.size(); ++i) append_utf8(out, cps_[i]);
    return out;
  }

  Status error(std::size_t at, const std::string& what, const std::string& hint = {}) const {
    std::string message = what + " at character " + std::to_string(at + 1);
    if (!hint.empty()) message += "; " + hint;
    return Status(Code::kInvalidValue, std::move(message), path_);
  }

  Node set_node(CharSet set) {
    Node node;
    node.kind = Node::Kind::kSet;
    node.set = static_cast<std::uint32_t>(syntax_.sets.size());
    syntax_.sets.push_back(std::move(set));
    return node;
  }

  Status parse_alternation(Node& out, int depth) {
    Node first;
    TESSERA_RETURN_IF_ERROR(parse_concat(first, depth));
    if (peek() != '|') {
      out = std::move(first);
      return Status::Ok();
    }
    out.kind = Node::Kind::kAlternate;
    out.children.push_back(std::move(first));
    while (!at_end() && peek() == '|') {
      ++pos_;
      Node next;
      TESSERA_RETURN_IF_ERROR(parse_concat(next, depth));
      out.children.push_back(std::move(next));
    }
    return Status::Ok();
  }

  Status parse_concat(Node& out, int depth) {
    out.kind = Node::Kind::kConcat;
    while (!at_end() && peek() != '|' && peek() != ')') {
      TESSERA_RETURN_IF_ERROR(parse_term(out, depth));
    }
    if (out.children.empty()) {
      out.kind = Node::Kind::kEmpty;
    } else if (out.children.size() == 1) {
      Node only = std::move(out.children.front());
      out = std::move(only);
    }
    return Status::Ok();
  }

  Status parse_term(Node& concat, int depth) {
    const std::size_t at = pos_;
    const char32_t c = peek();
    Node atom;
    switch (c) {
      case '^':
      case '$':
        ++pos_;
        atom.kind = c == '^' ? Node::Kind::kBegin : Node::Kind::kEnd;
        if (is_quantifier(peek())) {
          return error(pos_, "quantifier after '" + text(at, at + 1) + "'",
                       "an anchor cannot be repeated");
        }
        concat.children.push_back(std::move(atom));
        return Status::Ok();
      case '(':
        TESSERA_RETURN_IF_ERROR(parse_group(atom, depth));
        break;
      case '[':
        TESSERA_RETURN_IF_ERROR(parse_class(atom));
        break;
      case '.':
        ++pos_;
        atom = set_node(negate(kLineTerminators));
        break;
      case '\\': {
        ClassAtom escaped;
        TESSERA_RETURN_IF_ERROR(parse_escape(escaped, false));
        atom =
            set_node(escaped.is_set ? std::move(escaped.set) : CharSet{{escaped.cp, escaped.cp}});
        break;
      }
      case '*':
      case '+':
      case '?':
      case '{':
        return error(at, "nothing to repeat before '" + text(at, at + 1) + "'",
                     "write '\\" + text(at, at + 1) + "' for a literal character");
      case '}':
      case ']':
        return error(at, "lone '" + text(at, at + 1) + "'",
                     "write '\\" + text(at, at + 1) + "' for a literal character");
      default:
        ++pos_;
        atom = set_node({{c, c}});
    }
    if (is_quantifier(peek())) TESSERA_RETURN_IF_ERROR(parse_quantifier(atom));
    concat.children.push_back(std::move(atom));
    return Status::Ok();
  }

  static bool is_quantifier(char32_t c) { return c == '*' || c == '+' || c == '?' || c == '{'; }

  // Reads decimal digits, saturating well above any allowed count.
  bool parse_number(std::uint32_t& out) {
    const std::size_t start = pos_;
    out = 0;
    while (!at_end() && peek() >= '0' && peek() <= '9') {
      out = std::min<std::uint32_t>(out * 10 + (peek() - '0'), 1000000);
      ++pos_;
    }
    return pos_ > start;
  }

  Status parse_quantifier(Node& atom) {
    const std::size_t at = pos_;
    const char32_t q = cps_[pos_++];
    std::uint32_t min = 0;
    std::uint32_t max = kUnbounded;
    if (q == '+') {
      min = 1;
    } else if (q == '?') {
      max = 1;
    } else if (q == '{') {
      bool ok = parse_number(min);
      if (ok && peek() == ',') {
        ++pos_;
        if (peek() != '}') ok = parse_number(max);
      } else {
        max = min;
      }
      if (!ok || peek() != '}') {
        return error(at, "incomplete quantifier '{'",
                     "use {n}, {n,} or {n,m}, or write '\\{' for a literal brace");
      }
      ++pos_;
      if (max != kUnbounded && min > max) {
        return error(at, "numbers out of order in '" + text(at, pos_) + "'");
      }
      if (min > max_repeat_ || (max != kUnbounded && max > max_repeat_)) {
        return Status(Code::kLimitExceeded,
                      "repeat count above " + std::to_string(max_repeat_) + " in '" +
                          text(at, pos_) + "' at character " + std::to_string(at + 1),
                      path_);
      }
    }
    if (peek() == '?') {
      return error(at, "unsupported lazy quantifier '" + text(at, pos_ + 1) + "'",
                   "drop the '?': matching is whole-string, so laziness changes nothing");
    }
    if (is_quantifier(peek())) return error(pos_, "quantifier after a quantifier");
    Node repeat;
    repeat.kind = Node::Kind::kRepeat;
    repeat.min = min;
    repeat.max = max;
    repeat.children.push_back(std::move(atom));
    atom = std::move(repeat);
    return Status::Ok();
  }

  Status parse_group(Node& out, int depth) {
    const std::size_t open = pos_++;
    if (depth + 1 > max_nesting_) {
      return Status(Code::kLimitExceeded,
                    "groups nested deeper than " + std::to_string(max_nesting_) + " at character " +
                        std::to_string(open + 1),
                    path_);
    }
    if (peek() == '?') {
      const char32_t kind = peek(1);
      if (kind == ':') {
        pos_ += 2;
      } else if (kind == '=' || kind == '!') {
        return error(open, "unsupported lookahead '" + text(open, open + 3) + "'");
      } else if (kind == '<' && (peek(2) == '=' || peek(2) == '!')) {
        return error(open, "unsupported lookbehind '" + text(open, open + 4) + "'");
      } else if (kind == '<') {
        return error(open, "unsupported named group '(?<'", "use '(' or '(?:'");
      } else {
        return error(open, "unsupported group '" + text(open, open + 3) + "'", "use '(' or '(?:'");
      }
    }
    TESSERA_RETURN_IF_ERROR(parse_alternation(out, depth + 1));
    if (at_end()) return error(open, "unclosed '('");
    ++pos_;  // ')'
    return Status::Ok();
  }

  // After the backslash at pos_. Only escapes valid in both browser modes.
  Status parse_escape(ClassAtom& out, bool in_class) {
    const std::size_t at = pos_++;
    if (at_end()) return error(at, "lone '\\'", "write '\\\\' for a backslash");
    const char32_t c = cps_[pos_++];
    const std::string shown = text(at, pos_);
    switch (c) {
      case 'd':
      case 'D':
      case 'w':
      case 'W':
      case 's':
      case 'S': {
        const char32_t lower = c | 0x20;
        const CharSet& base = lower == 'd' ? kDigit : lower == 'w' ? kWord : kSpace;
        out.is_set = true;
        out.set = c == lower ? base : negate(base);
        return Status::Ok();
      }
      case 'n':
        out.cp = '\n';
        return Status::Ok();
      case 't':
        out.cp = '\t';
        return Status::Ok();
      case '-':
        if (!in_class) {
          return error(at, "'\\-' outside [...]", "browsers refuse it there; write '-'");
        }
        out.cp = '-';
        return Status::Ok();
      case 'b':
      case 'B':
        return error(at, "unsupported escape '" + shown + "'",
                     in_class ? "" : "word boundaries are not supported");
      case 'k':
        return error(at, "unsupported named backreference '\\k'");
      case 'p':
      case 'P':
        return error(at, "unsupported Unicode property escape '" + shown + "'");
      default:
        break;
    }
    if (c >= '1' && c <= '9') return error(at, "unsupported backreference '" + shown + "'");
    if (!is_syntax_char(c)) {
      return error(at, "unsupported escape '" + shown + "'",
                   "escape only \\d \\w \\s \\D \\W \\S \\n \\t and ^$\\.*+?()[]{}|/-");
    }
    out.cp = c;
    return Status::Ok();
  }

  Status parse_class_atom(ClassAtom& out) {
    const std::size_t at = pos_;
    const char32_t c = peek();
    if (c == '\\') return parse_escape(out, true);
    const std::string shown = text(at, at + 1);
    // The `v` flag gives these a meaning inside classes (nesting, set
    // operations); the `u` flag reads them literally. Escaped, both agree.
    if (std::u32string_view(U"()[{}/|").find(c) != std::u32string_view::npos) {
      return error(at, "unescaped '" + shown + "' inside [...]", "write '\\" + shown + "'");
    }
    if (c == '-') {
      return error(at, "unescaped '-' inside [...]", "write '\\-' unless it forms a range");
    }
    if (peek(1) == c &&
        std::u32string_view(U"&!#$%*+,.:;<=>?@^`~").find(c) != std::u32string_view::npos) {
      return error(at, "'" + text(at, at + 2) + "' inside [...]",
                   "browsers reserve doubled punctuation there; write it once");
    }
    ++pos_;
    out.cp = c;
    return Status::Ok();
  }

  Status parse_class(Node& out) {
    const std::size_t open = pos_++;
    const bool negated = peek() == '^' && !at_end();
    if (negated) ++pos_;
    CharSet set;
    while (true) {
      if (at_end()) return error(open, "unclosed '['");
      if (peek() == ']') break;
      const std::size_t first_at = pos_;
      ClassAtom first;
      TESSERA_RETURN_IF_ERROR(parse_class_atom(first));
      if (peek() != '-' || at_end(1) || peek(1) == ']') {
        // A trailing '-' is refused by parse_class_atom on the next turn.
        if (first.is_set) {
          set.insert(set.end(), first.set.begin(), first.set.end());
        } else {
          set.push_back({first.cp, first.cp});
        }
        continue;
      }
      ++pos_;  // '-'
      const std::size_t last_at = pos_;
      ClassAtom last;
      TESSERA_RETURN_IF_ERROR(parse_class_atom(last));
      if (first.is_set || last.is_set) {
        return error(first.is_set ? first_at : last_at, "class escape as a range bound",
                     "write '\\-' for a literal '-'");
      }
      if (first.cp > last.cp) {
        return error(first_at, "range out of order '" + text(first_at, pos_) + "'");
      }
      set.push_back({first.cp, last.cp});
    }
    ++pos_;  // ']'
    set = normalize(std::move(set));
    out = set_node(negated ? negate(set) : std::move(set));
    return Status::Ok();
  }

  std::u32string cps_;
  std::size_t pos_ = 0;
  const std::string& path_;
  int max_nesting_;
  std::uint32_t max_repeat_;
  Syntax syntax_;
};

}  // namespace

Result<Syntax> parse(std::string_view pattern, const std::string& path, int max_nesting,
                     std::size_t max_length, std::uint32_t max_repeat) {
  std::u32string cps;
  for (std::size_t pos = 0; pos < pattern.size();) {
    char32_t c = 0;
    if (!next_code_point(pattern, pos, c)) {
      return Status(Code::kInvalidValue,
                    "invalid UTF-8 at character " + std::to_string(cps.size() + 1), path);
    }
    if (cps.size() == max_length) {
      return Status(Code::kLimitExceeded,
                    "pattern longer than " + std::to_string(max_length) + " characters", path);
    }
    cps.push_back(c);
  }
  return Parser(std::move(cps), path, max_nesting, max_repeat).run();
}

}  // namespace tessera::pattern_syntax
