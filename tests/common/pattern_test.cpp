// Pattern: each syntax feature with matching and non-matching answers, real
// validation patterns, refused syntax with positions, limits, and hostile
// patterns that would take exponential time in a backtracking engine.
#include "tessera/common/pattern.hpp"

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <string_view>

namespace tessera {
namespace {

void expect_matches(std::string_view pattern, std::initializer_list<std::string_view> yes,
                    std::initializer_list<std::string_view> no) {
  SCOPED_TRACE(std::string("pattern: ") + std::string(pattern));
  Result<Pattern> p = Pattern::compile(pattern, "/pattern");
  ASSERT_TRUE(p.ok()) << p.status().to_string();
  for (std::string_view text : yes) EXPECT_TRUE(p->matches(text)) << "should match: " << text;
  for (std::string_view text : no) EXPECT_FALSE(p->matches(text)) << "should not match: " << text;
}

// Expects kInvalidValue whose message contains `message` and whose path is
// the one given to compile().
void expect_invalid(std::string_view pattern, std::string_view message) {
  SCOPED_TRACE(std::string("pattern: ") + std::string(pattern));
  Result<Pattern> p = Pattern::compile(pattern, "/pages/0/questions/2/pattern");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), Code::kInvalidValue);
  EXPECT_NE(p.status().message().find(message), std::string::npos) << p.status().message();
  EXPECT_EQ(p.status().path(), "/pages/0/questions/2/pattern");
}

Code compile_code(std::string_view pattern) {
  return Pattern::compile(pattern, "/p").status().code();
}

TEST(Pattern, LiteralsMatchTheWholeString) {
  expect_matches("abc", {"abc"}, {"", "ab", "abcd", "xabc", "ABC", "a"});
  expect_matches("", {""}, {"a", " "});
  expect_matches("a b-c,d:e", {"a b-c,d:e"}, {"a  b-c,d:e", "ab-c,d:e"});
}

TEST(Pattern, UnicodeLiteralsMatchByCodePoint) {
  expect_matches("café", {"café"}, {"cafe", "cafè", "caf", "cafée"});
  expect_matches("ß{2}", {"ßß"}, {"ß", "ss", "ßßß", "\xC3\xC3"});
  // The quantifier applies to the whole code point, not its last byte.
  expect_matches("xé?", {"x", "xé"}, {"x\xC3", "xéé"});
  expect_matches("😀+", {"😀", "😀😀😀"}, {"", "😀a", "\xF0\x9F\x98"});
  expect_matches("日本語", {"日本語"}, {"日本", "日本語語"});
  expect_matches("[äöüß]+", {"ä", "ößü"}, {"a", "äx"});
}

TEST(Pattern, DotIsOneCodePointButNotALineTerminator) {
  expect_matches(".", {"a", "é", "😀", " ", "\t"}, {"", "ab", "\n", "\r", "\xE2\x80\xA8"});
  expect_matches("..", {"ab", "éß"}, {"é", "abc"});
  expect_matches(".*", {"", "anything at all", "ünïcödé"}, {"a\nb", "\r"});
}

TEST(Pattern, ClassesRangesAndNegation) {
  expect_matches("[abc]", {"a", "b", "c"}, {"", "d", "ab", "A"});
  expect_matches("[a-z]+", {"a", "hello", "z"}, {"", "Hello", "a1", "é"});
  expect_matches("[A-Za-z0-9_]*", {"", "Abc_123"}, {"a-b", "a b"});
  expect_matches("[^0-9]", {"a", "é", "\n"}, {"0", "9", "", "ab"});
  expect_matches("[à-ÿ]", {"é", "à", "ÿ"}, {"a", "ß", "Ā"});  // ß is U+00DF, just below
  expect_matches("[\\d\\s]+", {"1 2", "\t9"}, {"a", "1a"});
  expect_matches("[^\\W]", {"a", "_", "7"}, {"-", "é"});
  expect_matches("[\\-+]", {"-", "+"}, {"a", "\\"});
  expect_matches("[.$^*]", {".", "$", "^", "*"}, {"a"});
  expect_matches("[\\]\\[\\\\]", {"]", "[", "\\"}, {"a"});
  expect_matches("[^]", {"a", "\n", "😀"}, {"", "ab"});
  expect_matches("[]", {}, {"", "a"});
  expect_matches("[^^]", {"a"}, {"^"});
}

TEST(Pattern, Escapes) {
  expect_matches("\\d{3}", {"123", "000"}, {"12", "12a", "١٢٣"});
  expect_matches("\\D", {"a", "é"}, {"1"});
  expect_matches("\\w+", {"abc_1"}, {"é", "a-b", ""});
  expect_matches("\\W", {"-", "é", " "}, {"a", "_"});
  expect_matches("\\s", {" ", "\t", "\n", "\xC2\xA0", "\xE3\x80\x80", "\xEF\xBB\xBF"}, {"a", ""});
  expect_matches("\\S+", {"ab", "é"}, {"a b", " "});
  expect_matches("\\.\\\\\\*\\+\\?\\|\\^\\$\\/", {".\\*+?|^$/"}, {"a\\*+?|^$/"});
  expect_matches("\\(\\)\\{\\}\\[\\]", {"(){}[]"}, {"()"});
  expect_matches("a\\nb\\tc", {"a\nb\tc"}, {"anbtc"});
  expect_matches("a/b", {"a/b"}, {"ab"});
}

TEST(Pattern, GroupsAndAlternation) {
  expect_matches("(ab)+", {"ab", "abab"}, {"", "aba", "ba"});
  expect_matches("(?:ab|cd)*e", {"e", "abe", "cdabe"}, {"ab", "ace"});
  expect_matches("a|b|c", {"a", "b", "c"}, {"", "ab", "d"});
  expect_matches("gr(a|e)y", {"gray", "grey"}, {"groy", "gry"});
  expect_matches("(|x)y", {"y", "xy"}, {"xxy"});
  expect_matches("()", {""}, {"a"});
  expect_matches("(?:)", {""}, {"a"});
  expect_matches("a|", {"a", ""}, {"b"});
  expect_matches("((a|b)(c|d))+", {"ac", "bdad"}, {"ab", "a"});
}

TEST(Pattern, Quantifiers) {
  expect_matches("a*", {"", "a", "aaaa"}, {"b", "ab"});
  expect_matches("a+", {"a", "aaa"}, {"", "b"});
  expect_matches("a?", {"", "a"}, {"aa"});
  expect_matches("a{3}", {"aaa"}, {"aa", "aaaa"});
  expect_matches("a{2,}", {"aa", "aaaaaa"}, {"a", ""});
  expect_matches("a{2,4}", {"aa", "aaa", "aaaa"}, {"a", "aaaaa"});
  expect_matches("(ab){2}", {"abab"}, {"ab", "ababab"});
  expect_matches("a{0}", {""}, {"a"});
  expect_matches("x{0,0}y", {"y"}, {"xy"});
  expect_matches("(a|bc){1,2}d", {"ad", "bcad", "bcbcd"}, {"d", "aaad"});
  expect_matches("[ab]{0,3}", {"", "ab", "bba"}, {"abab"});
}

TEST(Pattern, AnchorsAreHarmlessAtTheEdges) {
  expect_matches("^abc$", {"abc"}, {"abcd", "xabc"});
  expect_matches("^a|^b", {"a", "b"}, {"ab"});
  expect_matches("(^a)b$", {"ab"}, {"a"});
  expect_matches("^$", {""}, {"a"});
  expect_matches("$", {""}, {"a"});
  // As in JavaScript, an anchor in the middle can never be satisfied.
  expect_matches("a^b", {}, {"ab", "a^b"});
  expect_matches("a$b", {}, {"ab", "a$b"});
  expect_matches("a$|b", {"a", "b"}, {"ab"});
}

TEST(Pattern, RealValidationPatterns) {
  expect_matches("[A-Z]{2}[0-9]{4}", {"AB1234", "ZZ0000"}, {"ab1234", "AB123", "AB12345", "A1234"});
  expect_matches("\\d{5}(-\\d{4})?", {"12345", "12345-6789"}, {"1234", "12345-678", "12345 6789"});
  expect_matches("[A-Z]\\d[A-Z] ?\\d[A-Z]\\d", {"K1A 0B1", "K1A0B1"}, {"K1A  0B1", "11A 0B1"});
  expect_matches("[A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2}", {"SW1A 1AA", "M1 1AE", "B338TH"},
                 {"SW1A 1A", "1W1A 1AA"});
  expect_matches("[^@\\s]+@[^@\\s]+\\.[a-z]{2,}",
                 {"a@b.ch", "jürgen.müller@example.de", "x+tag@mail.example.com"},
                 {"a@b", "a b@c.de", "a@@b.de", "@b.de", "a@b.c"});
  expect_matches("\\+?\\d{1,3}[\\s.\\-]?\\(?\\d{3}\\)?[\\s.\\-]?\\d{3}[\\s.\\-]?\\d{4}",
                 {"+1 (555) 123-4567", "41.555.123.4567", "15551234567"},
                 {"555-1234", "+1 (555) 123-456", "phone"});
  expect_matches("(19|20)\\d\\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])",
                 {"2024-02-29", "1999-12-31"}, {"2024-13-01", "2024-00-10", "24-01-01"});
}

TEST(Pattern, InvalidUtf8TextNeverMatches) {
  expect_matches(".*", {"ok"},
                 {"\xFF", "a\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x82"});
  expect_matches("[^a]*", {"bc"}, {"b\x80"});
}

TEST(Pattern, RefusesBrokenSyntaxWithPositions) {
  expect_invalid("abc[de", "unclosed '[' at character 4");
  expect_invalid("é[", "unclosed '[' at character 2");  // code points, not bytes
  expect_invalid("(ab", "unclosed '(' at character 1");
  expect_invalid("x(a(b)", "unclosed '(' at character 2");
  expect_invalid("ab)", "unmatched ')' at character 3");
  expect_invalid("*a", "nothing to repeat before '*' at character 1");
  expect_invalid("a|+", "nothing to repeat before '+' at character 3");
  expect_invalid("(?)", "unsupported group '(?)' at character 1");
  expect_invalid("a**", "quantifier after a quantifier at character 3");
  expect_invalid("a{2", "incomplete quantifier '{' at character 2");
  expect_invalid("a{,2}", "incomplete quantifier '{' at character 2");
  expect_invalid("a{x}", "incomplete quantifier");
  expect_invalid("{2}", "nothing to repeat before '{' at character 1");
  expect_invalid("a{3,1}", "numbers out of order in '{3,1}' at character 2");
  expect_invalid("[z-a]", "range out of order 'z-a' at character 2");
  expect_invalid("ab\\", "lone '\\' at character 3");
  expect_invalid("]", "lone ']' at character 1");
  expect_invalid("a}", "lone '}' at character 2");
  expect_invalid("^*", "quantifier after '^' at character 2");
  expect_invalid("a\xFF", "invalid UTF-8 at character 2");
}

TEST(Pattern, RefusesUnsupportedFeaturesClearly) {
  expect_invalid("(a)\\1", "unsupported backreference '\\1' at character 4");
  expect_invalid("(?<y>a)\\k<y>", "unsupported named group '(?<' at character 1");
  expect_invalid("a\\k<y>", "unsupported named backreference '\\k' at character 2");
  expect_invalid("(?=a)a", "unsupported lookahead '(?=' at character 1");
  expect_invalid("(?!a)b", "unsupported lookahead '(?!' at character 1");
  expect_invalid("(?<=a)b", "unsupported lookbehind '(?<=' at character 1");
  expect_invalid("(?<!a)b", "unsupported lookbehind '(?<!' at character 1");
  expect_invalid("a*?", "unsupported lazy quantifier '*?' at character 2");
  expect_invalid("a+?", "unsupported lazy quantifier '+?'");
  expect_invalid("a??",
                 "unsupported lazy quantifier '?"
                 "?'");  // split: not a trigraph
  expect_invalid("a{2,3}?", "unsupported lazy quantifier '{2,3}?' at character 2");
  expect_invalid("\\bword\\b", "unsupported escape '\\b' at character 1");
  expect_invalid("\\p{L}", "unsupported Unicode property escape '\\p'");
  expect_invalid("\\x41", "unsupported escape '\\x' at character 1");
  expect_invalid("\\é", "unsupported escape '\\é' at character 1");
  expect_invalid("(?i:a)", "unsupported group '(?i'");
}

// What the browser's `v` flag refuses inside classes is refused here too, so
// an attribute the browser would silently drop never reaches a survey.
TEST(Pattern, RefusesWhatBrowsersRefuseInClasses) {
  expect_invalid("[a-]", "unescaped '-' inside [...] at character 3");
  expect_invalid("[-a]", "unescaped '-' inside [...] at character 2");
  expect_invalid("[a-c-e]", "unescaped '-' inside [...] at character 5");
  expect_invalid("[A-Za-z0-9._%+-]+", "unescaped '-' inside [...] at character 15");
  expect_invalid("[(]", "unescaped '(' inside [...] at character 2");
  expect_invalid("[a|b]", "unescaped '|' inside [...] at character 3");
  expect_invalid("[[a]]", "unescaped '[' inside [...] at character 2");
  expect_invalid("[a{2}]", "unescaped '{' inside [...]");
  expect_invalid("[a/b]", "unescaped '/' inside [...]");
  expect_invalid("[a&&b]", "'&&' inside [...] at character 3");
  expect_invalid("[..]", "'..' inside [...] at character 2");
  expect_invalid("[\\d-z]", "class escape as a range bound at character 2");
  expect_invalid("[a-\\w]", "class escape as a range bound at character 4");
  expect_invalid("a\\-b", "'\\-' outside [...] at character 2");
  // Escaped, the same characters are fine.
  expect_matches("[a\\-c\\(\\|\\/\\{]", {"a", "-", "c", "(", "|", "/", "{"}, {"b"});
}

TEST(Pattern, Limits) {
  EXPECT_TRUE(Pattern::compile(std::string(500, 'a'), "/p").ok());
  Result<Pattern> too_long = Pattern::compile(std::string(501, 'a'), "/p");
  EXPECT_EQ(too_long.status().code(), Code::kLimitExceeded);
  EXPECT_EQ(too_long.status().path(), "/p");
  // 500 code points, not bytes: "é" is two bytes.
  std::string accents;
  for (int i = 0; i < 500; ++i) accents += "é";
  EXPECT_TRUE(Pattern::compile(accents, "/p").ok());

  EXPECT_EQ(compile_code("a{2001}"), Code::kLimitExceeded);
  EXPECT_EQ(compile_code("a{1,99999999999}"), Code::kLimitExceeded);
  EXPECT_EQ(compile_code("(a{100}){100}"), Code::kLimitExceeded);
  EXPECT_EQ(compile_code("((a{40}){40}){40}"), Code::kLimitExceeded);
  EXPECT_EQ(compile_code("(){2000}"), Code::kLimitExceeded);
  Result<Pattern> at_cap = Pattern::compile("a{1999}", "/p");  // plus the accepting state
  ASSERT_TRUE(at_cap.ok());
  EXPECT_EQ(at_cap->state_count(), Pattern::kMaxStates);
  EXPECT_TRUE(at_cap->matches(std::string(1999, 'a')));
  EXPECT_EQ(compile_code("a{2000}"), Code::kLimitExceeded);

  std::string nested = std::string(50, '(') + "a" + std::string(50, ')');
  EXPECT_TRUE(Pattern::compile(nested, "/p").ok());
  EXPECT_EQ(compile_code("(" + nested + ")"), Code::kLimitExceeded);
}

// Each of these takes exponential time in a backtracking engine; here each
// is one pass over the text. No timing assertion: the test timeout guards.
TEST(Pattern, HostilePatternsRunInLinearTime) {
  const std::string as(10000, 'a');
  expect_matches("(a*)*b", {}, {as});
  expect_matches("(a+)+$", {as}, {as + "b"});
  expect_matches("(a|aa)*c", {}, {as});
  expect_matches("(a|a)*b", {}, {as});
  expect_matches("(x+x+)+y", {}, {std::string(10000, 'x')});
  expect_matches("(.*a){20}", {as}, {as + "b"});
  expect_matches("(a?){500}a{500}", {std::string(500, 'a'), std::string(800, 'a')},
                 {std::string(499, 'a'), std::string(1001, 'a')});
  expect_matches("([a-z]+)*[0-9]", {"abc1"}, {as + "!"});
  expect_matches("(\\w*\\s*)*@", {}, {as + " " + as});
}

TEST(Pattern, KeepsItsSourceAndCopiesShareTheProgram) {
  Result<Pattern> p = Pattern::compile("[A-Z]{2}", "/p");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->source(), "[A-Z]{2}");
  Pattern copy = *p;
  EXPECT_EQ(copy.source(), "[A-Z]{2}");
  EXPECT_TRUE(copy.matches("AB"));
  EXPECT_EQ(copy.state_count(), p->state_count());
}

}  // namespace
}  // namespace tessera
