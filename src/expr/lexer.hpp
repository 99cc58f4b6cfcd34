// Splits expression text into tokens, each with its byte offset so that
// errors can name the character where they start.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::expr {

enum class TokenKind : unsigned char {
  kNumber,    // 12, 0.5, 1e3 (a leading minus is an operator)
  kString,    // 'text' or "text"; \' and \" escape the quote
  kVariable,  // {name.path[0]}; text holds the trimmed name
  kWord,      // and, contains, true, sum, ...; text holds it in lower case
  kSymbol,    // ( ) [ ] , + - * / % ^ ! = == != <> < <= > >= && || *=
  kEnd,
};

struct Token {
  TokenKind kind;
  std::string text;
  double number = 0;
  std::size_t offset = 0;  // byte offset in the expression text
};

struct LexResult {
  std::vector<Token> tokens;  // ends with kEnd
  std::string error;          // empty on success, else "... at character N"
};

LexResult tokenize(std::string_view text);

// "at character N": N is 1-based and counts code points, as an editor does.
std::string at_character(std::string_view text, std::size_t offset);

}  // namespace tessera::expr
