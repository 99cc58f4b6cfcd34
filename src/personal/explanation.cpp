// Explanation data and localized rendering; see tessera/personal/explanation.hpp.
#include "tessera/personal/explanation.hpp"

#include <vector>

namespace tessera::personal {
namespace {

constexpr const char* kDefaultTemplates = R"({
  "affinity.1d": {"en": "because you looked at {category} today",
                  "de": "weil du dir heute {category} angesehen hast"},
  "affinity.7d": {"en": "because you looked at {category} this week",
                  "de": "weil du dir diese Woche {category} angesehen hast"},
  "affinity": {"en": "because you looked at {category} in the last {days} days",
               "de": "weil du dir in den letzten {days} Tagen {category} angesehen hast"},
  "discovery": {"en": "something new you might like",
                "de": "etwas Neues, das dir gefallen könnte"},
  "exploration": {"en": "something different, to learn what you like",
                  "de": "etwas anderes, um herauszufinden, was dir gefällt"}
})";

std::string humanize(std::string_view id) {
  std::string out(id);
  for (char& c : out) {
    if (c == '-' || c == '_') c = ' ';
  }
  return out;
}

void replace_all(std::string& text, std::string_view from, const std::string& to) {
  for (std::size_t pos = text.find(from); pos != std::string::npos;
       pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
}

// Every {name} in `text` must be a known placeholder.
Status check_placeholders(const std::string& text, const std::string& path) {
  for (std::size_t open = text.find('{'); open != std::string::npos;
       open = text.find('{', open + 1)) {
    const std::size_t close = text.find('}', open);
    const std::string name =
        close == std::string::npos ? "" : text.substr(open + 1, close - open - 1);
    if (name != "category" && name != "events" && name != "days") {
      return Status(Code::kInvalidValue, "unknown placeholder; use {category}, {events} or {days}",
                    path);
    }
  }
  return Status::Ok();
}

}  // namespace

std::string_view reason_name(Reason reason) {
  switch (reason) {
    case Reason::kAffinity:
      return "affinity";
    case Reason::kDiscovery:
      return "discovery";
    case Reason::kExploration:
      return "exploration";
  }
  return "discovery";
}

Json Explanation::to_json() const {
  Json out{{"reason", std::string(reason_name(reason))}};
  if (reason == Reason::kAffinity) {
    out[via_tag ? "tag" : "category"] = category;
    out["events"] = events;
    out["window"] = std::to_string(window_days) + "d";
  }
  return out;
}

ExplanationTemplates ExplanationTemplates::defaults() {
  // The literal is ours and valid; a failure here is a bug caught by tests.
  Result<Json> doc = parse_json(kDefaultTemplates);
  Result<ExplanationTemplates> parsed =
      doc.ok() ? parse(*doc, "") : Result<ExplanationTemplates>(doc.status());
  return parsed.ok() ? *parsed : ExplanationTemplates();
}

Result<ExplanationTemplates> ExplanationTemplates::parse(const Json& value,
                                                         const std::string& path) {
  TESSERA_RETURN_IF_ERROR(expect_object(value, path));
  ExplanationTemplates out;
  for (auto it = value.begin(); it != value.end(); ++it) {
    const std::string at = pointer_join(path, it.key());
    const std::string_view key = it.key();
    const std::string_view reason = key.substr(0, key.find('.'));
    if (reason != "affinity" && reason != "discovery" && reason != "exploration") {
      return Status(Code::kUnknownField,
                    "expected a key starting with affinity, discovery or exploration", at);
    }
    TESSERA_ASSIGN_OR_RETURN(LocalizedText text, read_text(*it, at, 300));
    for (const auto& [locale, sentence] : text.entries()) {
      TESSERA_RETURN_IF_ERROR(
          check_placeholders(sentence, locale.empty() ? at : pointer_join(at, locale)));
    }
    out.by_key_.emplace(it.key(), std::move(text));
  }
  return out;
}

std::string ExplanationTemplates::render(const Explanation& why, std::string_view locale,
                                         std::string_view default_locale,
                                         const CategoryLabels& labels) const {
  std::string base(reason_name(why.reason));
  const std::string window = "." + std::to_string(why.window_days) + "d";
  std::vector<std::string> keys;
  if (why.via_tag) keys = {base + ".tag" + window, base + ".tag"};
  keys.push_back(base + window);
  keys.push_back(base);
  for (const std::string& key : keys) {
    auto it = by_key_.find(key);
    if (it == by_key_.end()) continue;
    std::string text = it->second.resolve(locale, default_locale);
    auto label = labels.find(why.category);
    const std::string name = label != labels.end() ? label->second.resolve(locale, default_locale)
                                                   : humanize(why.category);
    replace_all(text, "{category}", name);
    replace_all(text, "{events}", std::to_string(why.events));
    replace_all(text, "{days}", std::to_string(why.window_days));
    return text;
  }
  return {};
}

}  // namespace tessera::personal
