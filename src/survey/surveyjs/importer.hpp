// Internals of the SurveyJS importer (tessera/survey/surveyjs_import.hpp),
// shared by its three parts:
//   names.cpp      names -> ids, expression and text rewriting, texts, HTML
//   questions.cpp  one SurveyJS question element -> Tessera question(s)
//   import.cpp     survey, pages, panels, triggers, calculated values
//
// The importer works in two passes. The first collects every name a
// SurveyJS expression may refer to (questions, expression questions,
// calculated values) and gives each a Tessera id; the second converts, so
// that an expression on page 1 can name a question on page 3. Problems are
// collected, never returned early, so one error lists all of them.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "tessera/common/json.hpp"
#include "tessera/survey/surveyjs_import.hpp"

namespace tessera::survey::surveyjs {

class Props;  // props.hpp

struct Problem {
  std::string path;
  std::string what;
};

// One named SurveyJS element as the first pass found it.
struct NameInfo {
  std::string id;           // its Tessera id
  std::string other_id;     // "<id>-other" when the question has an "other" item
  std::string comment_id;   // the extra text question for hasComment / showCommentArea
  bool calculated = false;  // an expression question or a calculated value
  bool matrix = false;      // values are {row: column}
};

// Conditions a panel imposes on everything inside it.
struct Scope {
  std::string visible_if;
  std::string enable_if;
};

class Importer {
 public:
  explicit Importer(const SurveyJsImportOptions& options) : options_(options) {}
  Result<SurveyJsImport> run(const Json& src, const std::string& path);

  // --- names.cpp ---
  // A plain Tessera id for a SurveyJS name, unique among ids handed out.
  std::string claim_id(std::string_view name, std::string_view fallback);
  std::string claim_page_id(std::string_view name, std::string_view fallback);
  // The Tessera value of a SurveyJS choice value (string, number, boolean);
  // nullopt (and a problem) for other JSON. Records renames per question.
  std::optional<std::string> choice_value(const Json& value, const std::string& question,
                                          const std::string& path);
  // Rewrites names in an expression and checks that Tessera can run it;
  // `item` replaces {item} (choicesVisibleIf, rowsVisibleIf). Returns "" and
  // records a problem when it cannot be converted.
  std::string expression(const Json& value, const std::string& path,
                         const std::optional<std::string>& item = std::nullopt);
  std::string expression_text(std::string_view text, const std::string& path,
                              const std::optional<std::string>& item = std::nullopt);
  // A SurveyJS text (string or {locale: string}, "default" = the default
  // locale) as a Tessera text, with {name} piping rewritten. Null if absent.
  Json text(const Json* value, const std::string& path);
  // Plain text of SurveyJS HTML: tags removed, common entities decoded,
  // block ends as line breaks.
  Json html_text(const Json* value, const std::string& path);

  // --- questions.cpp ---
  // Appends the question(s) made from one element to `out`.
  void question(const Json& element, const std::string& path, const Scope& scope, Json& out);
  // An expression question: a calculated value.
  void expression_question(const Json& element, const std::string& path);

  // --- import.cpp ---
  void problem(std::string path, std::string what) {
    problems_.push_back({std::move(path), std::move(what)});
  }
  void ignore(std::string path) { result_.ignored.push_back(std::move(path)); }
  const SurveyJsImportOptions& options() const { return options_; }
  const NameInfo* find_name(std::string_view name) const;

 private:
  // questions.cpp
  std::string expression_or_empty(Props& p, std::string_view key,
                                  const std::optional<std::string>& item = std::nullopt);
  // Choices, matrix rows or columns; `visible_if_key` names the property
  // whose {item} expression applies to each (choicesVisibleIf, ...).
  std::vector<Json> choices(Props& p, std::string_view key, const std::string& question,
                            const std::string& visible_if_key);
  void choice_question(Props& p, const std::string& type, const NameInfo& info, Json& q);
  void rating_question(Props& p, const std::string& name, Json& q);
  void text_question(Props& p, const std::string& type, Json& q);
  void matrix_question(Props& p, const std::string& id, bool required, Json& q);
  void validators(Props& p, Json& q);
  void selection_bounds(Props& p, const char* min_key, const char* max_key, Json& q);
  void number_bound(const Json* value, const std::string& path, const char* key, Json& q);

  // import.cpp
  void collect_names(const Json& elements, const std::string& path, int depth);
  void page(const Json& page, const std::string& path, Json& pages);
  void build_page(Props& p, const Json* list, const std::string& list_path, Json& pages);
  void elements(const Json& list, const std::string& path, const Scope& scope, Json& out,
                int depth);
  void panel(const Json& element, const std::string& path, const Scope& scope, Json& out,
             int depth);
  void triggers(const Json& list, const std::string& path, Json& pages);
  void calculated_values(const Json& list, const std::string& path);
  Json ordered_calculated_values();
  void survey_properties(Props& sp, Json& def);
  std::string rewrite_names(std::string_view text, bool expression,
                            const std::optional<std::string>& item, bool& ok);

  SurveyJsImportOptions options_;
  SurveyJsImport result_;
  std::vector<Problem> problems_;
  std::map<std::string, NameInfo> names_;  // SurveyJS name (case matters, as in SurveyJS) -> info
  std::set<std::string> taken_;            // Tessera ids in use
  std::map<std::string, std::string> renamed_values_;  // SurveyJS string value -> Tessera value
  // Calculated values in input order: name, expression, pointer.
  struct Calculated {
    std::string name, expression, path;
  };
  std::vector<Calculated> calculated_;
  std::string default_locale_ = "en";
  std::map<std::string, std::string> page_of_question_;  // Tessera question id -> page id
  std::set<std::string> page_ids_;
  std::vector<Json> pending_;         // questions that follow the current one (comment boxes)
  std::int64_t max_text_length_ = 0;  // the survey's maxTextLength; 0 = none
};

}  // namespace tessera::survey::surveyjs
