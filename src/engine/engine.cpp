// Engine call dispatch; see tessera/engine/engine.hpp and docs/engine-api.md.
#include "tessera/engine/engine.hpp"

#include "tessera/crypto/encoding.hpp"
#include "tessera/score/nps.hpp"

namespace tessera::engine {
namespace {

// Reads N random bytes given as 2N hex digits in "entropy".
template <std::size_t N>
Result<std::array<std::uint8_t, N>> read_entropy(const FieldReader& r) {
  TESSERA_ASSIGN_OR_RETURN(std::string hex, r.required_string("entropy", 2 * N));
  TESSERA_ASSIGN_OR_RETURN(crypto::Bytes bytes, crypto::hex_decode(hex, "/entropy"));
  if (bytes.size() != N) {
    return Status(Code::kInvalidValue,
                  "expected " + std::to_string(N) + " random bytes as " + std::to_string(2 * N) +
                      " hex digits",
                  "/entropy");
  }
  std::array<std::uint8_t, N> out{};
  std::copy(bytes.begin(), bytes.end(), out.begin());
  return out;
}

// Largest epoch-millisecond value accepted (year 9999): keeps arithmetic on
// times far from overflow.
constexpr std::int64_t kMaxEpochMs = 253402300799999;

Result<FieldReader> open_args(const Json& args) {
  TESSERA_RETURN_IF_ERROR(expect_object(args, ""));
  return FieldReader(args, "");
}

}  // namespace

std::string ok_envelope(const Json& value) {
  // The bytes of dump_json({"ok": true, "value": value}) without copying the
  // value (a survey's view) into a new object first.
  return "{\"ok\":true,\"value\":" + dump_json(value) + "}";
}

std::string error_envelope(const Status& status) {
  return dump_json(Json{{"ok", false},
                        {"error",
                         {{"code", std::string(code_name(status.code()))},
                          {"message", status.message()},
                          {"path", status.path()}}}});
}

Result<Engine> Engine::create(std::string_view site_config_json) {
  TESSERA_ASSIGN_OR_RETURN(Json doc, parse_json(site_config_json, {4u << 20, 32}));
  TESSERA_ASSIGN_OR_RETURN(SiteConfig config, parse_site_config(doc));
  Engine engine(std::move(config));
  for (std::size_t i = 0; i < engine.config_.surveys.size(); ++i) {
    const auto& def = engine.config_.surveys[i];
    TESSERA_ASSIGN_OR_RETURN(auto logic,
                             survey::SurveyLogic::compile(*def, "/surveys/" + std::to_string(i)));
    engine.surveys_.push_back(Survey{def, std::move(logic)});
  }
  TESSERA_RETURN_IF_ERROR(engine.init_loyalty());
  return engine;
}

std::string Engine::call(std::string_view method, std::string_view args_json) {
  auto args = parse_json(args_json, {1u << 20, 16});
  if (!args.ok()) return error_envelope(args.status());
  if (method == "survey.answer") return answer_envelope(*args);
  if (method == "personal.rank") {
    // Written as text by the call itself: see personal_rank.cpp.
    auto text = personal_rank(*args);
    return text.ok() ? "{\"ok\":true,\"value\":" + *text + "}" : error_envelope(text.status());
  }
  auto result = dispatch(method, *args);
  return result.ok() ? ok_envelope(*result) : error_envelope(result.status());
}

Result<Json> Engine::dispatch(std::string_view method, const Json& args) {
  if (method == "survey.start") return start_survey(args);
  if (method == "survey.resume") return resume_survey(args);
  if (method == "survey.snapshot") return snapshot(args);
  if (method == "survey.values") return values(args);
  if (method == "survey.answer") return answer(args);
  if (method == "survey.next") return next(args);
  if (method == "survey.back") return back(args);
  if (method == "survey.complete") return complete(args);
  if (method == "survey.dismiss") return dismiss(args);
  if (method == "survey.close") return close(args);
  if (method == "survey.importSurveyJS") return import_surveyjs_call(args);
  if (method == "site.info") return site_info();
  if (method.rfind("score.", 0) == 0) return score_call(method, args);
  if (method.rfind("loyalty.", 0) == 0) return loyalty_call(method, args);
  if (method.rfind("personal.", 0) == 0 || method.rfind("privacy.", 0) == 0) {
    return personal_call(method, args);
  }
  if (method.substr(0, 8) == "trigger.") return trigger_call(method, args);
  if (method == "nps.classify") {
    TESSERA_ASSIGN_OR_RETURN(FieldReader r, open_args(args));
    TESSERA_ASSIGN_OR_RETURN(auto score, r.required_int("score", 0, 10));
    TESSERA_ASSIGN_OR_RETURN(auto cls, score::classify_nps(score));
    return Json{{"class", std::string(score::nps_class_name(cls))}};
  }
  return Status(Code::kNotFound, "unknown call \"" + std::string(method) + "\"");
}

Result<survey::Session*> Engine::find_session(const FieldReader& args) {
  TESSERA_ASSIGN_OR_RETURN(auto id, args.required_int("sessionId", 1, INT64_MAX));
  auto it = sessions_.find(id);
  if (it == sessions_.end()) {
    return Status(Code::kNotFound, "no open session " + std::to_string(id), "/sessionId");
  }
  return &it->second;
}

Result<Json> Engine::start_survey(const Json& args) {
  TESSERA_ASSIGN_OR_RETURN(FieldReader r, open_args(args));
  TESSERA_RETURN_IF_ERROR(
      r.reject_unknown({"surveyId", "locale", "startedAt", "entropy", "visitorId"}));
  TESSERA_ASSIGN_OR_RETURN(std::string survey_id, r.required_id("surveyId"));
  survey::SessionStart start;
  TESSERA_ASSIGN_OR_RETURN(start.locale, r.optional_string("locale", "en", 35));
  TESSERA_ASSIGN_OR_RETURN(start.started_at_ms, r.required_int("startedAt", 0, kMaxEpochMs));
  TESSERA_ASSIGN_OR_RETURN(start.visitor_id, r.optional_string("visitorId", "", 128));
  // 16 fresh random bytes from the caller: the response id (a UUID) and,
  // from the same bytes, the seed that orders randomized questions.
  TESSERA_ASSIGN_OR_RETURN(auto id_bytes, read_entropy<16>(r));
  start.response_id = survey::uuid_v4_from_bytes(id_bytes);
  for (int i = 0; i < 8; ++i)
    start.seed = (start.seed << 8) | id_bytes[static_cast<std::size_t>(i)];
  TESSERA_ASSIGN_OR_RETURN(const Survey* found, find_survey(survey_id));
  if (sessions_.size() >= kMaxSessions) {
    return Status(Code::kLimitExceeded, "too many open sessions; close finished ones");
  }
  TESSERA_ASSIGN_OR_RETURN(survey::Session session,
                           survey::Session::start(found->definition, found->logic, start));
  return open_session(std::move(session));
}

Result<Json> Engine::resume_survey(const Json& args) {
  TESSERA_ASSIGN_OR_RETURN(FieldReader r, open_args(args));
  TESSERA_RETURN_IF_ERROR(r.reject_unknown({"snapshot"}));
  const Json* snap = r.find("snapshot");
  if (snap == nullptr) return Status(Code::kMissingField, "required field is missing", "/snapshot");
  if (!snap->is_object() || !snap->contains("surveyId") || !(*snap)["surveyId"].is_string()) {
    return Status(Code::kInvalidType, "expected a snapshot object", "/snapshot");
  }
  TESSERA_ASSIGN_OR_RETURN(const Survey* found,
                           find_survey((*snap)["surveyId"].get<std::string>()));
  if (sessions_.size() >= kMaxSessions) {
    return Status(Code::kLimitExceeded, "too many open sessions; close finished ones");
  }
  auto session = survey::Session::restore(found->definition, found->logic, *snap);
  if (!session.ok()) {
    const Status& st = session.status();
    return Status(st.code(), st.message(), "/snapshot" + st.path());
  }
  return open_session(std::move(session).value());
}

Result<Json> Engine::snapshot(const Json& args) {
  TESSERA_ASSIGN_OR_RETURN(FieldReader r, open_args(args));
  TESSERA_RETURN_IF_ERROR(r.reject_unknown({"sessionId"}));
  TESSERA_ASSIGN_OR_RETURN(survey::Session * session, find_session(r));
  return Json{{"snapshot", session->snapshot()}};
}

Result<Json> Engine::values(const Json& args) {
  TESSERA_ASSIGN_OR_RETURN(FieldReader r, open_args(args));
  TESSERA_RETURN_IF_ERROR(r.reject_unknown({"sessionId"}));
  TESSERA_ASSIGN_OR_RETURN(survey::Session * session, find_session(r));
  // What conditions read: the answers and the calculated values now.
  survey::ResponseRecord now = session->partial(0, "");
  return Json{{"answers", std::move(now.answers)}, {"calculated", std::move(now.calculated)}};
}

Result<Json> Engine::open_session(survey::Session session) {
  std::int64_t id = next_session_id_++;
  Json view = view_of(session);
  sessions_.emplace(id, std::move(session));
  return Json{{"sessionId", id}, {"view", std::move(view)}};
}

Result<const Engine::Survey*> Engine::find_survey(const std::string& survey_id) const {
  for (const auto& s : surveys_) {
    if (s.definition->id == survey_id) return &s;
  }
  return Status(Code::kNotFound, "no survey \"" + survey_id + "\"", "/surveyId");
}

Result<std::pair<survey::Session*, bool>> Engine::apply_answer(const Json& args) {
  TESSERA_ASSIGN_OR_RETURN(FieldReader r, open_args(args));
  TESSERA_RETURN_IF_ERROR(r.reject_unknown({"sessionId", "questionId", "value"}));
  TESSERA_ASSIGN_OR_RETURN(survey::Session * session, find_session(r));
  TESSERA_ASSIGN_OR_RETURN(std::string question_id, r.required_id("questionId"));
  const Json* value = r.find("value");
  if (value == nullptr) return Status(Code::kMissingField, "required field is missing", "/value");
  Status st = session->answer(question_id, *value);
  // A value out of range or too long is the respondent's to fix: it is shown
  // in the view. Anything else is a bug in the caller and fails the call.
  if (!st.ok() && !session->has_error(question_id)) return st;
  return std::make_pair(session, st.ok());
}

Result<Json> Engine::answer(const Json& args) {
  TESSERA_ASSIGN_OR_RETURN(auto applied, apply_answer(args));
  return Json{{"accepted", applied.second}, {"view", view_of(*applied.first)}};
}

std::string Engine::answer_envelope(const Json& args) {
  auto applied = apply_answer(args);
  if (!applied.ok()) return error_envelope(applied.status());
  survey::Session& session = *applied->first;
  const survey::SurveyDefinition& def = session.definition();
  // A goodwill offer rewrites the view (goodwill.cpp), so such surveys take
  // the general path; the cached text is the plain view.
  if (loyalty_ && def.recovery && def.recovery->goodwill_points > 0) {
    return ok_envelope(Json{{"accepted", applied->second}, {"view", view_of(session)}});
  }
  // The bytes of ok_envelope(answer(args)), with the view written from the
  // session's cached text: this runs on every answer of every respondent.
  return std::string("{\"ok\":true,\"value\":{\"accepted\":") +
         (applied->second ? "true" : "false") + ",\"view\":" + session.view_model_text() + "}}";
}

Result<Json> Engine::next(const Json& args) {
  TESSERA_ASSIGN_OR_RETURN(FieldReader r, open_args(args));
  TESSERA_RETURN_IF_ERROR(r.reject_unknown({"sessionId", "at", "entropy"}));
  TESSERA_ASSIGN_OR_RETURN(survey::Session * session, find_session(r));
  // With a time and 32 random bytes, a committed page also yields a sealed
  // partial record, so answers survive an abandoned survey.
  bool partial = r.has("entropy");
  std::int64_t at = 0;
  crypto::EphemeralSecret ephemeral{};
  if (partial) {
    TESSERA_ASSIGN_OR_RETURN(at, r.required_int("at", 0, kMaxEpochMs));
    TESSERA_ASSIGN_OR_RETURN(ephemeral, read_entropy<32>(r));
  }
  TESSERA_ASSIGN_OR_RETURN(bool moved, session->next());
  Json out = {{"moved", moved}, {"view", view_of(*session)}};
  if (moved && partial) {
    survey::ResponseRecord record = session->partial(at, partial_key(*session));
    TESSERA_ASSIGN_OR_RETURN(out["delivery"], delivery(record, ephemeral));
  }
  return out;
}

// A partial record's idempotency key: the response id with its last two
// bytes mixed with the commit count, so each committed page is one record
// and a resent one is recognised as a duplicate.
std::string Engine::partial_key(const survey::Session& session) {
  std::string key = session.snapshot()["responseId"].get<std::string>();
  std::size_t n = session.commits();
  static constexpr char kHex[] = "0123456789abcdef";
  for (std::size_t i = 0; i < 4; ++i) {
    char& c = key[key.size() - 1 - i];
    int digit = (c >= 'a' ? c - 'a' + 10 : c - '0') ^ static_cast<int>((n >> (4 * i)) & 0xF);
    c = kHex[digit];
  }
  return key;
}

Result<Json> Engine::delivery(const survey::ResponseRecord& record,
                              const crypto::EphemeralSecret& ephemeral) const {
  Json record_json = record.to_json();
  TESSERA_ASSIGN_OR_RETURN(crypto::Bytes sealed,
                           crypto::seal(dump_json(record_json), config_.public_key, ephemeral));
  Json body = {{"v", 1},
               {"site", config_.site},
               {"surveyId", record.survey_id},
               {"idempotencyKey", record.idempotency_key},
               {"kind", record.kind},
               {"sealed", crypto::base64_encode(sealed)}};
  return Json{{"endpoint", config_.endpoint}, {"body", std::move(body)}};
}

Result<Json> Engine::back(const Json& args) {
  TESSERA_ASSIGN_OR_RETURN(FieldReader r, open_args(args));
  TESSERA_RETURN_IF_ERROR(r.reject_unknown({"sessionId"}));
  TESSERA_ASSIGN_OR_RETURN(survey::Session * session, find_session(r));
  TESSERA_RETURN_IF_ERROR(session->back());
  return Json{{"view", view_of(*session)}};
}

Result<Json> Engine::complete(const Json& args) {
  TESSERA_ASSIGN_OR_RETURN(FieldReader r, open_args(args));
  TESSERA_RETURN_IF_ERROR(r.reject_unknown({"sessionId", "completedAt", "entropy"}));
  TESSERA_ASSIGN_OR_RETURN(survey::Session * session, find_session(r));
  TESSERA_ASSIGN_OR_RETURN(auto completed_at, r.required_int("completedAt", 0, kMaxEpochMs));
  // 32 fresh random bytes from the caller: the sealed box's ephemeral secret.
  TESSERA_ASSIGN_OR_RETURN(auto ephemeral, read_entropy<32>(r));
  if (!session->on_last_page()) {
    return Status(Code::kFailedPrecondition, "pages remain; call survey.next first");
  }
  auto record = session->complete(completed_at);
  if (!record.ok()) {
    if (record.status().code() != Code::kFailedPrecondition ||
        session->state() != survey::SessionState::kInProgress) {
      return record.status();
    }
    return Json{{"completed", false}, {"view", view_of(*session)}};
  }
  // A goodwill offer becomes a loyalty claim, noted in the sealed record.
  TESSERA_ASSIGN_OR_RETURN(Json goodwill, claim_goodwill(*session, *record));
  TESSERA_ASSIGN_OR_RETURN(Json out_delivery, delivery(*record, ephemeral));
  Json out = {{"completed", true},
              {"view", view_of(*session)},
              {"record", record->to_json()},
              {"delivery", std::move(out_delivery)}};
  if (!goodwill.is_null()) out["goodwill"] = std::move(goodwill);
  return out;
}

Result<Json> Engine::dismiss(const Json& args) {
  TESSERA_ASSIGN_OR_RETURN(FieldReader r, open_args(args));
  TESSERA_RETURN_IF_ERROR(r.reject_unknown({"sessionId"}));
  TESSERA_ASSIGN_OR_RETURN(survey::Session * session, find_session(r));
  TESSERA_RETURN_IF_ERROR(session->dismiss());
  return Json{{"view", view_of(*session)}};
}

Result<Json> Engine::close(const Json& args) {
  TESSERA_ASSIGN_OR_RETURN(FieldReader r, open_args(args));
  TESSERA_RETURN_IF_ERROR(r.reject_unknown({"sessionId"}));
  TESSERA_ASSIGN_OR_RETURN(survey::Session * session, find_session(r));
  (void)session;
  sessions_.erase(args["sessionId"].get<std::int64_t>());
  return Json{{"closed", true}};
}

Result<Json> Engine::site_info() const {
  Json surveys = Json::array();
  for (const auto& s : surveys_) {
    surveys.push_back({{"id", s.definition->id},
                       {"version", s.definition->version},
                       {"questions", s.definition->question_count()},
                       {"pages", s.definition->pages.size()}});
  }
  return Json{{"site", config_.site}, {"endpoint", config_.endpoint}, {"surveys", surveys}};
}

}  // namespace tessera::engine
