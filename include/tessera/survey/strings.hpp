// Built-in interface strings of the survey widget (buttons, validation
// messages, default scale labels), per locale, with fallback to English.
// Ten locales ship: en, de, fr, es, it, pt, nl, pl, ar, he.
//
//   ui_text("de-CH", Msg::kNext);   // "Weiter"
//   is_right_to_left("ar");         // true
//   format_count(ui_text("en", Msg::kTooLong), 500);
//
// Messages may hold {n} (and {total}), which format_count() replaces.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tessera::survey {

enum class Msg {
  kNext,
  kBack,
  kSubmit,
  kClose,
  kRequired,        // "This question needs an answer."
  kTooLong,         // {n}
  kTooShort,        // {n}
  kCharactersLeft,  // {n}
  kProgress,        // {n} {total}
  kNpsMin,
  kNpsMax,
  kCsatMin,
  kCsatMax,
  kCesMin,
  kCesMax,
  kThankYou,
  kOptional,
  kInvalidEmail,
  kInvalidUrl,
  kInvalidNumber,
  kPatternMismatch,
  kSelectAtLeast,  // {n}
  kSelectAtMost,   // {n}
  kEveryRow,
  kConsentNeeded,
  kOtherNeeded,
  kOther,
  kNone,
  kYes,
  kNo,
  kChoose,         // dropdown placeholder
  kMoveUp,         // ranking button
  kMoveDown,       // ranking button
  kNumberAtLeast,  // {n}
  kNumberAtMost,   // {n}
  kNumberBetween,  // {n} {total}
  kGoodwillOffer,  // {n}: points offered in service recovery, a claim until confirmed
  kCount           // number of messages; keep last
};

// The message for `locale`, falling back from "pt-BR" to "pt" to "en".
std::string_view ui_text(std::string_view locale, Msg msg);

// The locale tag whose strings ui_text uses for `locale` ("de-CH" -> "de").
std::string_view ui_locale(std::string_view locale);

// Right-to-left scripts (Arabic, Hebrew, Persian, Urdu).
bool is_right_to_left(std::string_view locale);

// Replaces "{n}" in `pattern` with n and "{total}" with total.
std::string format_count(std::string_view pattern, std::int64_t n, std::int64_t total = 0);

}  // namespace tessera::survey
