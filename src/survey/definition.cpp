// Survey definition parsing and cross-checks; see tessera/survey/definition.hpp.
#include "tessera/survey/definition.hpp"

#include <set>

namespace tessera::survey {
namespace {

Result<std::vector<Jump>> read_jumps(const FieldReader& p, const SurveyLimits& limits) {
  std::vector<Jump> out;
  const Json* jumps = p.find("jumps");
  if (jumps == nullptr) return out;
  std::string at = p.path_of("jumps");
  TESSERA_RETURN_IF_ERROR(expect_array(*jumps, at, 0, limits.max_jumps_per_page));
  for (std::size_t i = 0; i < jumps->size(); ++i) {
    std::string jp = pointer_join(at, i);
    TESSERA_RETURN_IF_ERROR(expect_object((*jumps)[i], jp));
    FieldReader j((*jumps)[i], jp);
    TESSERA_RETURN_IF_ERROR(j.reject_unknown({"if", "to"}));
    Jump jump;
    TESSERA_ASSIGN_OR_RETURN(jump.condition, j.required_string("if", limits.max_expression_length));
    TESSERA_ASSIGN_OR_RETURN(jump.to_page, j.required_id("to"));
    out.push_back(std::move(jump));
  }
  return out;
}

Result<Page> read_page(const Json& value, const std::string& path, const SurveyLimits& limits,
                       std::set<std::string>& question_ids) {
  TESSERA_RETURN_IF_ERROR(expect_object(value, path));
  FieldReader p(value, path);
  TESSERA_RETURN_IF_ERROR(p.reject_unknown(
      {"id", "title", "description", "visibleIf", "randomize", "questions", "jumps"}));
  Page page;
  TESSERA_ASSIGN_OR_RETURN(page.id, p.required_id("id"));
  TESSERA_ASSIGN_OR_RETURN(page.title, read_optional_text(p, "title", limits.max_title_length));
  TESSERA_ASSIGN_OR_RETURN(page.description,
                           read_optional_text(p, "description", limits.max_description_length));
  TESSERA_ASSIGN_OR_RETURN(page.visible_if,
                           p.optional_string("visibleIf", "", limits.max_expression_length));
  TESSERA_ASSIGN_OR_RETURN(page.randomize_questions, p.optional_bool("randomize", false));
  const Json* questions = p.find("questions");
  if (questions == nullptr) {
    return Status(Code::kMissingField, "required field is missing", p.path_of("questions"));
  }
  std::string qpath = p.path_of("questions");
  TESSERA_RETURN_IF_ERROR(expect_array(*questions, qpath, 1, limits.max_questions_per_page));
  for (std::size_t i = 0; i < questions->size(); ++i) {
    std::string at = pointer_join(qpath, i);
    TESSERA_ASSIGN_OR_RETURN(Question q, parse_question((*questions)[i], at, limits));
    if (!question_ids.insert(q.id).second) {
      return Status(Code::kDuplicateId, "question id \"" + q.id + "\" is used twice",
                    pointer_join(at, "id"));
    }
    if (question_ids.size() > limits.max_questions) {
      return Status(Code::kLimitExceeded,
                    "more than " + std::to_string(limits.max_questions) + " questions", at);
    }
    page.questions.push_back(std::move(q));
  }
  TESSERA_ASSIGN_OR_RETURN(page.jumps, read_jumps(p, limits));
  return page;
}

Result<std::vector<CalculatedValue>> read_calculated(const FieldReader& s,
                                                     const SurveyLimits& limits,
                                                     const std::set<std::string>& question_ids) {
  std::vector<CalculatedValue> out;
  const Json* list = s.find("calculatedValues");
  if (list == nullptr) return out;
  std::string at = s.path_of("calculatedValues");
  TESSERA_RETURN_IF_ERROR(expect_array(*list, at, 0, limits.max_calculated_values));
  std::set<std::string> names;
  for (std::size_t i = 0; i < list->size(); ++i) {
    std::string cp = pointer_join(at, i);
    TESSERA_RETURN_IF_ERROR(expect_object((*list)[i], cp));
    FieldReader c((*list)[i], cp);
    TESSERA_RETURN_IF_ERROR(c.reject_unknown({"name", "expression"}));
    CalculatedValue v;
    TESSERA_ASSIGN_OR_RETURN(v.name, c.required_id("name"));
    TESSERA_ASSIGN_OR_RETURN(v.expression,
                             c.required_string("expression", limits.max_expression_length));
    if (question_ids.count(v.name) != 0 || !names.insert(v.name).second) {
      return Status(Code::kDuplicateId, "\"" + v.name + "\" is already a question or value",
                    c.path_of("name"));
    }
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace

const Question* SurveyDefinition::find_question(std::string_view question_id) const {
  for (const auto& page : pages) {
    for (const auto& q : page.questions) {
      if (q.id == question_id) return &q;
    }
  }
  return nullptr;
}

int SurveyDefinition::page_of(std::string_view question_id) const {
  for (std::size_t i = 0; i < pages.size(); ++i) {
    for (const auto& q : pages[i].questions) {
      if (q.id == question_id) return static_cast<int>(i);
    }
  }
  return -1;
}

int SurveyDefinition::page_index(std::string_view page_id) const {
  for (std::size_t i = 0; i < pages.size(); ++i) {
    if (pages[i].id == page_id) return static_cast<int>(i);
  }
  return -1;
}

std::size_t SurveyDefinition::question_count() const {
  std::size_t n = 0;
  for (const auto& page : pages) n += page.questions.size();
  return n;
}

Result<SurveyDefinition> parse_survey(const Json& value, const std::string& path,
                                      const SurveyLimits& limits) {
  TESSERA_RETURN_IF_ERROR(expect_object(value, path));
  TESSERA_RETURN_IF_ERROR(check_definition_size(value, path, limits));
  FieldReader s(value, path);
  TESSERA_RETURN_IF_ERROR(s.reject_unknown({"id", "version", "defaultLocale", "title", "pages",
                                            "thankYou", "calculatedValues", "clearHiddenAnswers",
                                            "recovery", "variants", "scoring"}));
  SurveyDefinition def;
  def.expression_limits = limits.expression_limits();
  TESSERA_ASSIGN_OR_RETURN(def.id, s.required_id("id"));
  TESSERA_ASSIGN_OR_RETURN(def.version, s.optional_int("version", 1, 1, 1'000'000'000));
  TESSERA_ASSIGN_OR_RETURN(def.default_locale, s.optional_string("defaultLocale", "en", 35));
  TESSERA_RETURN_IF_ERROR(check_locale(def.default_locale, s.path_of("defaultLocale")));
  TESSERA_ASSIGN_OR_RETURN(def.title, read_optional_text(s, "title", limits.max_title_length));
  TESSERA_ASSIGN_OR_RETURN(def.thank_you,
                           read_optional_text(s, "thankYou", limits.max_description_length));
  TESSERA_ASSIGN_OR_RETURN(def.clear_hidden_answers, s.optional_bool("clearHiddenAnswers", true));
  const Json* pages = s.find("pages");
  if (pages == nullptr) {
    return Status(Code::kMissingField, "required field is missing", s.path_of("pages"));
  }
  std::string ppath = s.path_of("pages");
  TESSERA_RETURN_IF_ERROR(expect_array(*pages, ppath, 1, limits.max_pages));
  std::set<std::string> page_ids;
  std::set<std::string> question_ids;
  for (std::size_t i = 0; i < pages->size(); ++i) {
    std::string at = pointer_join(ppath, i);
    TESSERA_ASSIGN_OR_RETURN(Page page, read_page((*pages)[i], at, limits, question_ids));
    if (page.id == "end" || !page_ids.insert(page.id).second) {
      return Status(Code::kDuplicateId,
                    "page id \"" + page.id + "\" is used twice (or is the reserved \"end\")",
                    pointer_join(at, "id"));
    }
    def.pages.push_back(std::move(page));
  }
  // Jumps go forward only, so every path through the survey ends.
  for (std::size_t i = 0; i < def.pages.size(); ++i) {
    for (std::size_t j = 0; j < def.pages[i].jumps.size(); ++j) {
      const std::string& to = def.pages[i].jumps[j].to_page;
      int target = def.page_index(to);
      if (to != "end" && target <= static_cast<int>(i)) {
        return Status(Code::kInvalidValue,
                      target < 0 ? "no page \"" + to + "\"" : "jumps may only go forward",
                      ppath + "/" + std::to_string(i) + "/jumps/" + std::to_string(j) + "/to");
      }
    }
  }
  TESSERA_ASSIGN_OR_RETURN(def.calculated_values, read_calculated(s, limits, question_ids));
  TESSERA_RETURN_IF_ERROR(read_variants(s, limits, def));
  TESSERA_RETURN_IF_ERROR(read_recovery(s, limits, def));
  if (const Json* scoring = s.find("scoring")) {
    TESSERA_RETURN_IF_ERROR(expect_object(*scoring, s.path_of("scoring")));
    def.scoring = *scoring;
  }
  return def;
}

Result<SurveyDefinition> parse_survey_text(std::string_view text, const SurveyLimits& limits) {
  TESSERA_ASSIGN_OR_RETURN(Json doc, parse_json(text, limits.json_limits()));
  return parse_survey(doc, "", limits);
}

}  // namespace tessera::survey
