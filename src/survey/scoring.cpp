// Scoring a survey's response records; see tessera/survey/scoring.hpp.
#include "tessera/survey/scoring.hpp"

#include <array>
#include <cstdio>

#include "tessera/score/split.hpp"
#include "tessera/score/summary.hpp"

namespace tessera::survey {

// Which question feeds which summary, read once from the definition.
struct SurveySummary::Roles {
  struct Ces {
    std::string id;
    std::int64_t points;
  };
  struct Csat {
    std::string id;
    score::CsatScale scale;
  };
  struct Pair {
    std::string expectation, perception;  // matrix question ids
  };
  std::vector<std::string> nps;
  std::vector<Csat> csat;
  std::vector<Ces> ces;
  std::array<std::optional<Pair>, score::kServqualDimensionCount> servqual;
  std::array<std::string, score::kServqualDimensionCount> weights;  // question ids or ""
  bool has_servqual = false;
  std::string value_id, cost_id;  // delivered value matrices
  score::DeliveredValueScale dv_scale;
  bool has_dv = false;
};

namespace {

constexpr const char* kValueRows[] = {"product", "service", "personnel", "image"};
constexpr const char* kCostRows[] = {"monetary", "time", "energy", "psychic"};

// An integer answer: a JSON integer, or a matrix column value such as "6".
std::optional<std::int64_t> as_int(const Json& v) {
  if (v.is_number_integer() || v.is_number_unsigned()) {
    if (v.is_number_unsigned() && v.get<std::uint64_t>() > 1'000'000) return std::nullopt;
    return v.get<std::int64_t>();
  }
  if (!v.is_string()) return std::nullopt;
  const std::string& s = v.get_ref<const std::string&>();
  if (s.empty() || s.size() > 6) return std::nullopt;
  std::int64_t n = 0;
  std::size_t i = s[0] == '-' ? 1 : 0;
  if (i == s.size()) return std::nullopt;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    n = n * 10 + (s[i] - '0');
  }
  return s[0] == '-' ? -n : n;
}

// A scale answer as the session records it: a JSON integer, nothing else.
std::optional<std::int64_t> strict_int(const Json& v) {
  if (v.is_number_integer()) return v.get<std::int64_t>();
  if (v.is_number_unsigned() && v.get<std::uint64_t>() <= 1'000'000) return v.get<std::int64_t>();
  return std::nullopt;
}

const Json* answer_of(const Json& answers, const std::string& id) {
  auto it = answers.find(id);
  return it == answers.end() ? nullptr : &*it;
}

// "YYYY-MM-DD" of a day number (days since 1970-01-01), proleptic Gregorian.
std::string civil_day(std::int64_t days) {
  days += 719468;
  std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  std::int64_t doe = days - era * 146097;
  std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  std::int64_t mp = (5 * doy + 2) / 153;
  std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld", static_cast<long long>(y),
                static_cast<long long>(m), static_cast<long long>(d));
  return buf;
}

std::string_view split_name(SplitBy by) {
  switch (by) {
    case SplitBy::kVariant:
      return "variant";
    case SplitBy::kDay:
      return "day";
    case SplitBy::kNone:
      break;
  }
  return "none";
}

template <typename S>
Status merge_map(std::map<std::string, S>& into, const std::map<std::string, S>& from) {
  for (const auto& [id, summary] : from) {
    auto it = into.find(id);
    if (it == into.end()) {
      into.emplace(id, summary);
    } else {
      TESSERA_RETURN_IF_ERROR(it->second.merge(summary));
    }
  }
  return Status::Ok();
}

template <typename S>
Json map_json(const std::map<std::string, S>& m) {
  Json out = Json::object();
  for (const auto& [id, summary] : m) out[id] = summary.to_json();
  return out;
}

template <typename S>
Status read_map(const FieldReader& r, const char* key, std::map<std::string, S>& out) {
  const Json* m = r.find(key);
  if (m == nullptr) return Status::Ok();
  TESSERA_RETURN_IF_ERROR(expect_object(*m, r.path_of(key)));
  for (auto it = m->begin(); it != m->end(); ++it) {
    std::string at = pointer_join(r.path_of(key), it.key());
    TESSERA_RETURN_IF_ERROR(check_id(it.key(), at));
    TESSERA_ASSIGN_OR_RETURN(S s, S::from_json(*it, at));
    out.emplace(it.key(), std::move(s));
  }
  return Status::Ok();
}

Result<const Question*> scored_question(const SurveyDefinition& def, const Json& id,
                                        const std::string& path, QuestionType type) {
  const Question* q = id.is_string() ? def.find_question(id.get<std::string>()) : nullptr;
  if (q == nullptr || q->type != type) {
    return Status(Code::kInvalidValue,
                  "expected the id of a " + std::string(question_type_name(type)) + " question",
                  path);
  }
  return q;
}

}  // namespace

Status ScoreBundle::merge(const ScoreBundle& other) {
  ScoreBundle next = *this;  // nothing half-applied
  TESSERA_RETURN_IF_ERROR(score::add_checked(next.responses, other.responses, "responses"));
  TESSERA_RETURN_IF_ERROR(
      score::add_checked(next.invalid_answers, other.invalid_answers, "invalid answers"));
  TESSERA_RETURN_IF_ERROR(merge_map(next.nps, other.nps));
  TESSERA_RETURN_IF_ERROR(merge_map(next.csat, other.csat));
  TESSERA_RETURN_IF_ERROR(merge_map(next.ces, other.ces));
  if (other.servqual) {
    if (!next.servqual) next.servqual.emplace();
    TESSERA_RETURN_IF_ERROR(next.servqual->merge(*other.servqual));
  }
  if (other.delivered_value) {
    if (!next.delivered_value) {
      next.delivered_value = other.delivered_value;
    } else {
      TESSERA_RETURN_IF_ERROR(next.delivered_value->merge(*other.delivered_value));
    }
  }
  *this = std::move(next);
  return Status::Ok();
}

Json ScoreBundle::to_json() const {
  return Json{{"responses", responses},
              {"invalidAnswers", invalid_answers},
              {"nps", map_json(nps)},
              {"csat", map_json(csat)},
              {"ces", map_json(ces)},
              {"servqual", servqual ? servqual->to_json() : Json()},
              {"deliveredValue", delivered_value ? delivered_value->to_json() : Json()}};
}

Result<ScoreBundle> ScoreBundle::from_json(const Json& json, const std::string& path) {
  TESSERA_RETURN_IF_ERROR(expect_object(json, path));
  FieldReader r(json, path);
  TESSERA_RETURN_IF_ERROR(r.reject_unknown(
      {"key", "responses", "invalidAnswers", "nps", "csat", "ces", "servqual", "deliveredValue"}));
  ScoreBundle b;
  TESSERA_ASSIGN_OR_RETURN(b.responses, r.required_int("responses", 0, score::kMaxCount));
  TESSERA_ASSIGN_OR_RETURN(b.invalid_answers,
                           r.optional_int("invalidAnswers", 0, 0, score::kMaxCount));
  TESSERA_RETURN_IF_ERROR(read_map(r, "nps", b.nps));
  TESSERA_RETURN_IF_ERROR(read_map(r, "csat", b.csat));
  TESSERA_RETURN_IF_ERROR(read_map(r, "ces", b.ces));
  if (const Json* s = r.find("servqual"); s != nullptr && !s->is_null()) {
    TESSERA_ASSIGN_OR_RETURN(b.servqual,
                             score::ServqualSummary::from_json(*s, r.path_of("servqual")));
  }
  if (const Json* s = r.find("deliveredValue"); s != nullptr && !s->is_null()) {
    TESSERA_ASSIGN_OR_RETURN(b.delivered_value, score::DeliveredValueSummary::from_json(
                                                    *s, r.path_of("deliveredValue")));
  }
  return b;
}

Result<SurveySummary> SurveySummary::create(const SurveyDefinition& def,
                                            const SurveySummaryOptions& options) {
  if (options.utc_offset_minutes < -1440 || options.utc_offset_minutes > 1440) {
    return Status(Code::kOutOfRange, "expected minutes from -1440 to 1440", "/utcOffsetMinutes");
  }
  auto roles = std::make_shared<Roles>();
  for (const Page& page : def.pages) {
    for (const Question& q : page.questions) {
      if (q.type == QuestionType::kNps) roles->nps.push_back(q.id);
      if (q.type == QuestionType::kCsat) roles->csat.push_back({q.id, {1, 5}});
      if (q.type == QuestionType::kCes) roles->ces.push_back({q.id, q.scale.max});
    }
  }
  const Json& s = def.scoring;
  std::string instrument = s.is_object() && s.contains("instrument") && s["instrument"].is_string()
                               ? s["instrument"].get<std::string>()
                               : "";
  if ((instrument == "csat" || instrument == "ces") && s.contains("question")) {
    // A rating question scored as CSAT or CES on its own scale.
    const Question* q =
        def.find_question(s["question"].is_string() ? s["question"].get<std::string>() : "");
    if (q != nullptr && q->type == QuestionType::kRating) {
      std::int64_t points = (q->scale.max - q->scale.min) / q->scale.step + 1;
      bool fits = q->scale.step == 1 &&
                  (instrument == "csat" ? (q->scale.min == 0 || q->scale.min == 1)
                                        : q->scale.min == 1 && (points == 5 || points == 7));
      if (!fits) {
        return Status(Code::kInvalidValue,
                      instrument == "csat" ? "a CSAT rating runs from 0 or 1 in steps of 1"
                                           : "a CES rating runs 1-5 or 1-7",
                      "/scoring/question");
      }
      if (instrument == "csat") roles->csat.push_back({q->id, {q->scale.min, points}});
      if (instrument == "ces") roles->ces.push_back({q->id, points});
    }
  }
  if (instrument == "servqual" && s.contains("dimensions") && s["dimensions"].is_object()) {
    for (std::size_t d = 0; d < score::kServqualDimensionCount; ++d) {
      std::string name(score::servqual_dimension_name(static_cast<score::ServqualDimension>(d)));
      const Json& dims = s["dimensions"];
      if (!dims.contains(name)) continue;
      std::string at = "/scoring/dimensions/" + name;
      if (!dims[name].is_object()) return Status(Code::kInvalidType, "expected an object", at);
      const Json& pair = dims[name];
      TESSERA_ASSIGN_OR_RETURN(const Question* e,
                               scored_question(def, pair.value("expectation", Json()),
                                               at + "/expectation", QuestionType::kMatrix));
      TESSERA_ASSIGN_OR_RETURN(const Question* p,
                               scored_question(def, pair.value("perception", Json()),
                                               at + "/perception", QuestionType::kMatrix));
      roles->servqual[d] = Roles::Pair{e->id, p->id};
      roles->has_servqual = true;
      if (s.contains("weights") && s["weights"].is_object() && s["weights"].contains(name) &&
          s["weights"][name].is_string()) {
        roles->weights[d] = s["weights"][name].get<std::string>();
      }
    }
  }
  if (instrument == "customer-delivered-value") {
    TESSERA_ASSIGN_OR_RETURN(
        const Question* v,
        scored_question(def, s.value("value", Json()), "/scoring/value", QuestionType::kMatrix));
    TESSERA_ASSIGN_OR_RETURN(
        const Question* c,
        scored_question(def, s.value("cost", Json()), "/scoring/cost", QuestionType::kMatrix));
    roles->value_id = v->id;
    roles->cost_id = c->id;
    if (s.contains("scale") && s["scale"].is_array() && s["scale"].size() == 2) {
      auto low = as_int(s["scale"][0]);
      auto high = as_int(s["scale"][1]);
      if (low && high) roles->dv_scale = {*low, *high};
    }
    TESSERA_RETURN_IF_ERROR(score::DeliveredValueSummary::create(roles->dv_scale).status());
    roles->has_dv = true;
  }
  SurveySummary out;
  out.survey_id_ = def.id;
  out.options_ = options;
  out.roles_ = std::move(roles);
  return out;
}

std::string SurveySummary::key_of(const Json& record) const {
  switch (options_.by) {
    case SplitBy::kVariant: {
      auto it = record.find("variant");
      if (it != record.end() && it->is_string() && check_id(it->get<std::string>(), "").ok()) {
        return it->get<std::string>();
      }
      return "none";
    }
    case SplitBy::kDay: {
      std::int64_t at = 0;
      for (const char* key : {"completedAt", "startedAt"}) {
        auto it = record.find(key);
        if (it != record.end() && (it->is_number_integer() || it->is_number_unsigned())) {
          at = it->get<std::int64_t>();
          break;
        }
      }
      std::int64_t local = at + static_cast<std::int64_t>(options_.utc_offset_minutes) * 60000;
      std::int64_t day = local / 86400000 - (local % 86400000 < 0 ? 1 : 0);
      return civil_day(day);
    }
    case SplitBy::kNone:
      break;
  }
  return "all";
}

Status SurveySummary::add_records(const Json& records, const std::string& path) {
  if (!roles_) {
    return Status(
        Code::kFailedPrecondition,
        "a summary read from JSON only merges; add records to one made from the definition", path);
  }
  TESSERA_RETURN_IF_ERROR(expect_array(records, path, 0, 1'000'000));
  // One record per response: the final one, else the partial with the most
  // answers (a later partial holds everything an earlier one did).
  std::map<std::string, const Json*> best;
  std::vector<std::string> order;
  for (const Json& r : records) {
    auto field = [&](const char* key) -> std::string {
      auto it = r.is_object() ? r.find(key) : r.end();
      return r.is_object() && it != r.end() && it->is_string() ? it->get<std::string>() : "";
    };
    std::string kind = field("kind");
    bool ok = field("surveyId") == survey_id_ && !field("responseId").empty() &&
              (kind == "final" || kind == "partial") && r.contains("answers") &&
              r["answers"].is_object();
    if (!ok) {
      ++skipped_;
      continue;
    }
    std::string id = field("responseId");
    auto it = best.find(id);
    if (it == best.end()) {
      best.emplace(id, &r);
      order.push_back(id);
      continue;
    }
    const Json& have = *it->second;
    bool have_final = have["kind"] == "final";
    bool better =
        kind == "final" ? !have_final : !have_final && r["answers"].size() > have["answers"].size();
    if (better) it->second = &r;
  }
  for (const std::string& id : order) TESSERA_RETURN_IF_ERROR(add_response(*best[id]));
  return Status::Ok();
}

Status SurveySummary::add_response(const Json& record) {
  const Roles& roles = *roles_;
  const Json& answers = record["answers"];
  ScoreBundle& b = parts_[key_of(record)];
  ++b.responses;
  for (const std::string& id : roles.nps) {
    const Json* a = answer_of(answers, id);
    if (a == nullptr) continue;
    auto v = strict_int(*a);
    if (!v || !b.nps[id].add_answer(*v).ok()) ++b.invalid_answers;
  }
  for (const auto& c : roles.csat) {
    const Json* a = answer_of(answers, c.id);
    if (a == nullptr) continue;
    auto it = b.csat.find(c.id);
    if (it == b.csat.end()) it = b.csat.emplace(c.id, *score::CsatSummary::create(c.scale)).first;
    auto v = strict_int(*a);
    if (!v || !it->second.add(*v).ok()) ++b.invalid_answers;
  }
  for (const auto& c : roles.ces) {
    const Json* a = answer_of(answers, c.id);
    if (a == nullptr) continue;
    auto it = b.ces.find(c.id);
    if (it == b.ces.end()) it = b.ces.emplace(c.id, *score::CesSummary::create(c.points)).first;
    auto v = strict_int(*a);
    if (!v || !it->second.add(*v).ok()) ++b.invalid_answers;
  }
  if (roles.has_servqual) {
    score::ServqualResponse response;
    for (std::size_t d = 0; d < score::kServqualDimensionCount; ++d) {
      if (!roles.servqual[d]) continue;
      const Json* e = answer_of(answers, roles.servqual[d]->expectation);
      const Json* p = answer_of(answers, roles.servqual[d]->perception);
      if (e == nullptr || p == nullptr || !e->is_object() || !p->is_object()) continue;
      // An item counts when both of its halves are answered.
      for (auto it = e->begin(); it != e->end(); ++it) {
        auto pv = p->find(it.key());
        if (pv == p->end()) continue;
        auto ev = as_int(*it);
        auto pn = as_int(*pv);
        if (ev && pn) {
          response.items.push_back({static_cast<score::ServqualDimension>(d), *ev, *pn});
        }
      }
    }
    score::ServqualWeights weights;
    bool all_weights = true;
    for (std::size_t d = 0; d < score::kServqualDimensionCount; ++d) {
      const Json* w = roles.weights[d].empty() ? nullptr : answer_of(answers, roles.weights[d]);
      auto v = w == nullptr ? std::nullopt : as_int(*w);
      all_weights = all_weights && v.has_value();
      weights.points[d] = v.value_or(0);
    }
    if (all_weights) response.weights = weights;
    if (!response.items.empty()) {
      if (!b.servqual) b.servqual.emplace();
      if (!b.servqual->add(response).ok()) {
        response.weights.reset();  // weights not summing to 100: keep the items
        if (!b.servqual->add(response).ok()) ++b.invalid_answers;
      }
    }
  }
  if (roles.has_dv) {
    const Json* v = answer_of(answers, roles.value_id);
    const Json* c = answer_of(answers, roles.cost_id);
    score::DeliveredValueResponse response;
    int found = 0;
    for (std::size_t i = 0; i < 4; ++i) {
      for (auto [matrix, row, slot] : {std::tuple<const Json*, const char*, std::int64_t*>{
                                           v, kValueRows[i], &response.value[i]},
                                       {c, kCostRows[i], &response.cost[i]}}) {
        if (matrix == nullptr || !matrix->is_object() || !matrix->contains(row)) continue;
        auto n = as_int((*matrix)[row]);
        if (!n) continue;
        *slot = *n;
        ++found;
      }
    }
    if (found == 8) {
      if (!b.delivered_value)
        b.delivered_value = *score::DeliveredValueSummary::create(roles.dv_scale);
      if (!b.delivered_value->add(response).ok()) ++b.invalid_answers;
    } else if (found > 0) {
      ++b.invalid_answers;  // delivered value needs all eight components
    }
  }
  return Status::Ok();
}

Status SurveySummary::merge(const SurveySummary& other) {
  if (other.survey_id_ != survey_id_ || other.options_.by != options_.by ||
      other.options_.utc_offset_minutes != options_.utc_offset_minutes) {
    return Status(Code::kFailedPrecondition,
                  "summaries of different surveys or splits do not merge");
  }
  auto next = parts_;
  for (const auto& [key, bundle] : other.parts_) {
    TESSERA_RETURN_IF_ERROR(next[key].merge(bundle));
  }
  std::int64_t skipped = skipped_;
  TESSERA_RETURN_IF_ERROR(score::add_checked(skipped, other.skipped_, "skipped records"));
  parts_ = std::move(next);
  skipped_ = skipped;
  if (!roles_) roles_ = other.roles_;
  return Status::Ok();
}

Result<ScoreBundle> SurveySummary::total() const {
  ScoreBundle out;
  for (const auto& [key, bundle] : parts_) TESSERA_RETURN_IF_ERROR(out.merge(bundle));
  return out;
}

Json SurveySummary::to_json() const {
  Json parts = Json::array();
  for (const auto& [key, bundle] : parts_) {
    Json p = bundle.to_json();
    p["key"] = key;
    parts.push_back(std::move(p));
  }
  auto total_bundle = total();
  Json out = score::summary_envelope("surveySummary");
  out["surveyId"] = survey_id_;
  out["by"] = std::string(split_name(options_.by));
  out["utcOffsetMinutes"] = options_.utc_offset_minutes;
  out["skipped"] = skipped_;
  out["parts"] = std::move(parts);
  out["total"] = total_bundle.ok() ? total_bundle->to_json() : Json();
  return out;
}

Result<SurveySummary> SurveySummary::from_json(const Json& json, const std::string& path) {
  TESSERA_RETURN_IF_ERROR(expect_object(json, path));
  FieldReader r(json, path);
  TESSERA_RETURN_IF_ERROR(r.reject_unknown(
      {"v", "kind", "surveyId", "by", "utcOffsetMinutes", "skipped", "parts", "total"}));
  TESSERA_RETURN_IF_ERROR(score::check_envelope(r, "surveySummary"));
  SurveySummary out;
  TESSERA_ASSIGN_OR_RETURN(out.survey_id_, r.required_id("surveyId"));
  TESSERA_ASSIGN_OR_RETURN(std::string by, r.required_string("by", 16));
  if (by == "none" || by == "variant" || by == "day") {
    out.options_.by = by == "none"      ? SplitBy::kNone
                      : by == "variant" ? SplitBy::kVariant
                                        : SplitBy::kDay;
  } else {
    return Status(Code::kInvalidValue, "expected \"none\", \"variant\" or \"day\"",
                  r.path_of("by"));
  }
  TESSERA_ASSIGN_OR_RETURN(auto offset, r.optional_int("utcOffsetMinutes", 0, -1440, 1440));
  out.options_.utc_offset_minutes = static_cast<int>(offset);
  TESSERA_ASSIGN_OR_RETURN(out.skipped_, r.optional_int("skipped", 0, 0, score::kMaxCount));
  const Json* parts = r.find("parts");
  if (parts == nullptr)
    return Status(Code::kMissingField, "required field is missing", r.path_of("parts"));
  TESSERA_RETURN_IF_ERROR(expect_array(*parts, r.path_of("parts"), 0, score::kMaxSplitParts));
  for (std::size_t i = 0; i < parts->size(); ++i) {
    std::string at = pointer_join(r.path_of("parts"), i);
    TESSERA_ASSIGN_OR_RETURN(ScoreBundle b, ScoreBundle::from_json((*parts)[i], at));
    const Json& key = (*parts)[i].contains("key") ? (*parts)[i]["key"] : Json();
    if (!key.is_string() || key.get<std::string>().empty() || key.get<std::string>().size() > 64) {
      return Status(Code::kInvalidValue, "expected the part's key", pointer_join(at, "key"));
    }
    if (!out.parts_.emplace(key.get<std::string>(), std::move(b)).second) {
      return Status(Code::kDuplicateId, "a key appears twice", pointer_join(at, "key"));
    }
  }
  return out;
}

}  // namespace tessera::survey
