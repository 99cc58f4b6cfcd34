// Binary operators with SurveyJS's operand rules; see operations.hpp.
#include <cmath>
#include <cstdint>
#include <string>

#include "number_text.hpp"
#include "operations.hpp"

namespace tessera::expr {
namespace {

// SurveyJS undoes binary noise after + and -: the result is rounded to the
// larger number of decimals of the operands (0.1 + 0.2 is 0.3).
double plus_minus_corrected(double a, double b, double result) {
  int places = std::max(decimal_places(a), decimal_places(b));
  return places > 0 ? round_decimal(result, places) : result;
}

// ... and after *, to the sum of the operands' decimals (0.1 * 3 is 0.3).
double multiply_corrected(double a, double b) {
  int places = decimal_places(a) + decimal_places(b);
  return places > 0 ? round_decimal(a * b, places) : a * b;
}

// x^n for whole n by binary powering: plain IEEE multiplications, so the
// bytes are the same on glibc and musl (std::pow may differ in the last bit).
double power(double x, double y) {
  if (y == 0.5) return std::sqrt(x);
  if (std::floor(y) != y || std::fabs(y) > 2147483647.0) return std::pow(x, y);
  std::int64_t n = static_cast<std::int64_t>(std::fabs(y));
  double result = 1;
  double base = x;
  while (n > 0) {
    if (n & 1) result *= base;
    base *= base;
    n >>= 1;
  }
  return y < 0 ? 1 / result : result;
}

// An empty operand of an arithmetic operator stands in as the neutral value
// of the other operand's type (SurveyJS: null + 1 is 1, null + 'a' is 'a').
Value neutral_for(const Value& v, const Value& other) {
  if (!is_empty(v)) return v;
  if (other.kind() == Kind::kNumber) return Value::number(0);
  if (v.kind() == Kind::kString) return v;
  if (other.kind() == Kind::kString) return Value::string("");
  if (other.kind() == Kind::kArray) return Value::own(Json::array());
  return Value::number(0);
}

bool is_number_like(const Value& v) { return number_argument(v).has_value(); }

Value plus(const Value& a, const Value& b) {
  if (is_number_like(a) && is_number_like(b)) {
    if (a.kind() == Kind::kString || b.kind() == Kind::kString) {
      return Value::string(to_text(a) + to_text(b));
    }
    double x = a.as_number();
    double y = b.as_number();
    return Value::number(plus_minus_corrected(x, y, x + y));
  }
  const bool array_a = a.kind() == Kind::kArray;
  const bool array_b = b.kind() == Kind::kArray;
  if (array_a && array_b) {
    Json joined = a.json();
    for (const Json& item : b.json()) joined.push_back(item);
    return Value::own(std::move(joined));
  }
  if (array_a || array_b) {
    const Value& array = array_a ? a : b;
    const Value& other = array_a ? b : a;
    if (other.kind() == Kind::kString) {
      return Value::string(to_text(a) + to_text(b));  // order kept: [1,2] + 'a' is "1, 2a"
    }
    if (other.kind() == Kind::kNumber) {
      double sum = 0;
      for (const Json& item : array.json()) {
        if (item.is_number())
          sum = plus_minus_corrected(sum, item.get<double>(), sum + item.get<double>());
      }
      return Value::number(plus_minus_corrected(sum, other.as_number(), sum + other.as_number()));
    }
    return Value::null();
  }
  if (a.kind() == Kind::kString || b.kind() == Kind::kString) {
    if (a.kind() == Kind::kObject || b.kind() == Kind::kObject) return Value::null();
    return Value::string(to_text(a) + to_text(b));
  }
  std::optional<double> x = to_number(a);
  std::optional<double> y = to_number(b);
  if (!x || !y) return Value::null();
  return Value::number(*x + *y);
}

Value arithmetic(BinaryOp op, const Value& a_in, const Value& b_in) {
  Value a = neutral_for(a_in, b_in);
  Value b = neutral_for(b_in, a);
  if (op == BinaryOp::kPlus) return plus(a, b);
  std::optional<double> x = to_number(a);
  std::optional<double> y = to_number(b);
  if (!x || !y) return Value::null();
  switch (op) {
    case BinaryOp::kMinus:
      return Value::number(plus_minus_corrected(*x, *y, *x - *y));
    case BinaryOp::kMultiply:
      return Value::number(multiply_corrected(*x, *y));
    case BinaryOp::kDivide:
      return *y == 0 ? Value::null() : Value::number(*x / *y);
    case BinaryOp::kModulo:
      return *y == 0 ? Value::null() : Value::number(std::fmod(*x, *y));
    default:
      return Value::number(power(*x, *y));
  }
}

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

std::string lower(std::string s) {
  for (char& c : s) c = ascii_lower(c);
  return s;
}

// JavaScript's String(array) for a needle: items joined by "," (no space).
std::string needle_text(const Value& v) {
  if (v.kind() != Kind::kArray) return to_text(v);
  std::string out;
  bool first = true;
  for (const Json& item : v.json()) {
    if (!first) out += ',';
    first = false;
    if (!item.is_array() && !item.is_object()) out += to_text(Value::view(item));
  }
  return out;
}

bool array_has(const Json& haystack, const Value& needle) {
  for (const Json& item : haystack) {
    if (equal(Value::view(item), needle)) return true;
  }
  return false;
}

// SurveyJS containsCore: text contains text (ASCII case-insensitive);
// an array contains a value, or every value of an array; numbers and
// booleans are searched as their text.
bool contains_core(const Value& left, const Value& right, bool want_contains) {
  if (left.kind() == Kind::kArray && left.json().empty()) return !want_contains;
  if (!truthy(left) && left.kind() != Kind::kNumber && left.kind() != Kind::kBool) return false;
  if (left.kind() == Kind::kObject) return false;
  if (left.kind() != Kind::kArray) {
    if (!truthy(right)) return false;
    bool found = lower(to_text(left)).find(lower(needle_text(right))) != std::string::npos;
    return want_contains ? found : !found;
  }
  if (right.kind() == Kind::kArray) {
    for (const Json& r : right.json()) {
      if (!array_has(left.json(), Value::view(r))) return !want_contains;
    }
    return want_contains;
  }
  return array_has(left.json(), right) ? want_contains : !want_contains;
}

bool contains(const Value& l, const Value& r) { return contains_core(l, r, true); }

bool any_of(const Value& left, const Value& right) {
  const bool left_empty = is_empty(left);
  const bool right_empty = is_empty(right);
  if (left_empty && right_empty) return true;
  if (left_empty) return false;
  if (right_empty) return true;
  if (left.kind() != Kind::kArray) return contains(right, left);
  if (right.kind() != Kind::kArray) return contains(left, right);
  for (const Json& r : right.json()) {
    if (contains(left, Value::view(r))) return true;
  }
  return false;
}

bool all_of(const Value& left, const Value& right) {
  if (!truthy(left) && !is_empty(right)) return false;
  if (right.kind() != Kind::kArray) return contains(left, right);
  for (const Json& r : right.json()) {
    if (!contains(left, Value::view(r))) return false;
  }
  return true;
}

}  // namespace

std::optional<double> number_argument(const Value& v) {
  if (v.kind() == Kind::kNumber) return v.as_number();
  if (v.kind() == Kind::kString) return parse_number(v.as_string());
  return std::nullopt;
}

Value negate_number(const Value& v) {
  std::optional<double> x = to_number(v);
  return x ? Value::number(-*x) : Value::null();
}

Value apply_binary(BinaryOp op, const Value& a, const Value& b) {
  switch (op) {
    case BinaryOp::kEqual:
      return Value::boolean(equal(a, b));
    case BinaryOp::kNotEqual:
      return Value::boolean(!equal(a, b));
    case BinaryOp::kLess:
      return Value::boolean(less(a, b));
    case BinaryOp::kGreater:
      return Value::boolean(less(b, a));
    case BinaryOp::kLessOrEqual:
      return Value::boolean(equal(a, b) || less(a, b));
    case BinaryOp::kGreaterOrEqual:
      return Value::boolean(equal(a, b) || less(b, a));
    case BinaryOp::kContains:
      return Value::boolean(contains(a, b));
    case BinaryOp::kNotContains:
      if (!truthy(a) && !is_empty(b)) return Value::boolean(true);
      return Value::boolean(contains_core(a, b, false));
    case BinaryOp::kAnyOf:
      return Value::boolean(any_of(a, b));
    case BinaryOp::kNoneOf:
      return Value::boolean(!any_of(a, b));
    case BinaryOp::kAllOf:
      return Value::boolean(all_of(a, b));
    default:
      return arithmetic(op, a, b);
  }
}

}  // namespace tessera::expr
