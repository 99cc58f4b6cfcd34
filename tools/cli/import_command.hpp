// `tessera import-surveyjs survey.json [--id ID] [--version N] [--out FILE]`:
// converts a SurveyJS survey JSON into a Tessera survey definition
// (tessera/survey/surveyjs_import.hpp). The definition goes to stdout (or
// --out), pretty-printed; what was renamed or dropped as presentation-only
// is listed on stderr. A survey with parts Tessera cannot run faithfully
// exits 2 and lists each part by JSON pointer.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace tessera::cli {

int run_import_surveyjs(const std::map<std::string, std::string>& options,
                        const std::vector<std::string>& positional);

}  // namespace tessera::cli
