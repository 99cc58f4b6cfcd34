// iif, aggregates, rounding and text functions; see operations.hpp and the
// "Functions" section of docs/expressions.md.
#include <cmath>
#include <string>
#include <vector>

#include "number_text.hpp"
#include "operations.hpp"

namespace tessera::expr {
namespace {

// Aggregates see through arrays (sum({checkbox}, 3)); nested arrays are
// flattened down to this depth, deeper ones ignored.
constexpr int kMaxFlattenDepth = 16;

struct Flattened {
  std::vector<double> numbers;
  std::size_t non_null = 0;
};

void flatten(const Value& v, Flattened& out, int depth) {
  if (v.is_null()) return;
  if (v.kind() == Kind::kArray) {
    if (depth >= kMaxFlattenDepth) return;
    for (const Json& item : v.json()) flatten(Value::view(item), out, depth + 1);
    return;
  }
  ++out.non_null;
  if (std::optional<double> n = number_argument(v)) out.numbers.push_back(*n);
}

Flattened flatten_all(const Value* args, std::size_t count) {
  Flattened out;
  for (std::size_t i = 0; i < count; ++i) flatten(args[i], out, 0);
  return out;
}

double corrected_sum(const std::vector<double>& numbers) {
  double sum = 0;
  for (double n : numbers) {
    const double raw = sum + n;
    const int places = std::max(decimal_places(sum), decimal_places(n));
    sum = places > 0 ? round_decimal(raw, places) : raw;
  }
  return sum;
}

// 10^p as SurveyJS's Math.pow(10, p): exact for whole p in [-22, 22].
double power_of_ten(double p) {
  if (std::floor(p) == p && std::fabs(p) <= 22) {
    double r = 1;
    for (int i = 0; i < static_cast<int>(std::fabs(p)); ++i) r *= 10;
    return p < 0 ? 1 / r : r;
  }
  return std::pow(10.0, p);
}

// JavaScript's Math.round: halves go up (towards +infinity).
double js_round(double x) {
  double f = std::floor(x);
  return (x - f >= 0.5) ? f + 1 : f;
}

Value round_function(const Value* args, std::size_t count) {
  std::optional<double> x = number_argument(args[0]);
  if (!x) return Value::null();
  double places = 0;
  if (count > 1 && truthy(args[1])) {
    std::optional<double> p = number_argument(args[1]);
    if (!p) return Value::null();
    places = *p;
  }
  const double scale = power_of_ten(places);
  // SurveyJS nudges by one epsilon so that 1.005 rounds to 1.01 at 2 places.
  const double nudged = (*x * scale) * (1 + 2.220446049250313e-16);
  return Value::number(js_round(nudged) / scale);
}

// Cuts the decimal text (SurveyJS works on String(x) as well).
Value trunc_function(const Value* args, std::size_t count) {
  std::optional<double> x = number_argument(args[0]);
  if (!x) return Value::null();
  int places = 0;
  if (count > 1 && truthy(args[1])) {
    std::optional<double> p = number_argument(args[1]);
    if (!p) return Value::null();
    places = *p > 0 ? static_cast<int>(std::min(*p, 100.0)) : 0;
  }
  std::string text = js_number_text(*x);
  if (text.find('e') != std::string::npos) return Value::number(std::fabs(*x) >= 1 ? *x : 0);
  std::size_t dot = text.find('.');
  if (dot == std::string::npos) return Value::number(*x);
  std::string cut = text.substr(0, places > 0 ? dot + 1 + static_cast<std::size_t>(places) : dot);
  return Value::number(parse_decimal(cut).value_or(0) + 0.0);
}

// Code points of UTF-8 text, so that substring() never splits a character.
std::vector<std::size_t> code_point_starts(std::string_view s) {
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) starts.push_back(i);
  }
  starts.push_back(s.size());
  return starts;
}

// JavaScript's String.prototype.substring: indexes truncated and clamped,
// swapped when start > end.
Value substring_function(const Value* args, std::size_t count) {
  const Value& subject = args[0];
  if (subject.kind() != Kind::kString && subject.kind() != Kind::kNumber) return Value::string("");
  std::string text = to_text(subject);
  std::optional<double> start = number_argument(args[1]);
  if (!start) return Value::string("");
  std::vector<std::size_t> starts = code_point_starts(text);
  const double length = static_cast<double>(starts.size() - 1);
  auto clamp = [&](double i) {
    return std::isnan(i) ? 0.0 : std::min(std::max(std::trunc(i), 0.0), length);
  };
  double from = clamp(*start);
  double to = length;
  if (count > 2) {
    if (std::optional<double> end = number_argument(args[2])) to = clamp(*end);
  }
  if (from > to) std::swap(from, to);
  std::size_t b = starts[static_cast<std::size_t>(from)];
  std::size_t e = starts[static_cast<std::size_t>(to)];
  return Value::string(text.substr(b, e - b));
}

Value length_function(const Value& v) {
  switch (v.kind()) {
    case Kind::kNull:
      return Value::number(0);
    case Kind::kString:
    case Kind::kNumber:
      return Value::number(static_cast<double>(utf8_length(to_text(v))));
    case Kind::kArray:
    case Kind::kObject:
      return Value::number(static_cast<double>(v.json().size()));
    default:
      return Value::null();
  }
}

}  // namespace

Value call_function(Function f, const Value* args, std::size_t count, const EvalContext& context) {
  switch (f) {
    case Function::kIif:
      return truthy(args[0]) ? args[1] : (count > 2 ? args[2] : Value::null());
    case Function::kSum:
      return Value::number(corrected_sum(flatten_all(args, count).numbers));
    case Function::kMin:
    case Function::kMax: {
      Flattened all = flatten_all(args, count);
      if (all.numbers.empty()) return Value::null();
      double best = all.numbers[0];
      for (double n : all.numbers)
        best = (f == Function::kMin) ? std::min(best, n) : std::max(best, n);
      return Value::number(best);
    }
    case Function::kAvg: {
      Flattened all = flatten_all(args, count);
      if (all.numbers.empty()) return Value::number(0);
      return Value::number(corrected_sum(all.numbers) / static_cast<double>(all.numbers.size()));
    }
    case Function::kCount:
      return Value::number(static_cast<double>(flatten_all(args, count).non_null));
    case Function::kRound:
      return round_function(args, count);
    case Function::kTrunc:
      return trunc_function(args, count);
    case Function::kAbs: {
      std::optional<double> x = number_argument(args[0]);
      return x ? Value::number(std::fabs(*x)) : Value::null();
    }
    case Function::kSubstring:
      return substring_function(args, count);
    case Function::kLength:
      return length_function(args[0]);
    default:
      return call_date_function(f, args, count, context);
  }
}

}  // namespace tessera::expr
