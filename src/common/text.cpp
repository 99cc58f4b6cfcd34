// Localized text reading and locale fallback; see tessera/common/text.hpp.
#include "tessera/common/text.hpp"

#include <cctype>

namespace tessera {

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view parent_locale(std::string_view tag) {
  auto dash = tag.rfind('-');
  return dash == std::string_view::npos ? std::string_view() : tag.substr(0, dash);
}

Status check_locale(std::string_view tag, const std::string& path) {
  auto alpha = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
  auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  std::size_t i = 0;
  while (i < tag.size() && alpha(tag[i])) ++i;
  bool ok = i >= 2 && i <= 3 && tag.size() <= 35;
  while (ok && i < tag.size()) {
    if (tag[i] != '-') {
      ok = false;
      break;
    }
    std::size_t start = ++i;
    while (i < tag.size() && alnum(tag[i])) ++i;
    ok = i - start >= 1 && i - start <= 8;
  }
  if (!ok) {
    return Status(Code::kInvalidValue, "expected a locale tag such as \"en\" or \"pt-BR\"", path);
  }
  return Status::Ok();
}

const std::string& LocalizedText::resolve(std::string_view locale,
                                          std::string_view default_locale) const {
  static const std::string kEmpty;
  if (by_locale_.empty()) return kEmpty;
  for (std::string_view tag : {locale, default_locale}) {
    const std::string* text = nullptr;
    find_locale(tag, [&](const std::string& key) {
      auto it = by_locale_.find(key);
      if (it != by_locale_.end()) text = &it->second;
      return text != nullptr;
    });
    if (text) return *text;
  }
  auto plain = by_locale_.find("");
  return plain != by_locale_.end() ? plain->second : by_locale_.begin()->second;
}

Result<LocalizedText> read_text(const Json& value, const std::string& path,
                                std::size_t max_length) {
  LocalizedText text;
  auto check_length = [&](const std::string& s, const std::string& at) -> Status {
    if (utf8_length(s) > max_length) {
      return Status(Code::kLimitExceeded,
                    "expected at most " + std::to_string(max_length) + " characters", at);
    }
    return Status::Ok();
  };
  if (value.is_string()) {
    const auto& s = value.get_ref<const std::string&>();
    TESSERA_RETURN_IF_ERROR(check_length(s, path));
    text.by_locale_.emplace("", s);
    return text;
  }
  if (!value.is_object() || value.empty()) {
    return Status(Code::kInvalidType,
                  "expected a string or a non-empty object mapping locale tags to strings", path);
  }
  if (value.size() > 100) return Status(Code::kLimitExceeded, "more than 100 locales", path);
  for (auto it = value.begin(); it != value.end(); ++it) {
    std::string at = pointer_join(path, it.key());
    TESSERA_RETURN_IF_ERROR(check_locale(it.key(), at));
    if (!it->is_string()) return Status(Code::kInvalidType, "expected a string", at);
    const auto& s = it->get_ref<const std::string&>();
    TESSERA_RETURN_IF_ERROR(check_length(s, at));
    text.by_locale_.emplace(ascii_lower(it.key()), s);
  }
  return text;
}

Result<LocalizedText> read_optional_text(const FieldReader& reader, std::string_view key,
                                         std::size_t max_length) {
  const Json* v = reader.find(key);
  if (v == nullptr) return LocalizedText();
  return read_text(*v, reader.path_of(key), max_length);
}

}  // namespace tessera
