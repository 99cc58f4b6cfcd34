// survey.importSurveyJS: a SurveyJS survey JSON in, the Tessera definition
// out (tessera/survey/surveyjs_import.hpp), so a page or a merchant's tool
// can convert a survey before putting it in a site config. A site config may
// also hold the SurveyJS JSON itself: {"id": ..., "surveyjs": {...}}
// (parse_site_config imports it the same way).
#include "tessera/engine/engine.hpp"
#include "tessera/survey/surveyjs_import.hpp"

namespace tessera::engine {

Result<Json> Engine::import_surveyjs_call(const Json& args) {
  TESSERA_RETURN_IF_ERROR(expect_object(args, ""));
  FieldReader r(args, "");
  TESSERA_RETURN_IF_ERROR(r.reject_unknown({"surveyjs", "id", "version"}));
  survey::SurveyJsImportOptions options;
  TESSERA_ASSIGN_OR_RETURN(options.id, r.optional_string("id", "surveyjs", 64));
  TESSERA_RETURN_IF_ERROR(check_id(options.id, "/id"));
  TESSERA_ASSIGN_OR_RETURN(options.version, r.optional_int("version", 1, 1, 1'000'000'000));
  const Json* src = r.find("surveyjs");
  if (src == nullptr) return Status(Code::kMissingField, "required field is missing", "/surveyjs");
  // The survey may come as JSON text (what SurveyJS Creator exports) or as
  // an object.
  if (src->is_string()) {
    auto doc = parse_json(src->get_ref<const std::string&>(), options.limits.json_limits());
    if (!doc.ok()) return Status(doc.status().code(), doc.status().message(), "/surveyjs");
    TESSERA_ASSIGN_OR_RETURN(survey::SurveyJsImport imported,
                             survey::import_surveyjs(*doc, options, "/surveyjs"));
    return imported.to_json();
  }
  TESSERA_ASSIGN_OR_RETURN(survey::SurveyJsImport imported,
                           survey::import_surveyjs(*src, options, "/surveyjs"));
  return imported.to_json();
}

}  // namespace tessera::engine
