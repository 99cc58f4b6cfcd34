// Tokenizer for expressions; see lexer.hpp.
#include "lexer.hpp"

#include "number_text.hpp"

namespace tessera::expr {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_word_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_word_char(char c) { return is_word_start(c) || is_digit(c); }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Two-character symbols first, so that "<=" is not read as "<" "=".
const char* const kSymbols[] = {"==", "!=", "<>", "<=", ">=", "&&", "||", "*=", "(", ")", "[", "]",
                                ",",  "+",  "-",  "*",  "/",  "%",  "^",  "!",  "=", "<", ">"};

}  // namespace

std::string at_character(std::string_view text, std::size_t offset) {
  std::size_t n = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++n;
  }
  return "at character " + std::to_string(n);
}

LexResult tokenize(std::string_view text) {
  LexResult out;
  std::size_t i = 0;
  auto fail = [&](const std::string& what, std::size_t at) {
    out.error = what + " " + at_character(text, at);
    return out;
  };
  while (true) {
    while (i < text.size() && is_space(text[i])) ++i;
    if (i >= text.size()) break;
    const std::size_t start = i;
    const char c = text[i];
    Token token{TokenKind::kSymbol, {}, 0, start};
    if (is_digit(c)) {
      while (i < text.size() && is_digit(text[i])) ++i;
      if (i + 1 < text.size() && text[i] == '.' && is_digit(text[i + 1])) {
        for (++i; i < text.size() && is_digit(text[i]);) ++i;
      }
      if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        std::size_t j = i + 1;
        if (j < text.size() && (text[j] == '+' || text[j] == '-')) ++j;
        if (j < text.size() && is_digit(text[j])) {
          for (i = j; i < text.size() && is_digit(text[i]);) ++i;
        }
      }
      if (i < text.size() && (is_word_char(text[i]) || text[i] == '.')) {
        return fail("malformed number", start);
      }
      token.kind = TokenKind::kNumber;
      token.number = parse_decimal(text.substr(start, i - start)).value_or(0);
    } else if (c == '\'' || c == '"') {
      for (++i; i < text.size() && text[i] != c; ++i) {
        if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == c) ++i;
        token.text += text[i];
      }
      if (i >= text.size()) return fail("unterminated string starting", start);
      ++i;
      token.kind = TokenKind::kString;
    } else if (c == '{') {
      for (++i; i < text.size() && text[i] != '}'; ++i) {
        if (text[i] == '{' || static_cast<unsigned char>(text[i]) < 0x20) {
          return fail("unexpected character in variable name", i);
        }
      }
      if (i >= text.size()) return fail("expected '}' to close the variable starting", start);
      std::string_view name = text.substr(start + 1, i - start - 1);
      while (!name.empty() && is_space(name.front())) name.remove_prefix(1);
      while (!name.empty() && is_space(name.back())) name.remove_suffix(1);
      if (name.empty()) return fail("empty variable name", start);
      ++i;
      token.kind = TokenKind::kVariable;
      token.text = std::string(name);
    } else if (is_word_start(c)) {
      while (i < text.size() && is_word_char(text[i])) ++i;
      token.kind = TokenKind::kWord;
      for (std::size_t k = start; k < i; ++k) {
        char w = text[k];
        token.text += (w >= 'A' && w <= 'Z') ? static_cast<char>(w + 32) : w;
      }
    } else {
      for (const char* symbol : kSymbols) {
        std::string_view s(symbol);
        if (text.substr(i, s.size()) == s) {
          token.text = std::string(s);
          i += s.size();
          break;
        }
      }
      if (token.text.empty()) return fail("unexpected character", start);
    }
    out.tokens.push_back(std::move(token));
  }
  out.tokens.push_back(Token{TokenKind::kEnd, {}, 0, text.size()});
  return out;
}

}  // namespace tessera::expr
