// Goodwill points in service recovery (issue 3, "Closed loop"): when a
// survey's recovery step offers goodwill and the site has a loyalty program,
// the program decides how many points the goodwill event earns (its rules,
// caps and conditions, as loyalty.preview would say), the recovery page
// shows that offer, and completing the survey records it as a *claim*: a
// browser-side event that counts for nothing until the merchant's server,
// re-running the same rules, signs a grant with the same key (docs/loyalty.md,
// "Trust"). Without a loyalty program the survey's own goodwillPoints are
// reported in the record's followUp, as before.
#include "loyalty_state.hpp"
#include "tessera/engine/engine.hpp"
#include "tessera/loyalty/event.hpp"
#include "tessera/survey/strings.hpp"

namespace tessera::engine {
namespace {

// The claim's idempotency key: one goodwill claim per response, so a
// resent completion never claims twice.
std::string claim_key(const std::string& response_id) { return "goodwill-" + response_id; }

}  // namespace

Result<std::int64_t> Engine::goodwill_offer(const survey::Session& session, std::int64_t at) const {
  const survey::SurveyDefinition& def = session.definition();
  if (!loyalty_ || !def.recovery || def.recovery->goodwill_points <= 0) return 0;
  const LoyaltyState& s = *loyalty_;
  Json event = {{"type", "event"},
                {"key", "goodwill-preview"},
                {"at", std::max(at, s.ledger->as_of())},
                {"name", def.recovery->goodwill_event},
                {"attributes", {{"surveyId", def.id}, {"offered", def.recovery->goodwill_points}}}};
  TESSERA_ASSIGN_OR_RETURN(loyalty::Event e, loyalty::parse_event_json(event, "/goodwill"));
  TESSERA_ASSIGN_OR_RETURN(loyalty::Preview preview, s.ledger->preview(e, at));
  return std::max<std::int64_t>(0, preview.total);
}

Json Engine::view_of(const survey::Session& session) const {
  Json view = session.view_model();
  const survey::SurveyDefinition& def = session.definition();
  if (!loyalty_ || !def.recovery || def.recovery->goodwill_points <= 0 ||
      view["page"]["id"] != "recovery" || session.state() != survey::SessionState::kInProgress) {
    return view;
  }
  std::int64_t started = session.snapshot()["startedAt"].get<std::int64_t>();
  auto offer = goodwill_offer(session, started);
  std::int64_t points = offer.ok() ? *offer : 0;
  if (points <= 0) {
    // The program offers nothing now (a cap reached, a condition not met):
    // the merchant's goodwill text must not promise points either.
    Json& questions = view["questions"];
    for (auto it = questions.begin(); it != questions.end(); ++it) {
      if ((*it)["id"] == "recovery_goodwill") {
        questions.erase(it);
        break;
      }
    }
    return view;
  }
  std::string locale = view["locale"].get<std::string>();
  view["goodwill"] = {
      {"points", points},
      {"status", "claim"},
      {"text", survey::format_count(survey::ui_text(locale, survey::Msg::kGoodwillOffer), points)}};
  return view;
}

Result<Json> Engine::claim_goodwill(const survey::Session& session,
                                    survey::ResponseRecord& record) {
  const survey::SurveyDefinition& def = session.definition();
  if (!loyalty_ || !def.recovery || def.recovery->goodwill_points <= 0 ||
      !record.follow_up.is_object() || record.follow_up["needed"] != true) {
    return Json();
  }
  TESSERA_ASSIGN_OR_RETURN(std::int64_t points, goodwill_offer(session, record.completed_at_ms));
  record.follow_up["goodwillPoints"] = points;
  if (points <= 0) return Json();
  Json claim = {{"type", "event"},
                {"key", claim_key(record.response_id)},
                {"at", record.completed_at_ms},
                {"name", def.recovery->goodwill_event},
                {"attributes", {{"surveyId", def.id}, {"responseId", record.response_id}}}};
  // The same checks loyalty.claim makes; a claim of a response already
  // claimed (a resent completion) changes nothing.
  TESSERA_ASSIGN_OR_RETURN(loyalty::Event e, loyalty::parse_event_json(claim, "/goodwill"));
  LoyaltyState& s = *loyalty_;
  if (s.claim_keys.insert(e.key).second) s.append("claim", claim, e.key);
  record.follow_up["goodwillClaim"] = e.key;
  return Json{{"points", points},
              {"status", s.grant_keys.count(e.key) != 0 ? "confirmed" : "claim"},
              {"event", std::move(claim)}};
}

}  // namespace tessera::engine
