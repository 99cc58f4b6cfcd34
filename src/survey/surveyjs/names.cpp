// SurveyJS import: names to ids, expressions and piped texts rewritten to
// those ids, localized texts and HTML as plain text. See importer.hpp.
#include <algorithm>
#include <cstdint>

#include "importer.hpp"
#include "tessera/common/text.hpp"
#include "tessera/expr/expression.hpp"

namespace tessera::survey::surveyjs {
namespace {

bool plain(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// A string made into the shape check_id accepts: 1-64 of [A-Za-z0-9_.-],
// starting with a letter or digit.
std::string sanitize(std::string_view s, std::string_view prefix) {
  std::string out;
  for (char c : s) {
    bool keep = plain(c) || c == '_' || c == '-' || c == '.';
    if (!keep && !out.empty() && out.back() == '_') continue;  // one '_' per run
    out += keep ? c : '_';
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  if (out.empty() || !plain(out.front())) out = std::string(prefix) + out;
  if (out.size() > 56) out.resize(56);  // room for a "_NN" suffix
  return out;
}

std::string trim(std::string_view s) {
  std::size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  std::size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string quoted(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// "&amp;" -> "&", "&#233;" -> "é"; unknown entities stay as written.
std::size_t decode_entity(std::string_view s, std::size_t i, std::string& out) {
  std::size_t semi = s.find(';', i);
  if (semi == std::string_view::npos || semi - i > 10) {
    out += '&';
    return i + 1;
  }
  std::string_view name = s.substr(i + 1, semi - i - 1);
  static constexpr std::pair<std::string_view, std::uint32_t> kNamed[] = {
      {"amp", '&'},       {"lt", '<'},       {"gt", '>'},       {"quot", '"'},
      {"apos", '\''},     {"nbsp", 0xA0},    {"ndash", 0x2013}, {"mdash", 0x2014},
      {"hellip", 0x2026}, {"rsquo", 0x2019}, {"lsquo", 0x2018}, {"copy", 0xA9}};
  for (const auto& [n, cp] : kNamed) {
    if (name == n) {
      append_utf8(out, cp);
      return semi + 1;
    }
  }
  if (name.size() >= 2 && name[0] == '#') {
    bool hex = name[1] == 'x' || name[1] == 'X';
    std::uint32_t cp = 0;
    std::size_t start = hex ? 2 : 1;
    bool ok = start < name.size();
    for (std::size_t k = start; k < name.size() && ok; ++k) {
      char c = name[k];
      int d = (c >= '0' && c <= '9')          ? c - '0'
              : hex && (c >= 'a' && c <= 'f') ? c - 'a' + 10
              : hex && (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                              : -1;
      ok = d >= 0 && cp <= 0x10FFFF;
      cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(std::max(d, 0));
    }
    if (ok) {
      append_utf8(out, cp);
      return semi + 1;
    }
  }
  out += '&';
  return i + 1;
}

// Tags that end a block of text: their end (or the tag itself) is a line break.
bool is_block_tag(std::string_view tag) {
  static constexpr std::string_view kBlocks[] = {"br", "p",  "div", "li", "h1", "h2", "h3",   "h4",
                                                 "h5", "h6", "tr",  "ul", "ol", "hr", "table"};
  return std::find(std::begin(kBlocks), std::end(kBlocks), tag) != std::end(kBlocks);
}

std::string strip_html(std::string_view html) {
  std::string raw;
  std::size_t i = 0;
  while (i < html.size()) {
    char c = html[i];
    if (c == '<') {
      std::size_t close = html.find('>', i);
      if (close == std::string_view::npos) break;
      std::string_view tag = html.substr(i + 1, close - i - 1);
      bool end_tag = !tag.empty() && tag.front() == '/';
      std::string name;
      for (std::size_t k = end_tag ? 1 : 0; k < tag.size() && plain(tag[k]); ++k) {
        name += static_cast<char>(tag[k] >= 'A' && tag[k] <= 'Z' ? tag[k] + 32 : tag[k]);
      }
      if (!end_tag && (name == "script" || name == "style")) {
        // Their content is code, not text.
        std::size_t end = ascii_lower(html.substr(close)).find("</" + name);
        i = end == std::string::npos ? html.size() : close + end;
        continue;
      }
      if (is_block_tag(name)) raw += '\n';
      i = close + 1;
    } else if (c == '&') {
      i = decode_entity(html, i, raw);
    } else {
      raw += c;
      ++i;
    }
  }
  // Whitespace runs become one space; lines are trimmed; empty lines go.
  std::string out;
  std::string line;
  auto flush = [&] {
    std::string t = trim(line);
    if (!t.empty()) out += (out.empty() ? "" : "\n") + t;
    line.clear();
  };
  for (char c : raw) {
    if (c == '\n') {
      flush();
    } else if (c == ' ' || c == '\t' || c == '\r') {
      if (!line.empty() && line.back() != ' ') line += ' ';
    } else {
      line += c;
    }
  }
  flush();
  return out;
}

}  // namespace

const NameInfo* Importer::find_name(std::string_view name) const {
  auto it = names_.find(std::string(name));
  return it == names_.end() ? nullptr : &it->second;
}

std::string Importer::claim_id(std::string_view name, std::string_view fallback) {
  std::string base = sanitize(name.empty() ? fallback : name, "q");
  if (ends_with(base, "-other")) base[base.size() - 6] = '_';  // "-other" is reserved
  std::string id = base;
  for (int n = 2; taken_.count(ascii_lower(id)) != 0; ++n) id = base + "_" + std::to_string(n);
  taken_.insert(ascii_lower(id));
  return id;
}

std::string Importer::claim_page_id(std::string_view name, std::string_view fallback) {
  // Pages have their own ids; "end" and "recovery" are reserved.
  std::string base = sanitize(name.empty() ? fallback : name, "page");
  std::string id = base;
  for (int n = 2; id == "end" || id == "recovery" || page_ids_.count(id) != 0; ++n) {
    id = base + "_" + std::to_string(n);
  }
  page_ids_.insert(id);
  return id;
}

std::optional<std::string> Importer::choice_value(const Json& value, const std::string& question,
                                                  const std::string& path) {
  std::string text;
  if (value.is_string()) {
    text = value.get<std::string>();
  } else if (value.is_number_integer() || value.is_number_unsigned() || value.is_number_float() ||
             value.is_boolean()) {
    text = dump_json(value);
  } else {
    problem(path, "a choice value must be a string, number or boolean");
    return std::nullopt;
  }
  if (text == "other" || text == "none") {
    problem(path, "the choice value \"" + text +
                      "\" is reserved in Tessera; use hasOther / showOtherItem or showNoneItem");
    return std::nullopt;
  }
  if (check_id(text, path).ok()) return text;
  std::string id = sanitize(text, "v");
  if (value.is_string()) renamed_values_.emplace(text, id);
  result_.renamed["values"][question][text] = id;
  return id;
}

std::string Importer::rewrite_names(std::string_view text, bool expression,
                                    const std::optional<std::string>& item, bool& ok) {
  std::string out;
  out.reserve(text.size() + 16);
  std::size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (expression && (c == '\'' || c == '"')) {
      // A string literal: a choice value that was renamed is renamed here too.
      std::size_t j = i + 1;
      while (j < text.size() && text[j] != c) j += text[j] == '\\' && j + 1 < text.size() ? 2 : 1;
      std::string content(text.substr(i + 1, j - i - 1));
      auto renamed = renamed_values_.find(content);
      out += c;
      out += renamed == renamed_values_.end() ? content : renamed->second;
      if (j < text.size()) out += c;
      i = j + 1;
      continue;
    }
    if (c != '{') {
      out += c;
      ++i;
      continue;
    }
    std::size_t close = text.find('}', i + 1);
    if (close == std::string_view::npos) {
      out.append(text.substr(i));
      break;
    }
    std::string inner = trim(text.substr(i + 1, close - i - 1));
    i = close + 1;
    if (item && inner == "item") {
      out += expression ? quoted(*item) : *item;
      continue;
    }
    if (ends_with(inner, "-Comment")) {
      const NameInfo* base = find_name(inner.substr(0, inner.size() - 8));
      if (base != nullptr && (!base->comment_id.empty() || !base->other_id.empty())) {
        out += "{" + (base->comment_id.empty() ? base->other_id : base->comment_id) + "}";
        continue;
      }
    }
    // The longest leading name: {order.total} may be a question "order".
    bool found = false;
    for (std::size_t k = inner.size(); k > 0 && !found; --k) {
      if (k != inner.size() && inner[k] != '.' && inner[k] != '[') continue;
      const NameInfo* info = find_name(inner.substr(0, k));
      if (info == nullptr) continue;
      std::string rest = inner.substr(k);
      // {matrix.row}: a row value that was renamed is renamed in the path.
      if (rest.size() > 1 && rest[0] == '.') {
        auto renamed = renamed_values_.find(rest.substr(1));
        if (renamed != renamed_values_.end()) rest = "." + renamed->second;
      }
      out += "{" + info->id + rest + "}";
      found = true;
    }
    if (!found) {
      // An unknown variable is null in both SurveyJS and Tessera; keep it,
      // unless Tessera could not even read its name.
      out += "{" + inner + "}";
      if (inner.empty()) ok = false;
    }
  }
  return out;
}

std::string Importer::expression(const Json& value, const std::string& path,
                                 const std::optional<std::string>& item) {
  if (!value.is_string()) {
    problem(path, "expected an expression (a string)");
    return {};
  }
  return expression_text(value.get_ref<const std::string&>(), path, item);
}

std::string Importer::expression_text(std::string_view text, const std::string& path,
                                      const std::optional<std::string>& item) {
  if (trim(text).empty()) return {};
  bool ok = true;
  std::string out = rewrite_names(text, true, item, ok);
  const SurveyLimits& limits = options_.limits;
  if (utf8_length(out) > limits.max_expression_length) {
    problem(path, "the expression is longer than " + std::to_string(limits.max_expression_length) +
                      " characters");
    return {};
  }
  auto compiled = expr::Expression::parse(out, path, limits.expression_limits());
  if (!ok || !compiled.ok()) {
    problem(path, "Tessera cannot run this expression (" +
                      (ok ? compiled.status().message() : std::string("empty {}")) + ")");
    return {};
  }
  return out;
}

Json Importer::text(const Json* value, const std::string& path) {
  if (value == nullptr || value->is_null()) return Json();
  bool ok = true;
  if (value->is_string()) return rewrite_names(value->get_ref<const std::string&>(), false, {}, ok);
  if (!value->is_object()) {
    problem(path, "expected a text: a string or {locale: string}");
    return Json();
  }
  Json out = Json::object();
  for (auto it = value->begin(); it != value->end(); ++it) {
    std::string at = pointer_join(path, it.key());
    std::string locale = it.key() == "default" ? default_locale_ : it.key();
    if (!it->is_string()) {
      problem(at, "expected a string");
      continue;
    }
    if (!check_locale(locale, at).ok()) {
      problem(at, "\"" + it.key() + "\" is not a locale tag");
      continue;
    }
    // "default" and the default locale name the same text; the explicit tag wins.
    if (it.key() == "default" && value->contains(default_locale_)) continue;
    out[locale] = rewrite_names(it->get_ref<const std::string&>(), false, {}, ok);
  }
  return out.empty() ? Json() : out;
}

Json Importer::html_text(const Json* value, const std::string& path) {
  Json t = text(value, path);
  if (t.is_string()) return strip_html(t.get<std::string>());
  if (t.is_object()) {
    for (auto& entry : t.items()) entry.value() = strip_html(entry.value().get<std::string>());
  }
  return t;
}

}  // namespace tessera::survey::surveyjs
