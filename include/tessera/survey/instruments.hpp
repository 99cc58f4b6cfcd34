// Ready survey templates ("instruments"), each with scoring metadata:
// nps-reason, csat, ces, servqual, customer-delivered-value, loyalty-index.
// The JSON lives in instruments/*.json and is compiled into the core, so a
// site config can name one natively and in the browser alike:
//
//   "surveys": [{"template": "servqual", "id": "q3-service"}]
//
//   instrument_names();            // {"ces", "csat", ...}
//   Result<Json> t = instrument("servqual");
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "tessera/common/json.hpp"

namespace tessera::survey {

struct InstrumentText {
  std::string_view name;
  std::string_view json;
};
extern const InstrumentText kInstrumentTexts[];
extern const std::size_t kInstrumentCount;

std::vector<std::string_view> instrument_names();
// The template's definition; kNotFound (path "/template") for an unknown name.
Result<Json> instrument(std::string_view name);

// A site config's survey entry: a definition, or {"template": name, "id"?:
// new id, "title"?: ..., "thankYou"?: ...} that starts from a template.
Result<Json> expand_template(const Json& entry, const std::string& path);

}  // namespace tessera::survey
