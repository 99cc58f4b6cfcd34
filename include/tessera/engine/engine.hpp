// The engine: the one object the wasm bindings (and native tools) talk to.
// One Engine per site config; it wires the modules together and exposes
// them as coarse calls: JSON arguments in, a JSON envelope out.
//
//   auto engine = Engine::create(site_config_json);   // Result<Engine>
//   std::string out = engine->call("survey.start",
//       R"({"surveyId":"post-purchase","locale":"en","startedAt":1700000000000})");
//   // {"ok":true,"value":{"sessionId":1,"view":{...}}}
//   // or {"ok":false,"error":{"code":"not_found","message":"...","path":"/surveyId"}}
//
// Calls are listed in docs/engine-api.md. The envelope is the only error
// shape that crosses into JS; web/src/core.js turns it into TesseraError.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tessera/common/json.hpp"
#include "tessera/crypto/seal.hpp"
#include "tessera/engine/personalization.hpp"
#include "tessera/survey/definition.hpp"
#include "tessera/survey/logic.hpp"
#include "tessera/survey/session.hpp"
#include "tessera/trigger/trigger.hpp"

namespace tessera::engine {

// The merchant's site config: who they are, where answers go, the key they
// are sealed to, and the surveys.
struct SiteConfig {
  std::string site;      // site id, routes records at the collector
  std::string endpoint;  // where sealed records are POSTed
  crypto::PublicKey public_key{};
  std::vector<std::shared_ptr<const survey::SurveyDefinition>> surveys;
  // Optional {program: signed program, signingKey: base64 Ed25519 public
  // key}; checked (signature, rules, conditions) by Engine::create.
  Json loyalty;
  std::shared_ptr<const PersonalizationConfig> personalization;  // null when absent
  // Days to wait after any survey was shown before showing another (0 = no
  // wait); a survey's trigger may override it. See docs/triggers.md.
  std::int64_t recontact_days = 0;
  // The surveys that have a `trigger` section, in config order.
  std::vector<std::pair<std::string, trigger::SurveyTrigger>> triggers;
};

struct LoyaltyState;  // src/engine/loyalty_state.hpp

Result<SiteConfig> parse_site_config(const Json& value);

class Engine {
 public:
  static Result<Engine> create(std::string_view site_config_json);

  // Runs one call and returns its envelope. Never throws, never aborts on
  // bad input: every failure is an error envelope.
  std::string call(std::string_view method, std::string_view args_json);

  // The same, without the JSON text round trip (native callers, tests).
  Result<Json> dispatch(std::string_view method, const Json& args);

  const SiteConfig& config() const { return config_; }

  // At most this many open sessions; a page never needs more, and a bound
  // keeps a buggy host page from growing memory without end.
  static constexpr std::size_t kMaxSessions = 64;

 private:
  explicit Engine(SiteConfig config) : config_(std::move(config)) {}

  // A survey definition with its compiled logic.
  struct Survey {
    std::shared_ptr<const survey::SurveyDefinition> definition;
    std::shared_ptr<const survey::SurveyLogic> logic;
  };

  Result<Json> start_survey(const Json& args);
  Result<Json> resume_survey(const Json& args);
  Result<Json> snapshot(const Json& args);
  Result<Json> values(const Json& args);
  Result<Json> open_session(survey::Session session);
  Result<const Survey*> find_survey(const std::string& survey_id) const;
  Result<Json> delivery(const survey::ResponseRecord& record,
                        const crypto::EphemeralSecret& ephemeral) const;
  static std::string partial_key(const survey::Session& session);
  Result<Json> answer(const Json& args);
  // survey.answer's checks and effect: the session and whether the value
  // was accepted; answer_envelope() is call()'s faster path for the same.
  Result<std::pair<survey::Session*, bool>> apply_answer(const Json& args);
  std::string answer_envelope(const Json& args);
  Result<Json> next(const Json& args);
  Result<Json> back(const Json& args);
  Result<Json> complete(const Json& args);
  Result<Json> dismiss(const Json& args);
  Result<Json> close(const Json& args);
  Result<Json> site_info() const;
  // "trigger.*" calls, in src/engine/trigger_calls.cpp.
  Result<Json> trigger_call(std::string_view method, const Json& args) const;
  Result<survey::Session*> find_session(const FieldReader& args);
  // loyalty.* calls (loyalty_calls.cpp, docs/engine-api.md).
  Status init_loyalty();
  Result<Json> loyalty_call(std::string_view method, const Json& args);
  // personal.* and privacy.* calls: src/engine/personal_calls.cpp.
  Result<Json> personal_call(std::string_view method, const Json& args);
  // A session's view model, with the goodwill offer of a recovery page
  // when the site has a loyalty program (src/engine/goodwill.cpp).
  Json view_of(const survey::Session& session) const;
  // Points the loyalty program would give the survey's goodwill event at
  // `at`; 0 without an offer or a program.
  Result<std::int64_t> goodwill_offer(const survey::Session& session, std::int64_t at) const;
  // On completion: records the offer as a loyalty claim and in the record's
  // followUp; returns {points, status, event} or null when nothing is offered.
  Result<Json> claim_goodwill(const survey::Session& session, survey::ResponseRecord& record);
  // survey.importSurveyJS: src/engine/surveyjs_calls.cpp.
  static Result<Json> import_surveyjs_call(const Json& args);
  // score.* calls: src/engine/score_calls.cpp.
  Result<Json> score_call(std::string_view method, const Json& args) const;
  Result<Json> summarize_call(const Json& args) const;
  // personal.rank's value as JSON text (src/engine/personal_rank.cpp).
  Result<std::string> personal_rank(const Json& args);

  SiteConfig config_;
  std::vector<Survey> surveys_;
  std::map<std::int64_t, survey::Session> sessions_;
  std::int64_t next_session_id_ = 1;
  std::shared_ptr<LoyaltyState> loyalty_;  // null: the site has no loyalty section
  personal::Profile profile_;              // between personal.open and personal.forget
  // Offers set by personal.setCandidates; null: the config's.
  std::shared_ptr<const OfferSet> offers_;
};

// {"ok":true,"value":value} / {"ok":false,"error":{code,message,path}}.
std::string ok_envelope(const Json& value);
std::string error_envelope(const Status& status);

}  // namespace tessera::engine
