// The value type of the expression machine and the coercion rules every
// operator shares (truthiness, numbers, text, emptiness, equality, order).
// The rules are written out in docs/expressions.md; they follow SurveyJS
// where SurveyJS is sensible and say so where Tessera differs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "tessera/common/json.hpp"

namespace tessera::expr {

enum class Kind : std::uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };

// Scalars are held by value. Strings, arrays and objects are either borrowed
// (a pointer into the caller's values or the program's constants, both alive
// for the whole evaluation) or owned (computed during evaluation).
class Value {
 public:
  Value() = default;
  static Value null() { return Value(); }
  static Value boolean(bool b);
  // NaN and infinities become null: JSON cannot hold them, SurveyJS shows none.
  static Value number(double d);
  // A JSON value as it is (array items, constants).
  static Value view(const Json& json);
  static Value own(Json json);
  static Value string(std::string s) { return own(Json(std::move(s))); }

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::kNull; }
  bool as_bool() const { return bool_; }
  double as_number() const { return number_; }
  // Precondition: kind() is kString, kArray or kObject.
  const Json& json() const { return ref_ != nullptr ? *ref_ : owned_; }
  std::string_view as_string() const;

  // Whole numbers within 2^53 come out as JSON integers, so that 3 prints
  // "3" and not "3.0" on every platform.
  Json to_json() const;

 private:
  Kind kind_ = Kind::kNull;
  bool bool_ = false;
  double number_ = 0;
  const Json* ref_ = nullptr;
  Json owned_;
};

// A variable's answer as the expression sees it: a string that is a plain
// decimal number ("5", "-2.5", " 7 ") reads as that number, "true"/"false"
// (any case) as a boolean; "05" and digit runs over 15 long stay text.
Value read_variable(const Json* answer);

bool truthy(const Value& v);
// null, "", [] and an object whose members are all empty.
bool is_empty(const Value& v);
bool is_empty_json(const Json& j);

// Decimal text -> number: optional sign, digits, optional fraction and
// exponent, surrounding ASCII whitespace ignored. No hex, no comma.
std::optional<double> parse_number(std::string_view text);
// The number of a value for arithmetic; nullopt when it has none (text that
// is not a number, arrays, objects). null -> 0, booleans -> 0/1.
std::optional<double> to_number(const Value& v);
// The text of a value for concatenation and `contains`: numbers as
// JavaScript prints them, arrays joined with ", ", null -> "".
std::string to_text(const Value& v);

// SurveyJS equality: numbers and numeric text compare as numbers; text is
// compared trimmed and ASCII-case-insensitively; null equals ""; booleans
// equal "true"/"false" and 1/0; arrays equal ignoring order; objects by
// members.
bool equal(const Value& a, const Value& b);
// a < b (or a > b with `greater`): numbers (and numeric text) by value,
// text by code point, booleans as 0/1; null, empty text, arrays and objects
// are not ordered (false).
bool less(const Value& a, const Value& b);

}  // namespace tessera::expr
