// Site config parsing; see tessera/engine/engine.hpp.
#include <optional>
#include <set>

#include "tessera/crypto/encoding.hpp"
#include "tessera/engine/engine.hpp"
#include "tessera/survey/instruments.hpp"
#include "tessera/survey/surveyjs_import.hpp"

namespace tessera::engine {

Result<SiteConfig> parse_site_config(const Json& value) {
  TESSERA_RETURN_IF_ERROR(expect_object(value, ""));
  FieldReader r(value, "");
  TESSERA_RETURN_IF_ERROR(r.reject_unknown(
      {"site", "endpoint", "publicKey", "recontactDays", "surveys", "loyalty", "personalization"}));
  SiteConfig config;
  TESSERA_ASSIGN_OR_RETURN(config.site, r.required_id("site"));
  TESSERA_ASSIGN_OR_RETURN(config.endpoint, r.required_string("endpoint", 2048));
  if (config.endpoint.empty()) {
    return Status(Code::kInvalidValue, "expected a URL or path", r.path_of("endpoint"));
  }
  TESSERA_ASSIGN_OR_RETURN(std::string key, r.required_string("publicKey", 64));
  TESSERA_ASSIGN_OR_RETURN(config.public_key,
                           crypto::base64_decode_fixed<32>(key, r.path_of("publicKey")));
  TESSERA_ASSIGN_OR_RETURN(config.recontact_days, r.optional_int("recontactDays", 0, 0, 3650));
  const Json* surveys = r.find("surveys");
  if (surveys == nullptr) {
    return Status(Code::kMissingField, "required field is missing", r.path_of("surveys"));
  }
  TESSERA_RETURN_IF_ERROR(expect_array(*surveys, r.path_of("surveys"), 0, 100));
  std::set<std::string> ids;
  for (std::size_t i = 0; i < surveys->size(); ++i) {
    std::string at = pointer_join(r.path_of("surveys"), i);
    // The trigger section belongs to the site, not the survey definition: it
    // is read apart so surveys without one parse exactly as before.
    const Json* survey_json = &(*surveys)[i];
    Json without_trigger;
    std::optional<trigger::SurveyTrigger> trig;
    if (survey_json->is_object() && survey_json->contains("trigger")) {
      TESSERA_ASSIGN_OR_RETURN(
          trig, trigger::parse_trigger((*survey_json)["trigger"], pointer_join(at, "trigger")));
      without_trigger = *survey_json;
      without_trigger.erase("trigger");
      survey_json = &without_trigger;
    }
    Json imported;
    if (survey_json->is_object() && survey_json->contains("surveyjs")) {
      // {"id", "version"?, "surveyjs": {...}}: a SurveyJS survey, imported here.
      FieldReader sj(*survey_json, at);
      TESSERA_RETURN_IF_ERROR(sj.reject_unknown({"id", "version", "surveyjs"}));
      survey::SurveyJsImportOptions options;
      TESSERA_ASSIGN_OR_RETURN(options.id, sj.required_id("id"));
      TESSERA_ASSIGN_OR_RETURN(options.version, sj.optional_int("version", 1, 1, 1'000'000'000));
      TESSERA_ASSIGN_OR_RETURN(
          survey::SurveyJsImport result,
          survey::import_surveyjs((*survey_json)["surveyjs"], options, sj.path_of("surveyjs")));
      imported = std::move(result.definition);
      survey_json = &imported;
    }
    TESSERA_ASSIGN_OR_RETURN(Json entry, survey::expand_template(*survey_json, at));
    TESSERA_ASSIGN_OR_RETURN(survey::SurveyDefinition def, survey::parse_survey(entry, at));
    if (!ids.insert(def.id).second) {
      return Status(Code::kDuplicateId, "survey id \"" + def.id + "\" is used twice",
                    pointer_join(at, "id"));
    }
    if (trig) config.triggers.emplace_back(def.id, std::move(*trig));
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
