// Pattern against a reference: random patterns from a small grammar, each
// built as a tree and printed, are matched by Pattern and by a deliberately
// naive backtracking matcher over the tree. The two share no code, so a
// disagreement is a bug in one of them. Seeded, so every run is the same.
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "tessera/common/pattern.hpp"

namespace tessera {
namespace {

// The alphabet texts are drawn from; covers each escape's edge cases.
const std::u32string kAlphabet = U"ab\u00e91. -\n";

bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool is_word(char32_t c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_space(char32_t c) {
  return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000 || c == 0xFEFF;
}

struct Tree {
  enum Kind { kChar, kConcat, kAlternate, kRepeat, kBegin, kEnd };
  Kind kind = kConcat;
  std::function<bool(char32_t)> accepts;  // kChar
  int min = 0;
  int max = -1;  // kRepeat; -1 is unbounded
  std::vector<Tree> kids;
};

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else {  // the alphabet stays below U+0800
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// Builds a random tree and its pattern text side by side.
class Generator {
 public:
  explicit Generator(std::uint32_t seed) : rng_(seed) {}

  int pick(int n) { return static_cast<int>(rng_() % static_cast<std::uint32_t>(n)); }

  Tree alternation(int depth, std::string& out) {
    Tree t;
    t.kind = Tree::kAlternate;
    const int branches = pick(10) < 7 ? 1 : 2 + pick(2);
    for (int i = 0; i < branches; ++i) {
      if (i > 0) out += '|';
      t.kids.push_back(concat(depth, out));
    }
    return t;
  }

 private:
  Tree concat(int depth, std::string& out) {
    Tree t;
    const int terms = pick(4);
    for (int i = 0; i < terms; ++i) t.kids.push_back(term(depth, out));
    return t;
  }

  Tree term(int depth, std::string& out) {
    if (pick(14) == 0) {
      Tree anchor;
      anchor.kind = pick(2) == 0 ? Tree::kBegin : Tree::kEnd;
      out += anchor.kind == Tree::kBegin ? '^' : '$';
      return anchor;
    }
    Tree atom_tree = atom(depth, out);
    if (pick(10) >= 4) return atom_tree;
    Tree rep;
    rep.kind = Tree::kRepeat;
    switch (pick(6)) {
      case 0:
        rep.min = 0, out += '*';
        break;
      case 1:
        rep.min = 1, out += '+';
        break;
      case 2:
        rep.min = 0, rep.max = 1, out += '?';
        break;
      case 3:
        rep.min = rep.max = pick(4);
        out += "{" + std::to_string(rep.min) + "}";
        break;
      case 4:
        rep.min = pick(3);
        out += "{" + std::to_string(rep.min) + ",}";
        break;
      default:
        rep.min = pick(3);
        rep.max = rep.min + pick(3);
        out += "{" + std::to_string(rep.min) + "," + std::to_string(rep.max) + "}";
    }
    rep.kids.push_back(std::move(atom_tree));
    return rep;
  }

  Tree single(std::function<bool(char32_t)> accepts) {
    Tree t;
    t.kind = Tree::kChar;
    t.accepts = std::move(accepts);
    return t;
  }

  // One escape class (\d, \W, ...), valid inside and outside [...].
  std::function<bool(char32_t)> escape_class(std::string& out) {
    const char letter = "dDwWsS"[pick(6)];
    out += '\\';
    out += letter;
    std::function<bool(char32_t)> base = letter == 'd' || letter == 'D'   ? is_digit
                                         : letter == 'w' || letter == 'W' ? is_word
                                                                          : is_space;
    if (letter >= 'a') return base;
    return [base](char32_t c) { return !base(c); };
  }

  Tree atom(int depth, std::string& out) {
    const int choice = pick(depth < 3 ? 10 : 7);
    if (choice <= 2) {  // a literal, escaped where the syntax needs it
      const char32_t c =
          kAlphabet[static_cast<std::size_t>(pick(static_cast<int>(kAlphabet.size())))];
      if (c == '.') {
        out += "\\.";
      } else if (c == '\n') {
        out += "\\n";
      } else {
        append_utf8(out, c);
      }
      return single([c](char32_t x) { return x == c; });
    }
    if (choice == 3) {
      out += '.';
      return single(
          [](char32_t x) { return x != '\n' && x != '\r' && x != 0x2028 && x != 0x2029; });
    }
    if (choice == 4) return single(escape_class(out));
    if (choice <= 6) return character_class(out);
    out += pick(2) == 0 ? "(" : "(?:";
    Tree inner = alternation(depth + 1, out);
    out += ')';
    return inner;
  }

  Tree character_class(std::string& out) {
    out += '[';
    const bool negated = pick(3) == 0;
    if (negated) out += '^';
    std::vector<std::function<bool(char32_t)>> items;
    const int count = pick(4);  // "[]" and "[^]" included
    for (int i = 0; i < count; ++i) {
      const int kind = pick(4);
      if (kind == 0) {
        items.push_back(escape_class(out));
      } else if (kind == 1) {
        // Ranges between alphabet letters, in code point order.
        static const char32_t kBounds[][2] = {{'1', 'a'}, {'a', 'b'}, {'a', 0xE9}, {' ', '1'}};
        const auto& r = kBounds[pick(4)];
        append_utf8(out, r[0]);
        out += '-';
        append_utf8(out, r[1]);
        const char32_t lo = r[0];
        const char32_t hi = r[1];
        items.push_back([lo, hi](char32_t c) { return c >= lo && c <= hi; });
      } else {
        static const char* const kSpelled[] = {"a", "b", "\u00e9", "\\.", "\\-", " ", "\\n"};
        static const char32_t kMeant[] = {'a', 'b', 0xE9, '.', '-', ' ', '\n'};
        const int k = pick(7);
        out += kSpelled[k];
        const char32_t c = kMeant[k];
        items.push_back([c](char32_t x) { return x == c; });
      }
    }
    out += ']';
    return single([items, negated](char32_t c) {
      bool hit = false;
      for (const auto& item : items) hit = hit || item(c);
      return hit != negated;
    });
  }

  std::mt19937 rng_;
};

// Naive continuation-passing backtracking. An unbounded or optional
// iteration must consume something, which keeps the search finite without
// changing which strings match.
class Reference {
 public:
  explicit Reference(const std::u32string& text) : text_(text) {}
  bool exhausted() const { return steps_ > kMaxSteps; }

  bool full_match(const Tree& t) {
    return match(t, 0, [this](std::size_t end) { return end == text_.size(); });
  }

 private:
  using Next = std::function<bool(std::size_t)>;
  static constexpr long kMaxSteps = 2000000;

  bool match(const Tree& t, std::size_t at, const Next& next) {
    if (++steps_ > kMaxSteps) return false;
    switch (t.kind) {
      case Tree::kChar:
        return at < text_.size() && t.accepts(text_[at]) && next(at + 1);
      case Tree::kBegin:
        return at == 0 && next(at);
      case Tree::kEnd:
        return at == text_.size() && next(at);
      case Tree::kConcat:
        return sequence(t, 0, at, next);
      case Tree::kAlternate:
        for (const Tree& kid : t.kids) {
          if (match(kid, at, next)) return true;
        }
        return false;
      case Tree::kRepeat:
        return repeat(t, 0, at, next);
    }
    return false;
  }

  bool sequence(const Tree& t, std::size_t i, std::size_t at, const Next& next) {
    if (i == t.kids.size()) return next(at);
    return match(t.kids[i], at, [&](std::size_t end) { return sequence(t, i + 1, end, next); });
  }

  bool repeat(const Tree& t, int done, std::size_t at, const Next& next) {
    if (done < t.min) {
      return match(t.kids[0], at, [&](std::size_t end) { return repeat(t, done + 1, end, next); });
    }
    if (t.max < 0 || done < t.max) {
      const bool more = match(t.kids[0], at, [&](std::size_t end) {
        return end > at && repeat(t, done + 1, end, next);
      });
      if (more) return true;
    }
    return next(at);
  }

  const std::u32string& text_;
  long steps_ = 0;
};

// A text the tree is likely to match: random choices along the tree, so the
// comparison sees as many matches as misses.
void sample_text(const Tree& t, std::mt19937& rng, std::u32string& out) {
  switch (t.kind) {
    case Tree::kChar: {
      const std::size_t offset = rng() % kAlphabet.size();
      for (std::size_t i = 0; i < kAlphabet.size(); ++i) {
        const char32_t c = kAlphabet[(offset + i) % kAlphabet.size()];
        if (t.accepts(c)) {
          out += c;
          return;
        }
      }
      out += kAlphabet[offset];  // nothing fits: the text will not match
      return;
    }
    case Tree::kConcat:
      for (const Tree& kid : t.kids) sample_text(kid, rng, out);
      return;
    case Tree::kAlternate:
      sample_text(t.kids[rng() % t.kids.size()], rng, out);
      return;
    case Tree::kRepeat: {
      const int most = t.max < 0 ? t.min + 2 : t.max;
      const int times = t.min + static_cast<int>(rng() % static_cast<unsigned>(most - t.min + 1));
      for (int i = 0; i < times; ++i) sample_text(t.kids[0], rng, out);
      return;
    }
    case Tree::kBegin:
    case Tree::kEnd:
      return;
  }
}

std::string to_utf8(const std::u32string& text) {
  std::string out;
  for (char32_t c : text) append_utf8(out, c);
  return out;
}

TEST(PatternDifferential, AgreesWithABacktrackingReference) {
  Generator gen(20240611);
  std::mt19937 text_rng(7);
  int compared = 0;
  int matched = 0;
  for (int round = 0; round < 1500; ++round) {
    std::string source;
    const Tree tree = gen.alternation(0, source);
    Result<Pattern> pattern = Pattern::compile(source, "/p");
    ASSERT_TRUE(pattern.ok()) << source << ": " << pattern.status().to_string();
    for (int sample = 0; sample < 30; ++sample) {
      std::u32string text;
      if (sample % 2 == 0) {
        const std::size_t length = text_rng() % 7;
        for (std::size_t i = 0; i < length; ++i) text += kAlphabet[text_rng() % kAlphabet.size()];
      } else {
        sample_text(tree, text_rng, text);
        if (text.size() > 10) text.resize(10);
      }
      Reference reference(text);
      const bool expected = reference.full_match(tree);
      if (reference.exhausted()) continue;
      ++compared;
      matched += expected ? 1 : 0;
      ASSERT_EQ(pattern->matches(to_utf8(text)), expected)
          << "pattern " << source << " text \"" << to_utf8(text) << "\"";
    }
  }
  // Both outcomes must be well represented, or the test proves little.
  EXPECT_GT(compared, 40000);
  EXPECT_GT(matched, compared / 4);
  EXPECT_LT(matched, compared - compared / 4);
}

}  // namespace
}  // namespace tessera
