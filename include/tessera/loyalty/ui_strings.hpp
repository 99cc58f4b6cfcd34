// Interface strings of the loyalty elements (<tessera-badge>,
// <tessera-points-preview>), per locale, with the same ten locales and the
// same fallback as the survey widget's (tessera/survey/strings.hpp): "pt-BR"
// -> "pt" -> "en". The engine hands them out through `loyalty.strings`, so
// the page carries no string tables of its own and native and wasm agree.
//
//   Json s = loyalty_ui_strings("ar-EG");
//   // {"locale": "ar", "dir": "rtl", "strings": {"points": "نقطة", ...}}
//
// Placeholders, filled by the element after formatting with Intl:
// {n} a number (or an amount of money), {date} a date, {tier} a tier name.
#pragma once

#include <string_view>

#include "tessera/common/json.hpp"

namespace tessera::loyalty {

// {"locale", "dir" ("ltr"/"rtl"), "strings": {key: text}} for `locale`.
Json loyalty_ui_strings(std::string_view locale);

}  // namespace tessera::loyalty
