// Survey definition parsing and checking; see tessera/survey/definition.hpp.
#include "tessera/survey/definition.hpp"

#include <set>

namespace tessera::survey {
namespace {

Result<QuestionType> read_type(const FieldReader& q) {
  TESSERA_ASSIGN_OR_RETURN(std::string type, q.required_string("type", 32));
  if (type == "nps") return QuestionType::kNps;
  if (type == "text") return QuestionType::kText;
  return Status(Code::kInvalidValue,
                "unknown question type \"" + type + "\"; expected one of: nps, text",
                q.path_of("type"));
}

Status read_nps(const FieldReader& q, const SurveyLimits& limits, NpsSettings& out) {
  TESSERA_RETURN_IF_ERROR(q.reject_unknown(
      {"id", "type", "title", "description", "required", "minLabel", "maxLabel", "scale"}));
  TESSERA_ASSIGN_OR_RETURN(out.min_label,
                           read_optional_text(q, "minLabel", limits.max_title_length));
  TESSERA_ASSIGN_OR_RETURN(out.max_label,
                           read_optional_text(q, "maxLabel", limits.max_title_length));
  // NPS is defined on exactly 0..10; a scale may be stated but not changed,
  // or scores would not be comparable with anyone else's NPS.
  if (const Json* scale = q.find("scale")) {
    std::string at = q.path_of("scale");
    TESSERA_RETURN_IF_ERROR(expect_object(*scale, at));
    FieldReader s(*scale, at);
    TESSERA_RETURN_IF_ERROR(s.reject_unknown({"min", "max"}));
    for (auto [key, fixed] : {std::pair<const char*, std::int64_t>{"min", 0}, {"max", 10}}) {
      TESSERA_ASSIGN_OR_RETURN(auto v, s.optional_int(key, fixed, INT32_MIN, INT32_MAX));
      if (v != fixed) {
        return Status(Code::kOutOfRange,
                      "an NPS scale is always 0 to 10, so " + std::string(key) + " must be " +
                          std::to_string(fixed) + ", got " + std::to_string(v),
                      s.path_of(key));
      }
    }
  }
  return Status::Ok();
}

Status read_text_settings(const FieldReader& q, const SurveyLimits& limits, TextSettings& out) {
  TESSERA_RETURN_IF_ERROR(q.reject_unknown({"id", "type", "title", "description", "required",
                                            "minLength", "maxLength", "multiline", "placeholder"}));
  TESSERA_ASSIGN_OR_RETURN(
      out.max_length,
      q.optional_int("maxLength", std::min<std::int64_t>(1000, limits.max_text_answer_length), 1,
                     limits.max_text_answer_length));
  TESSERA_ASSIGN_OR_RETURN(out.min_length, q.optional_int("minLength", 0, 0, out.max_length));
  TESSERA_ASSIGN_OR_RETURN(out.multiline, q.optional_bool("multiline", true));
  TESSERA_ASSIGN_OR_RETURN(out.placeholder,
                           read_optional_text(q, "placeholder", limits.max_title_length));
  return Status::Ok();
}

Result<Question> read_question(const Json& value, const std::string& path,
                               const SurveyLimits& limits) {
  TESSERA_RETURN_IF_ERROR(expect_object(value, path));
  FieldReader q(value, path);
  Question out;
  TESSERA_ASSIGN_OR_RETURN(out.id, q.required_id("id"));
  TESSERA_ASSIGN_OR_RETURN(out.type, read_type(q));
  TESSERA_ASSIGN_OR_RETURN(out.title, read_optional_text(q, "title", limits.max_title_length));
  if (out.title.empty()) {
    return Status(Code::kMissingField, "every question needs a title", q.path_of("title"));
  }
  TESSERA_ASSIGN_OR_RETURN(out.description,
                           read_optional_text(q, "description", limits.max_description_length));
  TESSERA_ASSIGN_OR_RETURN(out.required, q.optional_bool("required", false));
  switch (out.type) {
    case QuestionType::kNps:
      TESSERA_RETURN_IF_ERROR(read_nps(q, limits, out.nps));
      break;
    case QuestionType::kText:
      TESSERA_RETURN_IF_ERROR(read_text_settings(q, limits, out.text));
      break;
  }
  return out;
}

Result<Page> read_page(const Json& value, const std::string& path, const SurveyLimits& limits,
                       std::set<std::string>& question_ids) {
  TESSERA_RETURN_IF_ERROR(expect_object(value, path));
  FieldReader p(value, path);
  TESSERA_RETURN_IF_ERROR(p.reject_unknown({"id", "title", "questions"}));
  Page page;
  TESSERA_ASSIGN_OR_RETURN(page.id, p.required_id("id"));
  TESSERA_ASSIGN_OR_RETURN(page.title, read_optional_text(p, "title", limits.max_title_length));
  const Json* questions = p.find("questions");
  if (questions == nullptr) {
    return Status(Code::kMissingField, "required field is missing", p.path_of("questions"));
  }
  std::string qpath = p.path_of("questions");
  TESSERA_RETURN_IF_ERROR(expect_array(*questions, qpath, 1, limits.max_questions_per_page));
  for (std::size_t i = 0; i < questions->size(); ++i) {
    std::string at = pointer_join(qpath, i);
    TESSERA_ASSIGN_OR_RETURN(Question q, read_question((*questions)[i], at, limits));
    if (!question_ids.insert(q.id).second) {
      return Status(Code::kDuplicateId, "question id \"" + q.id + "\" is used twice",
                    pointer_join(at, "id"));
    }
    page.questions.push_back(std::move(q));
  }
  return page;
}

}  // namespace

std::string_view question_type_name(QuestionType type) {
  switch (type) {
    case QuestionType::kNps:
      return "nps";
    case QuestionType::kText:
      return "text";
  }
  return "text";
}

const Question* SurveyDefinition::find_question(std::string_view question_id) const {
  for (const auto& page : pages) {
    for (const auto& q : page.questions) {
      if (q.id == question_id) return &q;
    }
  }
  return nullptr;
}

std::size_t SurveyDefinition::question_count() const {
  std::size_t n = 0;
  for (const auto& page : pages) n += page.questions.size();
  return n;
}

Result<SurveyDefinition> parse_survey(const Json& value, const std::string& path,
                                      const SurveyLimits& limits) {
  TESSERA_RETURN_IF_ERROR(expect_object(value, path));
  FieldReader s(value, path);
  TESSERA_RETURN_IF_ERROR(
      s.reject_unknown({"id", "version", "defaultLocale", "title", "pages", "thankYou"}));
  SurveyDefinition def;
  TESSERA_ASSIGN_OR_RETURN(def.id, s.required_id("id"));
  TESSERA_ASSIGN_OR_RETURN(def.version, s.optional_int("version", 1, 1, 1'000'000'000));
  TESSERA_ASSIGN_OR_RETURN(def.default_locale, s.optional_string("defaultLocale", "en", 35));
  TESSERA_RETURN_IF_ERROR(check_locale(def.default_locale, s.path_of("defaultLocale")));
  TESSERA_ASSIGN_OR_RETURN(def.title, read_optional_text(s, "title", limits.max_title_length));
  TESSERA_ASSIGN_OR_RETURN(def.thank_you,
                           read_optional_text(s, "thankYou", limits.max_description_length));
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
    if (!page_ids.insert(page.id).second) {
      return Status(Code::kDuplicateId, "page id \"" + page.id + "\" is used twice",
                    pointer_join(at, "id"));
    }
    def.pages.push_back(std::move(page));
  }
  return def;
}

Result<SurveyDefinition> parse_survey_text(std::string_view text, const SurveyLimits& limits) {
  TESSERA_ASSIGN_OR_RETURN(Json doc, parse_json(text));
  return parse_survey(doc, "", limits);
}

}  // namespace tessera::survey
