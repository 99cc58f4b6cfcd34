// Localized text: every text in a definition may be a plain string or a map
// from locale tag to string ({"en": "Thanks!", "de": "Danke!"}).
//
// Resolution falls back from the most specific tag to the least:
// "de-CH" -> "de" -> the definition's default locale -> the first entry.
//
//   LocalizedText t = *read_text(json, "/title", 500);
//   t.resolve("de-CH", "en");  // "Danke!"
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "tessera/common/json.hpp"

namespace tessera {

class LocalizedText {
 public:
  LocalizedText() = default;
  explicit LocalizedText(std::string plain) { by_locale_.emplace("", std::move(plain)); }

  bool empty() const { return by_locale_.empty(); }
  const std::string& resolve(std::string_view locale, std::string_view default_locale) const;
  const std::map<std::string, std::string>& entries() const { return by_locale_; }

  friend Result<LocalizedText> read_text(const Json& value, const std::string& path,
                                         std::size_t max_length);

 private:
  // "" holds a plain string that applies to every locale.
  std::map<std::string, std::string> by_locale_;
};

// Reads a string or a {locale: string} map. Locale tags are BCP 47-shaped
// ("en", "pt-BR", "zh-Hant-TW"); at most 100 locales.
Result<LocalizedText> read_text(const Json& value, const std::string& path, std::size_t max_length);

// Reads an optional text field; absent gives an empty LocalizedText.
Result<LocalizedText> read_optional_text(const FieldReader& reader, std::string_view key,
                                         std::size_t max_length);

// Checks a BCP 47-shaped tag: 2-3 letters, then subtags of 1-8 alphanumerics.
Status check_locale(std::string_view tag, const std::string& path);

// "de-CH" -> "de"; "de" -> "".
std::string_view parent_locale(std::string_view tag);

// ASCII letters lower-cased, everything else as it is.
std::string ascii_lower(std::string_view s);

// Locale fallback, the one rule every table lookup follows: `tag`
// lower-cased ("pt-br"), then each parent ("pt"), until `found(key)` says
// yes. True when one did.
//   find_locale("pt-BR", [&](const std::string& key) { return table.count(key) > 0; });
template <typename Found>
bool find_locale(std::string_view tag, Found&& found) {
  for (std::string key = ascii_lower(tag); !key.empty(); key = std::string(parent_locale(key))) {
    if (found(key)) return true;
  }
  return false;
}

}  // namespace tessera
