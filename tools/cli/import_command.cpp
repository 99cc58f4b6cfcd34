// `tessera import-surveyjs`; see import_command.hpp.
#include "cli/import_command.hpp"

#include <cstdlib>
#include <fstream>
#include <iostream>

#include "store/files.hpp"
#include "tessera/survey/surveyjs_import.hpp"

namespace tessera::cli {
namespace {

// "summer-survey.json" -> "summer-survey": a default survey id.
std::string id_from_path(const std::string& path) {
  std::string base = path.substr(path.find_last_of('/') + 1);
  base = base.substr(0, base.find('.'));
  std::string id;
  for (char c : base) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    id += plain || c == '-' || c == '_' ? c : '-';
  }
  if (id.empty() || !check_id(id.substr(0, 64), "").ok()) return "surveyjs";
  return id.substr(0, 64);
}

}  // namespace

int run_import_surveyjs(const std::map<std::string, std::string>& options,
                        const std::vector<std::string>& positional) {
  if (positional.size() != 1) {
    std::cerr
        << "usage: tessera import-surveyjs survey.json [--id ID] [--version N] [--out FILE]\n";
    return 1;
  }
  auto text = store::read_file(positional[0]);
  if (!text.ok()) {
    std::cerr << "tessera import-surveyjs: " << text.status().message() << "\n";
    return 1;
  }
  survey::SurveyJsImportOptions opts;
  auto id = options.find("id");
  opts.id = id != options.end() ? id->second : id_from_path(positional[0]);
  if (auto v = options.find("version"); v != options.end()) {
    char* end = nullptr;
    opts.version = std::strtoll(v->second.c_str(), &end, 10);
    if (end == v->second.c_str() || *end != '\0' || opts.version < 1) {
      std::cerr << "tessera import-surveyjs: --version expects a whole number from 1\n";
      return 1;
    }
  }
  auto imported = survey::import_surveyjs_text(*text, opts);
  if (!imported.ok()) {
    const Status& st = imported.status();
    std::cerr << "tessera import-surveyjs: " << positional[0] << ": " << code_name(st.code())
              << (st.path().empty() ? "" : " at " + st.path()) << ": " << st.message() << "\n";
    return 2;
  }
  for (auto [kind, noun] :
       {std::pair<const char*, const char*>{"questions", "question"}, {"pages", "page"}}) {
    for (auto& [from, to] : imported->renamed[kind].items()) {
      std::cerr << "renamed " << noun << " \"" << from << "\" to \"" << to.get<std::string>()
                << "\"\n";
    }
  }
  for (auto& [question, values] : imported->renamed["values"].items()) {
    for (auto& [from, to] : values.items()) {
      std::cerr << "renamed a choice of " << question << ": \"" << from << "\" to \""
                << to.get<std::string>() << "\"\n";
    }
  }
  if (!imported->ignored.empty()) {
    std::cerr << "ignored (presentation only): " << imported->ignored.size() << " propert"
              << (imported->ignored.size() == 1 ? "y" : "ies") << "\n";
    for (const std::string& p : imported->ignored) std::cerr << "  " << p << "\n";
  }
  std::string out = imported->definition.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
  auto file = options.find("out");
  if (file == options.end()) {
    std::cout << out;
    return 0;
  }
  std::ofstream f(file->second, std::ios::binary);
  f << out;
  if (!f) {
    std::cerr << "tessera import-surveyjs: cannot write " << file->second << "\n";
    return 1;
  }
  return 0;
}

}  // namespace tessera::cli
