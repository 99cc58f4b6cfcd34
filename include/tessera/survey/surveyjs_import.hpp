// SurveyJS import: turns a SurveyJS survey JSON (the `new Model(json)` form)
// into a Tessera survey definition that parse_survey() accepts, with its
// logic: visibleIf / enableIf / requiredIf on questions, panels, pages and
// choices, choicesVisibleIf, calculated values and expression questions,
// complete and skip triggers, validators that have a Tessera counterpart,
// localized texts. docs/surveyjs-import.md has the mapping table.
//
// Nothing is dropped silently. Presentation-only properties (colCount,
// width, titleLocation, ...) are listed in `ignored`; question names and
// choice values that are not plain Tessera ids are renamed and listed in
// `renamed` (expressions and piped texts are rewritten to match). Anything
// that would change what a respondent sees or what is recorded and has no
// faithful Tessera counterpart (a file upload, a signature pad, a default
// value, a setvalue trigger, ...) is refused: ONE kInvalidValue error whose
// message lists every such place by JSON pointer, and whose path is the
// first of them.
//
//   SurveyJsImportOptions options;
//   options.id = "post-purchase";
//   TESSERA_ASSIGN_OR_RETURN(SurveyJsImport imported, import_surveyjs(json, options));
//   parse_survey(imported.definition);   // always accepted
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tessera/common/json.hpp"
#include "tessera/survey/limits.hpp"

namespace tessera::survey {

struct SurveyJsImportOptions {
  std::string id = "surveyjs";  // the Tessera survey id (SurveyJS surveys have none)
  std::int64_t version = 1;
  // Applied to the SurveyJS input (size, nesting) and to the definition made
  // from it (questions, pages, choices, strings, expressions).
  SurveyLimits limits;
};

struct SurveyJsImport {
  Json definition;  // a Tessera survey definition
  // SurveyJS name -> Tessera id, for the names that had to change:
  // {"questions": {...}, "pages": {...}, "values": {"<question>": {old: new}}}.
  Json renamed = Json::object();
  // JSON pointers (into the SurveyJS input) of presentation-only
  // properties that were dropped because Tessera's widget decides them.
  std::vector<std::string> ignored;

  // {"definition", "renamed", "ignored"}.
  Json to_json() const;
};

// `path` prefixes every pointer (a SurveyJS survey inside a site config
// lives at "/surveys/2/surveyjs", say).
Result<SurveyJsImport> import_surveyjs(const Json& surveyjs,
                                       const SurveyJsImportOptions& options = {},
                                       const std::string& path = "");

// The same from JSON text (limited by options.limits before parsing).
Result<SurveyJsImport> import_surveyjs_text(std::string_view text,
                                            const SurveyJsImportOptions& options = {});

}  // namespace tessera::survey
