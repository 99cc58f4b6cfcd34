// Coercions and comparisons shared by all operators; see value.hpp and the
// "Types and coercion" section of docs/expressions.md.
#include "value.hpp"

#include <cmath>
#include <vector>

#include "number_text.hpp"

namespace tessera::expr {
namespace {

// Values come from callers and may nest deeply; comparisons stop descending
// here instead of recursing without bound (and then answer "not equal").
constexpr int kMaxCompareDepth = 64;

bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool equal_ignoring_ascii_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

// The number a value stands for in comparisons: numbers, and text that is a
// decimal number.
std::optional<double> numeric(const Value& v) {
  if (v.kind() == Kind::kNumber) return v.as_number();
  if (v.kind() == Kind::kString) return parse_number(v.as_string());
  return std::nullopt;
}

bool is_empty_at(const Json& j, int depth) {
  switch (j.type()) {
    case Json::value_t::null:
      return true;
    case Json::value_t::string:
      return j.get_ref<const std::string&>().empty();
    case Json::value_t::array:
      return j.empty();
    case Json::value_t::object:
      if (depth > kMaxCompareDepth) return false;
      for (const auto& member : j.items()) {
        if (!is_empty_at(member.value(), depth + 1)) return false;
      }
      return true;
    default:
      return false;
  }
}

bool equal_at(const Value& a, const Value& b, int depth);

// Same length and every item of `a` pairs with a distinct equal item of `b`
// (SurveyJS compares arrays ignoring order).
bool arrays_equal(const Json& a, const Json& b, int depth) {
  if (a.size() != b.size()) return false;
  std::vector<bool> used(b.size(), false);
  for (const Json& x : a) {
    bool matched = false;
    for (std::size_t i = 0; i < b.size() && !matched; ++i) {
      if (!used[i] && equal_at(Value::view(x), Value::view(b[i]), depth + 1)) {
        used[i] = matched = true;
      }
    }
    if (!matched) return false;
  }
  return true;
}

bool objects_equal(const Json& a, const Json& b, int depth) {
  if (a.size() != b.size()) return false;
  for (auto it = a.begin(); it != a.end(); ++it) {
    auto other = b.find(it.key());
    if (other == b.end()) return false;
    if (!equal_at(Value::view(*it), Value::view(*other), depth + 1)) return false;
  }
  return true;
}

bool equal_at(const Value& a, const Value& b, int depth) {
  if (depth > kMaxCompareDepth) return false;
  const Kind ka = a.kind();
  const Kind kb = b.kind();
  if (ka == Kind::kNull && kb == Kind::kNull) return true;
  if (ka == Kind::kNull && kb == Kind::kString) return b.as_string().empty();
  if (kb == Kind::kNull && ka == Kind::kString) return a.as_string().empty();
  if (ka == Kind::kString && kb == Kind::kString) {
    return equal_ignoring_ascii_case(trim(a.as_string()), trim(b.as_string()));
  }
  std::optional<double> na = numeric(a);
  std::optional<double> nb = numeric(b);
  if (na && nb) return *na == *nb;
  if (is_empty(a) != is_empty(b)) return false;
  if (ka == Kind::kBool && kb == Kind::kString) {
    return equal_ignoring_ascii_case(b.as_string(), a.as_bool() ? "true" : "false");
  }
  if (kb == Kind::kBool && ka == Kind::kString) {
    return equal_ignoring_ascii_case(a.as_string(), b.as_bool() ? "true" : "false");
  }
  if (ka == Kind::kBool && kb == Kind::kBool) return a.as_bool() == b.as_bool();
  if (ka == Kind::kBool && kb == Kind::kNumber) return (a.as_bool() ? 1.0 : 0.0) == b.as_number();
  if (kb == Kind::kBool && ka == Kind::kNumber) return (b.as_bool() ? 1.0 : 0.0) == a.as_number();
  if (ka == Kind::kArray && kb == Kind::kArray) return arrays_equal(a.json(), b.json(), depth);
  if (ka == Kind::kObject && kb == Kind::kObject) return objects_equal(a.json(), b.json(), depth);
  return false;
}

}  // namespace

Value Value::boolean(bool b) {
  Value v;
  v.kind_ = Kind::kBool;
  v.bool_ = b;
  return v;
}

Value Value::number(double d) {
  Value v;
  if (!std::isfinite(d)) return v;
  v.kind_ = Kind::kNumber;
  v.number_ = d;
  return v;
}

Value Value::view(const Json& json) {
  Value v;
  switch (json.type()) {
    case Json::value_t::boolean:
      return boolean(json.get<bool>());
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
      return number(json.get<double>());
    case Json::value_t::string:
      v.kind_ = Kind::kString;
      break;
    case Json::value_t::array:
      v.kind_ = Kind::kArray;
      break;
    case Json::value_t::object:
      v.kind_ = Kind::kObject;
      break;
    default:
      return v;
  }
  v.ref_ = &json;
  return v;
}

Value Value::own(Json json) {
  Value v = view(json);
  if (v.ref_ != nullptr) {
    v.ref_ = nullptr;
    v.owned_ = std::move(json);
  }
  return v;
}

std::string_view Value::as_string() const {
  return kind_ == Kind::kString ? std::string_view(json().get_ref<const std::string&>())
                                : std::string_view();
}

Json Value::to_json() const {
  switch (kind_) {
    case Kind::kNull:
      return Json(nullptr);
    case Kind::kBool:
      return Json(bool_);
    case Kind::kNumber:
      if (std::floor(number_) == number_ && std::fabs(number_) < 9007199254740992.0) {
        return Json(static_cast<std::int64_t>(number_));
      }
      return Json(number_);
    default:
      return json();
  }
}

Value read_variable(const Json* answer) {
  if (answer == nullptr) return Value::null();
  if (!answer->is_string()) return Value::view(*answer);
  std::string_view s = answer->get_ref<const std::string&>();
  if (equal_ignoring_ascii_case(s, "true")) return Value::boolean(true);
  if (equal_ignoring_ascii_case(s, "false")) return Value::boolean(false);
  // "05" and long digit runs are codes (zip codes, card numbers), not numbers.
  if (s.size() > 1 && s[0] == '0' && s[1] != '.') return Value::view(*answer);
  std::string_view t = trim(s);
  if (t.size() > 15 && t.find_first_not_of("0123456789") == std::string_view::npos) {
    return Value::view(*answer);
  }
  if (std::optional<double> n = parse_number(t)) return Value::number(*n);
  return Value::view(*answer);
}

bool truthy(const Value& v) {
  switch (v.kind()) {
    case Kind::kNull:
      return false;
    case Kind::kBool:
      return v.as_bool();
    case Kind::kNumber:
      return v.as_number() != 0;
    case Kind::kString:
      return !v.as_string().empty();
    default:
      return true;  // arrays and objects, even empty ones, as in JavaScript
  }
}

bool is_empty_json(const Json& j) { return is_empty_at(j, 0); }

bool is_empty(const Value& v) {
  switch (v.kind()) {
    case Kind::kNull:
      return true;
    case Kind::kBool:
    case Kind::kNumber:
      return false;
    default:
      return is_empty_json(v.json());
  }
}

std::optional<double> parse_number(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  std::optional<double> d = parse_decimal(text);
  if (!d || !std::isfinite(*d)) return std::nullopt;
  return d;
}

std::optional<double> to_number(const Value& v) {
  switch (v.kind()) {
    case Kind::kNull:
      return 0.0;
    case Kind::kBool:
      return v.as_bool() ? 1.0 : 0.0;
    case Kind::kNumber:
      return v.as_number();
    case Kind::kString:
      return parse_number(v.as_string());
    default:
      return std::nullopt;
  }
}

std::string to_text(const Value& v) {
  switch (v.kind()) {
    case Kind::kNull:
      return "";
    case Kind::kBool:
      return v.as_bool() ? "true" : "false";
    case Kind::kNumber:
      return js_number_text(v.as_number());
    case Kind::kString:
      return std::string(v.as_string());
    case Kind::kArray: {
      std::string out;
      bool first = true;
      for (const Json& item : v.json()) {
        if (!first) out += ", ";
        first = false;
        // Nested arrays and objects print as nothing rather than recursing.
        if (!item.is_array() && !item.is_object()) out += to_text(Value::view(item));
      }
      return out;
    }
    default:
      return "";
  }
}

bool equal(const Value& a, const Value& b) { return equal_at(a, b, 0); }

bool less(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return false;
  if (a.kind() == Kind::kString && b.kind() == Kind::kString) return a.as_string() < b.as_string();
  auto ordered = [](const Value& v) -> std::optional<double> {
    if (v.kind() == Kind::kBool) return v.as_bool() ? 1.0 : 0.0;
    return numeric(v);
  };
  std::optional<double> na = ordered(a);
  std::optional<double> nb = ordered(b);
  return na && nb && *na < *nb;
}

}  // namespace tessera::expr
