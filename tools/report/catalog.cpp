// Question roles for reports; see catalog.hpp and docs/reports.md.
#include "report/catalog.hpp"

#include <array>
#include <vector>

#include "tessera/survey/definition.hpp"

namespace tessera::report {
namespace {

std::vector<std::string_view> split_dots(std::string_view id) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = id.find('.', start);
    parts.push_back(id.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) return parts;
    start = dot + 1;
  }
}

constexpr std::array<std::string_view, 4> kValueNames = {"product", "service", "personnel",
                                                         "image"};
constexpr std::array<std::string_view, 4> kCostNames = {"monetary", "time", "energy", "psychic"};

int index_of(const std::array<std::string_view, 4>& names, std::string_view name) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

QuestionRole role_from_id(std::string_view id, std::string_view type) {
  QuestionRole r;
  auto parts = split_dots(id);
  // servqual.<dimension>.<n>.expectation|perception, servqual.weight.<dimension>
  if (parts.size() == 4 && parts[0] == "servqual") {
    auto dim = score::parse_servqual_dimension(parts[1]);
    if (dim.ok() && (parts[3] == "expectation" || parts[3] == "perception")) {
      r.role = parts[3] == "expectation" ? Role::kServqualExpectation : Role::kServqualPerception;
      r.dimension = *dim;
      r.low = 1;
      r.high = 7;  // the 1988 instrument's scale
      return r;
    }
  }
  if (parts.size() == 3 && parts[0] == "servqual" && parts[1] == "weight") {
    auto dim = score::parse_servqual_dimension(parts[2]);
    if (dim.ok()) {
      r.role = Role::kServqualWeight;
      r.dimension = *dim;
      r.low = 0;
      r.high = 100;
      return r;
    }
  }
  // cdv.value.<product|service|personnel|image>, cdv.cost.<monetary|time|energy|psychic>
  if (parts.size() == 3 && parts[0] == "cdv") {
    int value = parts[1] == "value" ? index_of(kValueNames, parts[2]) : -1;
    int cost = parts[1] == "cost" ? index_of(kCostNames, parts[2]) : -1;
    if (value >= 0 || cost >= 0) {
      r.role = value >= 0 ? Role::kValue : Role::kCost;
      r.component = value >= 0 ? value : cost;
      r.low = 1;
      r.high = 7;
      return r;
    }
  }
  if (id == "contact" && (type.empty() || type == "yesno" || type == "consent")) {
    r.role = Role::kContactConsent;
  } else if ((id == "email" || id == "phone") && (type.empty() || type == "text")) {
    r.role = Role::kContactAddress;
  } else if (type.empty() && id == "csat") {
    r = {Role::kCsat, 1, 5};
  } else if (type.empty() && id == "ces") {
    r = {Role::kCes, 1, 7};
  }
  return r;
}

Result<SurveyCatalog> SurveyCatalog::from_site_config(const Json& config) {
  TESSERA_RETURN_IF_ERROR(expect_object(config, ""));
  if (!config.contains("surveys")) return Status(Code::kInvalidValue, "no surveys", "/surveys");
  const Json& list = config["surveys"];
  TESSERA_RETURN_IF_ERROR(expect_array(list, "/surveys", 0, 1000));
  SurveyCatalog catalog;
  catalog.has_config_ = true;
  for (std::size_t i = 0; i < list.size(); ++i) {
    TESSERA_ASSIGN_OR_RETURN(survey::SurveyDefinition def,
                             survey::parse_survey(list[i], pointer_join("/surveys", i)));
    Survey& s = catalog.surveys_[def.id];
    s.from_config = true;
    s.title =
        def.title.empty() ? def.id : def.title.resolve(def.default_locale, def.default_locale);
    for (const survey::Page& page : def.pages) {
      for (const survey::Question& q : page.questions) {
        std::string_view type = survey::question_type_name(q.type);
        QuestionRole r = role_from_id(q.id, type);
        // The type wins over the id for the rating instruments: an "nps"
        // question is NPS whatever its id.
        switch (q.type) {
          case survey::QuestionType::kNps:
            r = {Role::kNps, 0, 10};
            break;
          case survey::QuestionType::kCsat:
            r = {Role::kCsat, q.scale.min, q.scale.max};
            break;
          case survey::QuestionType::kCes:
            r = {Role::kCes, q.scale.min, q.scale.max};
            break;
          case survey::QuestionType::kText:
            if (r.role == Role::kOther) r.role = Role::kText;
            break;
          case survey::QuestionType::kRating:
            // A rating keeps its conventional role but takes the scale the
            // survey actually asks on.
            if (r.role != Role::kOther) {
              r.low = q.scale.min;
              r.high = q.scale.max;
            }
            break;
          default:
            break;
        }
        s.questions[q.id] = r;
      }
    }
  }
  return catalog;
}

const QuestionRole* SurveyCatalog::role(const std::string& survey_id,
                                        const std::string& question_id) const {
  auto s = surveys_.find(survey_id);
  if (s == surveys_.end()) return nullptr;
  auto q = s->second.questions.find(question_id);
  return q == s->second.questions.end() ? nullptr : &q->second;
}

std::string SurveyCatalog::title(const std::string& survey_id) const {
  auto s = surveys_.find(survey_id);
  return s == surveys_.end() || s->second.title.empty() ? survey_id : s->second.title;
}

void SurveyCatalog::learn_from_record(const std::string& survey_id, const Json& record) {
  Survey& s = surveys_[survey_id];
  if (s.from_config) {
    // Answers to questions the config does not list still count when their
    // id follows a convention (servqual.weight.* on a scale the engine
    // cannot ask, say).
    if (!record.contains("answers") || !record["answers"].is_object()) return;
    for (const auto& item : record["answers"].items()) {
      if (s.questions.count(item.key()) == 0) {
        s.questions[item.key()] = role_from_id(item.key(), "");
      }
    }
    return;
  }
  if (record.contains("npsClass") && record["npsClass"].is_object()) {
    for (const auto& item : record["npsClass"].items()) s.questions[item.key()] = {Role::kNps};
  }
  if (!record.contains("answers") || !record["answers"].is_object()) return;
  for (const auto& item : record["answers"].items()) {
    if (s.questions.count(item.key()) != 0) continue;
    QuestionRole r = role_from_id(item.key(), "");
    // Without a definition, any other string answer is taken as free text.
    if (r.role == Role::kOther && item.value().is_string()) r.role = Role::kText;
    s.questions[item.key()] = r;
  }
}

}  // namespace tessera::report
