// Question roles for reports; see catalog.hpp and docs/reports.md.
#include "report/catalog.hpp"

#include <array>
#include <utility>

#include "tessera/survey/definition.hpp"
#include "tessera/survey/instruments.hpp"

namespace tessera::report {
namespace {

constexpr std::array<std::string_view, 4> kValueNames = {"product", "service", "personnel",
                                                         "image"};
constexpr std::array<std::string_view, 4> kCostNames = {"monetary", "time", "energy", "psychic"};

int index_of(const std::array<std::string_view, 4>& names, std::string_view name) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<int>(i);
  }
  return -1;
}

const survey::Question* find_question(const survey::SurveyDefinition& def, const std::string& id) {
  for (const survey::Page& page : def.pages) {
    for (const survey::Question& q : page.questions) {
      if (q.id == id) return &q;
    }
  }
  return nullptr;
}

// Reads the question id at `at` and checks that its answers are integers on
// a scale: a rating-like question, or a matrix (whose column values are then
// read as integers on the instrument's scale).
Result<const survey::Question*> scored_question(const Json& value, const std::string& at,
                                                const survey::SurveyDefinition& def) {
  if (!value.is_string()) return Status(Code::kInvalidType, "expected a question id", at);
  const survey::Question* q = find_question(def, value.get<std::string>());
  if (q == nullptr) {
    return Status(Code::kNotFound, "no question \"" + value.get<std::string>() + "\" in survey",
                  at);
  }
  switch (q->type) {
    case survey::QuestionType::kMatrix:
    case survey::QuestionType::kRating:
    case survey::QuestionType::kCsat:
    case survey::QuestionType::kCes:
      return q;
    default:
      return Status(Code::kInvalidValue, "expected a matrix or rating question", at);
  }
}

// The scale a scored question is read on: its own for a rating, the
// instrument's for a matrix (column values "1".."7").
QuestionRole scored_role(Role role, const survey::Question& q,
                         std::pair<std::int64_t, std::int64_t> instrument_scale) {
  QuestionRole r;
  r.role = role;
  bool matrix = q.type == survey::QuestionType::kMatrix;
  r.low = matrix ? instrument_scale.first : q.scale.min;
  r.high = matrix ? instrument_scale.second : q.scale.max;
  return r;
}

Result<std::pair<std::int64_t, std::int64_t>> read_scale(const FieldReader& r) {
  const Json* scale = r.find("scale");
  if (scale == nullptr) return std::pair<std::int64_t, std::int64_t>{1, 7};
  std::string at = r.path_of("scale");
  TESSERA_RETURN_IF_ERROR(expect_array(*scale, at, 2, 2));
  for (std::size_t i = 0; i < 2; ++i) {
    if (!(*scale)[i].is_number_integer()) {
      return Status(Code::kInvalidType, "expected an integer", pointer_join(at, i));
    }
  }
  auto low = (*scale)[0].get<std::int64_t>(), high = (*scale)[1].get<std::int64_t>();
  if (low >= high || low < -1000 || high > 1000) {
    return Status(Code::kOutOfRange, "expected [low, high] with low < high", at);
  }
  return std::pair<std::int64_t, std::int64_t>{low, high};
}

Status read_servqual(const FieldReader& r, const survey::SurveyDefinition& def,
                     std::pair<std::int64_t, std::int64_t> scale,
                     std::map<std::string, QuestionRole>& roles) {
  const Json* dims = r.find("dimensions");
  std::string at = r.path_of("dimensions");
  if (dims == nullptr) return Status(Code::kMissingField, "SERVQUAL scoring needs dimensions", at);
  TESSERA_RETURN_IF_ERROR(expect_object(*dims, at));
  for (const auto& item : dims->items()) {
    std::string dim_at = pointer_join(at, item.key());
    TESSERA_ASSIGN_OR_RETURN(score::ServqualDimension dim,
                             score::parse_servqual_dimension(item.key(), dim_at));
    TESSERA_RETURN_IF_ERROR(expect_object(item.value(), dim_at));
    FieldReader d(item.value(), dim_at);
    TESSERA_RETURN_IF_ERROR(d.reject_unknown({"expectation", "perception"}));
    for (const char* half : {"expectation", "perception"}) {
      const Json* id = d.find(half);
      if (id == nullptr) return Status(Code::kMissingField, "missing", d.path_of(half));
      TESSERA_ASSIGN_OR_RETURN(const survey::Question* q,
                               scored_question(*id, d.path_of(half), def));
      Role role = std::string_view(half) == "expectation" ? Role::kServqualExpectation
                                                          : Role::kServqualPerception;
      QuestionRole qr = scored_role(role, *q, scale);
      qr.dimension = dim;
      roles[q->id] = qr;
    }
  }
  // Optional importance: {"tangibles": "<question id>", ...}, points 0-100
  // per dimension that each respondent splits to 100.
  if (const Json* weights = r.find("weights")) {
    std::string w_at = r.path_of("weights");
    TESSERA_RETURN_IF_ERROR(expect_object(*weights, w_at));
    for (const auto& item : weights->items()) {
      std::string item_at = pointer_join(w_at, item.key());
      TESSERA_ASSIGN_OR_RETURN(score::ServqualDimension dim,
                               score::parse_servqual_dimension(item.key(), item_at));
      if (!item.value().is_string() || find_question(def, item.value()) == nullptr) {
        return Status(Code::kNotFound, "expected the id of a question in this survey", item_at);
      }
      QuestionRole qr{Role::kServqualWeight, 0, 100, dim, -1};
      roles[item.value().get<std::string>()] = qr;
    }
  }
  return Status::Ok();
}

// "value"/"cost": a matrix whose row values name the components, or
// {"product": "<rating id>", ...}.
Status read_value_side(const FieldReader& r, const char* side, const survey::SurveyDefinition& def,
                       std::pair<std::int64_t, std::int64_t> scale,
                       std::map<std::string, QuestionRole>& roles) {
  bool value = std::string_view(side) == "value";
  Role role = value ? Role::kValue : Role::kCost;
  auto component = value ? value_component : cost_component;
  const Json* spec = r.find(side);
  std::string at = r.path_of(side);
  if (spec == nullptr) return Status(Code::kMissingField, "delivered value needs it", at);
  if (spec->is_string()) {
    TESSERA_ASSIGN_OR_RETURN(const survey::Question* q, scored_question(*spec, at, def));
    if (q->type != survey::QuestionType::kMatrix) {
      return Status(Code::kInvalidValue, "expected a matrix with one row per component", at);
    }
    for (const survey::Choice& row : q->matrix.rows) {
      if (component(row.value) < 0) {
        return Status(
            Code::kInvalidValue,
            "row \"" + row.value + "\" of \"" + q->id + "\" is not a " + side + " component", at);
      }
    }
    roles[q->id] = scored_role(role, *q, scale);
    return Status::Ok();
  }
  TESSERA_RETURN_IF_ERROR(expect_object(*spec, at));
  for (const auto& item : spec->items()) {
    std::string item_at = pointer_join(at, item.key());
    int index = component(item.key());
    if (index < 0)
      return Status(Code::kInvalidValue, std::string("not a ") + side + " component", item_at);
    TESSERA_ASSIGN_OR_RETURN(const survey::Question* q,
                             scored_question(item.value(), item_at, def));
    QuestionRole qr = scored_role(role, *q, scale);
    qr.component = index;
    roles[q->id] = qr;
  }
  return Status::Ok();
}

// The survey's "scoring" metadata (instruments/*.json carry it).
Status read_scoring(const survey::SurveyDefinition& def, const std::string& at,
                    std::map<std::string, QuestionRole>& roles,
                    std::pair<std::int64_t, std::int64_t>& value_scale) {
  if (!def.scoring.is_object()) return Status::Ok();
  FieldReader r(def.scoring, at);
  std::string instrument;
  if (const Json* name = r.find("instrument"); name != nullptr && name->is_string()) {
    instrument = name->get<std::string>();
  }
  TESSERA_ASSIGN_OR_RETURN(auto scale, read_scale(r));
  if (instrument == "servqual") return read_servqual(r, def, scale, roles);
  if (instrument == "customer-delivered-value") {
    value_scale = scale;
    TESSERA_RETURN_IF_ERROR(read_value_side(r, "value", def, scale, roles));
    return read_value_side(r, "cost", def, scale, roles);
  }
  // nps, csat, ces and loyalty-index are read from question types.
  return Status::Ok();
}

}  // namespace

int value_component(std::string_view name) { return index_of(kValueNames, name); }
int cost_component(std::string_view name) { return index_of(kCostNames, name); }

Result<SurveyCatalog> SurveyCatalog::from_site_config(const Json& config) {
  TESSERA_RETURN_IF_ERROR(expect_object(config, ""));
  if (!config.contains("surveys")) return Status(Code::kInvalidValue, "no surveys", "/surveys");
  const Json& list = config["surveys"];
  TESSERA_RETURN_IF_ERROR(expect_array(list, "/surveys", 0, 1000));
  SurveyCatalog catalog;
  catalog.has_config_ = true;
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string at = pointer_join("/surveys", i);
    // As the engine reads a site config: the trigger apart, templates expanded.
    Json entry = list[i];
    if (entry.is_object()) entry.erase("trigger");
    TESSERA_ASSIGN_OR_RETURN(Json expanded, survey::expand_template(entry, at));
    TESSERA_ASSIGN_OR_RETURN(survey::SurveyDefinition def, survey::parse_survey(expanded, at));
    Survey& s = catalog.surveys_[def.id];
    s.from_config = true;
    s.title =
        def.title.empty() ? def.id : def.title.resolve(def.default_locale, def.default_locale);
    for (const survey::Page& page : def.pages) {
      for (const survey::Question& q : page.questions) {
        QuestionRole r;
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
            // The recovery step's address is a follow-up detail, not an opinion.
            if (q.id != "recovery_channel") r.role = Role::kText;
            break;
          default:
            break;
        }
        s.questions[q.id] = r;
      }
    }
    TESSERA_RETURN_IF_ERROR(read_scoring(def, at + "/scoring", s.questions, s.value_scale));
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

std::pair<std::int64_t, std::int64_t> SurveyCatalog::value_scale(
    const std::string& survey_id) const {
  auto s = surveys_.find(survey_id);
  return s == surveys_.end() ? std::pair<std::int64_t, std::int64_t>{1, 7} : s->second.value_scale;
}

void SurveyCatalog::learn_from_record(const std::string& survey_id, const Json& record) {
  Survey& s = surveys_[survey_id];
  if (s.from_config) return;
  if (record.contains("npsClass") && record["npsClass"].is_object()) {
    for (const auto& item : record["npsClass"].items()) s.questions[item.key()] = {Role::kNps};
  }
  if (!record.contains("answers") || !record["answers"].is_object()) return;
  for (const auto& item : record["answers"].items()) {
    if (s.questions.count(item.key()) != 0) continue;
    QuestionRole r;
    // Without a definition, any string answer is taken as free text (the
    // recovery step's address excepted: it belongs to the follow-up).
    if (item.value().is_string() && item.key() != "recovery_channel") r.role = Role::kText;
    s.questions[item.key()] = r;
  }
}

}  // namespace tessera::report
