// Site config parsing; see tessera/engine/engine.hpp.
#include <set>

#include "tessera/crypto/encoding.hpp"
#include "tessera/engine/engine.hpp"
#include "tessera/survey/instruments.hpp"

namespace tessera::engine {

Result<SiteConfig> parse_site_config(const Json& value) {
  TESSERA_RETURN_IF_ERROR(expect_object(value, ""));
  FieldReader r(value, "");
  TESSERA_RETURN_IF_ERROR(
      r.reject_unknown({"site", "endpoint", "publicKey", "surveys", "loyalty", "personalization"}));
  SiteConfig config;
  TESSERA_ASSIGN_OR_RETURN(config.site, r.required_id("site"));
  TESSERA_ASSIGN_OR_RETURN(config.endpoint, r.required_string("endpoint", 2048));
  if (config.endpoint.empty()) {
    return Status(Code::kInvalidValue, "expected a URL or path", r.path_of("endpoint"));
  }
  TESSERA_ASSIGN_OR_RETURN(std::string key, r.required_string("publicKey", 64));
  TESSERA_ASSIGN_OR_RETURN(config.public_key,
                           crypto::base64_decode_fixed<32>(key, r.path_of("publicKey")));
  const Json* surveys = r.find("surveys");
  if (surveys == nullptr) {
    return Status(Code::kMissingField, "required field is missing", r.path_of("surveys"));
  }
  TESSERA_RETURN_IF_ERROR(expect_array(*surveys, r.path_of("surveys"), 0, 100));
  std::set<std::string> ids;
  for (std::size_t i = 0; i < surveys->size(); ++i) {
    std::string at = pointer_join(r.path_of("surveys"), i);
    TESSERA_ASSIGN_OR_RETURN(Json entry, survey::expand_template((*surveys)[i], at));
    TESSERA_ASSIGN_OR_RETURN(survey::SurveyDefinition def, survey::parse_survey(entry, at));
    if (!ids.insert(def.id).second) {
      return Status(Code::kDuplicateId, "survey id \"" + def.id + "\" is used twice",
                    pointer_join(at, "id"));
    }
    config.surveys.push_back(std::make_shared<const survey::SurveyDefinition>(std::move(def)));
  }
  if (const Json* loyalty = r.find("loyalty")) config.loyalty = *loyalty;
  // Optional: a site without offers needs no personalization section.
  if (const Json* p = r.find("personalization")) {
    TESSERA_ASSIGN_OR_RETURN(PersonalizationConfig personalization,
                             parse_personalization(*p, r.path_of("personalization")));
    config.personalization =
        std::make_shared<const PersonalizationConfig>(std::move(personalization));
  }
  return config;
}

}  // namespace tessera::engine
