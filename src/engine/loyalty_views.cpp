// The loyalty.state view: the confirmed state (signed grants only) plus what
// the member's unconfirmed claims would add, ready for <tessera-badge>.
#include "loyalty_state.hpp"
#include "tessera/engine/engine.hpp"

namespace tessera::engine {
namespace {

std::int64_t holding(const loyalty::Balance& b) { return b.approved + b.pending; }

// Progress bar bounds: from the current tier's threshold to the next one's,
// so the bar shows the way to the next tier, not to the top.
Json tier_view(const loyalty::Program& program, const loyalty::TierProgress& t) {
  Json out = loyalty::to_json(t);
  if (!t.enabled) return out;
  Json levels = Json::array();
  std::int64_t min = 0;
  std::int64_t max = 0;
  for (std::size_t i = 0; i < program.tiers.tiers.size(); ++i) {
    const loyalty::Tier& tier = program.tiers.tiers[i];
    levels.push_back(Json{{"id", tier.id}, {"name", tier.name}, {"threshold", tier.threshold}});
    if (tier.id == t.tier) min = tier.threshold;
    if (tier.id == t.next_tier) max = tier.threshold;
  }
  out["levels"] = std::move(levels);
  if (t.next_tier.empty()) {
    out["progress"] = Json{{"min", min}, {"max", min}, {"value", min}, {"top", true}};
  } else {
    std::int64_t value = std::min(std::max(t.value, min), max);
    out["progress"] = Json{{"min", min}, {"max", max}, {"value", value}, {"top", false}};
  }
  return out;
}

}  // namespace

Json loyalty_state_view(const LoyaltyState& s, std::int64_t now) {
  const loyalty::Ledger& ledger = *s.ledger;
  now = std::max(now, ledger.as_of());
  loyalty::Balance balance = ledger.balance(now);
  Json out = Json::object();
  out["program"] = Json{{"id", s.program->id},
                        {"currency", s.program->currency.code},
                        {"minorUnits", s.program->currency.minor_units}};
  out["now"] = now;
  out["asOf"] = ledger.as_of();
  out["points"] = balance.approved;
  out["pending"] = balance.pending;
  out["balance"] = loyalty::to_json(balance);
  Json expiring = Json::array();
  for (const auto& b : ledger.expiring(now)) expiring.push_back(loyalty::to_json(b));
  out["expiring"] = std::move(expiring);
  out["tier"] = tier_view(*s.program, ledger.tier(now));
  Json badges = Json::array();
  std::vector<loyalty::BadgeStatus> confirmed_badges = ledger.badges(now);
  for (const auto& b : confirmed_badges) {
    Json j = loyalty::to_json(b);
    j["earned"] = b.awards > 0;
    badges.push_back(std::move(j));
  }
  out["badges"] = std::move(badges);
  out["rejected"] = ledger.rejections().size();

  // Claims the merchant has not yet confirmed with a signed grant of the
  // same key: shown apart, never mixed into the confirmed numbers.
  std::vector<loyalty::Event> claims;
  Json pending_claims = Json::array();
  for (const StoredEntry& e : s.entries) {
    if (e.kind != "claim" || s.grant_keys.count(e.key) != 0) continue;
    auto ev = loyalty::parse_event_json(e.doc, "");
    if (!ev.ok()) continue;  // checked when stored
    pending_claims.push_back(Json{{"key", ev->key}, {"name", ev->name}, {"at", ev->at}});
    claims.push_back(std::move(ev).value());
  }
  Json claimed = {{"events", std::move(pending_claims)}, {"points", 0}, {"badges", Json::array()}};
  if (!claims.empty()) {
    loyalty::Ledger provisional = ledger;
    provisional.add(std::move(claims));
    std::int64_t at = std::max(now, provisional.as_of());
    claimed["points"] = holding(provisional.balance(at)) - holding(balance);
    std::vector<loyalty::BadgeStatus> with_claims = provisional.badges(at);
    for (std::size_t i = 0; i < with_claims.size() && i < confirmed_badges.size(); ++i) {
      if (with_claims[i].awards > confirmed_badges[i].awards) {
        claimed["badges"].push_back(with_claims[i].id);
      }
    }
  }
  out["claims"] = std::move(claimed);
  return out;
}

}  // namespace tessera::engine
