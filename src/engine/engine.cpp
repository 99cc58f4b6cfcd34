// Engine call dispatch; see tessera/engine/engine.hpp and docs/engine-api.md.
#include "tessera/engine/engine.hpp"

#include "tessera/crypto/encoding.hpp"
#include "tessera/score/nps.hpp"

namespace tessera::engine {
namespace {

// Largest epoch-millisecond value accepted (year 9999): keeps arithmetic on
// times far from overflow.
constexpr std::int64_t kMaxEpochMs = 253402300799999;

Result<FieldReader> open_args(const Json& args) {
  TESSERA_RETURN_IF_ERROR(expect_object(args, ""));
  return FieldReader(args, "");
}

}  // namespace

std::string ok_envelope(const Json& value) {
  return dump_json(Json{{"ok", true}, {"value", value}});
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
  return Engine(std::move(config));
}

std::string Engine::call(std::string_view method, std::string_view args_json) {
  auto args = parse_json(args_json, {1u << 20, 16});
  if (!args.ok()) return error_envelope(args.status());
  auto result = dispatch(method, *args);
  return result.ok() ? ok_envelope(*result) : error_envelope(result.status());
}

Result<Json> Engine::dispatch(std::string_view method, const Json& args) {
  if (method == "survey.start") return start_survey(args);
  if (method == "survey.answer") return answer(args);
  if (method == "survey.next") return next(args);
  if (method == "survey.back") return back(args);
  if (method == "survey.complete") return complete(args);
  if (method == "survey.dismiss") return dismiss(args);
  if (method == "survey.close") return close(args);
  if (method == "site.info") return site_info();
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
  TESSERA_RETURN_IF_ERROR(r.reject_unknown({"surveyId", "locale", "startedAt"}));
  TESSERA_ASSIGN_OR_RETURN(std::string survey_id, r.required_id("surveyId"));
  survey::SessionStart start;
  TESSERA_ASSIGN_OR_RETURN(start.locale, r.optional_string("locale", "en", 35));
  TESSERA_ASSIGN_OR_RETURN(start.started_at_ms, r.required_int("startedAt", 0, kMaxEpochMs));
  std::shared_ptr<const survey::SurveyDefinition> def;
  for (const auto& s : config_.surveys) {
    if (s->id == survey_id) def = s;
  }
  if (!def) return Status(Code::kNotFound, "no survey \"" + survey_id + "\"", "/surveyId");
  if (sessions_.size() >= kMaxSessions) {
    return Status(Code::kLimitExceeded, "too many open sessions; close finished ones");
  }
  TESSERA_ASSIGN_OR_RETURN(survey::Session session, survey::Session::start(def, start));
  std::int64_t id = next_session_id_++;
  Json view = session.view_model();
  sessions_.emplace(id, std::move(session));
  return Json{{"sessionId", id}, {"view", std::move(view)}};
}

Result<Json> Engine::answer(const Json& args) {
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
  return Json{{"accepted", st.ok()}, {"view", session->view_model()}};
}

Result<Json> Engine::next(const Json& args) {
  TESSERA_ASSIGN_OR_RETURN(FieldReader r, open_args(args));
  TESSERA_RETURN_IF_ERROR(r.reject_unknown({"sessionId"}));
  TESSERA_ASSIGN_OR_RETURN(survey::Session * session, find_session(r));
  bool last = session->page_index() + 1 >= session->definition().pages.size();
  if (last) return Status(Code::kFailedPrecondition, "this is the last page; call survey.complete");
  Status st = session->next();
  if (!st.ok() && st.code() != Code::kFailedPrecondition) return st;
  return Json{{"moved", st.ok()}, {"view", session->view_model()}};
}

Result<Json> Engine::back(const Json& args) {
  TESSERA_ASSIGN_OR_RETURN(FieldReader r, open_args(args));
  TESSERA_RETURN_IF_ERROR(r.reject_unknown({"sessionId"}));
  TESSERA_ASSIGN_OR_RETURN(survey::Session * session, find_session(r));
  TESSERA_RETURN_IF_ERROR(session->back());
  return Json{{"view", session->view_model()}};
}

Result<Json> Engine::complete(const Json& args) {
  TESSERA_ASSIGN_OR_RETURN(FieldReader r, open_args(args));
  TESSERA_RETURN_IF_ERROR(r.reject_unknown({"sessionId", "completedAt", "entropy"}));
  TESSERA_ASSIGN_OR_RETURN(survey::Session * session, find_session(r));
  TESSERA_ASSIGN_OR_RETURN(auto completed_at, r.required_int("completedAt", 0, kMaxEpochMs));
  // 48 fresh random bytes from the caller: 16 for the idempotency key, 32
  // for the sealed box's ephemeral secret.
  TESSERA_ASSIGN_OR_RETURN(std::string entropy_hex, r.required_string("entropy", 96));
  TESSERA_ASSIGN_OR_RETURN(crypto::Bytes entropy, crypto::hex_decode(entropy_hex, "/entropy"));
  if (entropy.size() != 48) {
    return Status(Code::kInvalidValue, "expected 48 random bytes as 96 hex digits", "/entropy");
  }
  std::array<std::uint8_t, 16> key_bytes{};
  crypto::EphemeralSecret ephemeral{};
  std::copy(entropy.begin(), entropy.begin() + 16, key_bytes.begin());
  std::copy(entropy.begin() + 16, entropy.end(), ephemeral.begin());

  if (session->page_index() + 1 < session->definition().pages.size()) {
    return Status(Code::kFailedPrecondition, "pages remain; call survey.next first");
  }
  auto record = session->complete(completed_at, key_bytes);
  if (!record.ok()) {
    if (record.status().code() != Code::kFailedPrecondition ||
        session->state() != survey::SessionState::kInProgress) {
      return record.status();
    }
    return Json{{"completed", false}, {"view", session->view_model()}};
  }
  Json record_json = record->to_json();
  TESSERA_ASSIGN_OR_RETURN(crypto::Bytes sealed,
                           crypto::seal(dump_json(record_json), config_.public_key, ephemeral));
  Json body = {{"v", 1},
               {"site", config_.site},
               {"surveyId", record->survey_id},
               {"idempotencyKey", record->idempotency_key},
               {"kind", "final"},
               {"sealed", crypto::base64_encode(sealed)}};
  return Json{{"completed", true},
              {"view", session->view_model()},
              {"record", std::move(record_json)},
              {"delivery", {{"endpoint", config_.endpoint}, {"body", std::move(body)}}}};
}

Result<Json> Engine::dismiss(const Json& args) {
  TESSERA_ASSIGN_OR_RETURN(FieldReader r, open_args(args));
  TESSERA_RETURN_IF_ERROR(r.reject_unknown({"sessionId"}));
  TESSERA_ASSIGN_OR_RETURN(survey::Session * session, find_session(r));
  TESSERA_RETURN_IF_ERROR(session->dismiss());
  return Json{{"view", session->view_model()}};
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
  for (const auto& s : config_.surveys) {
    surveys.push_back({{"id", s->id},
                       {"version", s->version},
                       {"questions", s->question_count()},
                       {"pages", s->pages.size()}});
  }
  return Json{{"site", config_.site}, {"endpoint", config_.endpoint}, {"surveys", surveys}};
}

}  // namespace tessera::engine
