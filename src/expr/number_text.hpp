// Numbers <-> decimal text, the same bytes on every platform and in every
// locale: JavaScript's Number-to-String layout over the shortest round-trip
// digits that nlohmann_json produces, and correctly rounded parsing.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tessera::expr {

// As JavaScript's String(x): "0.1", "100", "1e+21", "1.5e-7", "-3".
std::string js_number_text(double x);

// Digits after the decimal point in js_number_text(x) (SurveyJS counts them
// to undo binary noise: 0.1 * 3 is 0.3, not 0.30000000000000004).
int decimal_places(double x);

// x rounded half away from zero to `places` decimals, computed on its
// shortest decimal digits, as JavaScript's Number(x.toFixed(places)).
double round_decimal(double x, int places);

// Correctly rounded decimal -> double; `text` must be [-]digits[.digits][e[+-]digits].
std::optional<double> parse_decimal(std::string_view text);

}  // namespace tessera::expr
