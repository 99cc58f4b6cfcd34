// Built-in interface strings of the survey widget (buttons, validation
// messages, default NPS end labels), per locale, with fallback to English.
//
//   const UiStrings& s = ui_strings("de-CH");  // German
//   s.next;                                     // "Weiter"
//   is_right_to_left("ar");                     // true
//
// Messages may hold {n}, which format_count() replaces.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tessera::survey {

struct UiStrings {
  std::string_view locale;
  std::string_view next;
  std::string_view back;
  std::string_view submit;
  std::string_view close;
  std::string_view required;         // "This question needs an answer."
  std::string_view too_long;         // "Please use at most {n} characters."
  std::string_view too_short;        // "Please write at least {n} characters."
  std::string_view characters_left;  // "{n} characters left"
  std::string_view progress;         // "Page {n} of {total}"
  std::string_view nps_min_label;    // "Not at all likely"
  std::string_view nps_max_label;    // "Extremely likely"
  std::string_view thank_you;
  std::string_view optional;  // "(optional)"
};

// Strings for `locale`, falling back from "pt-BR" to "pt" to "en".
const UiStrings& ui_strings(std::string_view locale);

// Right-to-left scripts (Arabic, Hebrew, Persian, Urdu).
bool is_right_to_left(std::string_view locale);

// Replaces "{n}" in `pattern` with n.
std::string format_count(std::string_view pattern, std::int64_t n);

}  // namespace tessera::survey
