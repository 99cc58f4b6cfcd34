// Template lookup and expansion; see tessera/survey/instruments.hpp.
#include "tessera/survey/instruments.hpp"

namespace tessera::survey {

std::vector<std::string_view> instrument_names() {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < kInstrumentCount; ++i) out.push_back(kInstrumentTexts[i].name);
  return out;
}

Result<Json> instrument(std::string_view name) {
  for (std::size_t i = 0; i < kInstrumentCount; ++i) {
    if (kInstrumentTexts[i].name == name) return parse_json(kInstrumentTexts[i].json);
  }
  std::string names;
  for (auto n : instrument_names()) names += (names.empty() ? "" : ", ") + std::string(n);
  return Status(Code::kNotFound,
                "no template \"" + std::string(name) + "\"; expected one of: " + names,
                "/template");
}

Result<Json> expand_template(const Json& entry, const std::string& path) {
  if (!entry.is_object() || !entry.contains("template")) return entry;
  FieldReader r(entry, path);
  TESSERA_RETURN_IF_ERROR(
      r.reject_unknown({"template", "id", "title", "thankYou", "defaultLocale"}));
  TESSERA_ASSIGN_OR_RETURN(std::string name, r.required_string("template", 64));
  auto found = instrument(name);
  if (!found.ok())
    return Status(found.status().code(), found.status().message(), path + "/template");
  Json def = std::move(found).value();
  // Only the identifying and framing fields may be overridden; the items
  // and their scoring metadata stay as validated.
  for (const char* key : {"id", "title", "thankYou", "defaultLocale"}) {
    if (entry.contains(key)) def[key] = entry[key];
  }
  return def;
}

}  // namespace tessera::survey
