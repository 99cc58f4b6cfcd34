// Deterministic JSON of query answers (dump_json sorts keys). Times are
// given as epoch ms and, for people, as ISO UTC strings; kNever is null.
#include "tessera/loyalty/ledger.hpp"

namespace tessera::loyalty {
namespace {

Json time_json(std::int64_t t) { return t == kNever ? Json(nullptr) : Json(t); }

}  // namespace

std::string_view entry_kind_name(EntryKind k) {
  switch (k) {
    case EntryKind::kEarn:
      return "earn";
    case EntryKind::kRedeem:
      return "redeem";
    case EntryKind::kRefund:
      return "refund";
    case EntryKind::kExpire:
      return "expire";
    case EntryKind::kAdjust:
      return "adjust";
  }
  return "earn";
}

Json to_json(const Balance& b) {
  return Json{{"pending", b.pending},
              {"approved", b.approved},
              {"spent", b.spent},
              {"expired", b.expired},
              {"lifetimeEarned", b.lifetime_earned},
              {"refunded", b.refunded},
              {"adjusted", b.adjusted},
              {"shortfall", b.shortfall}};
}

Json to_json(const ExpiringBatch& b) {
  return Json{
      {"expiresAt", b.expires_at}, {"date", format_timestamp(b.expires_at)}, {"points", b.points}};
}

Json to_json(const TierProgress& t) {
  if (!t.enabled) return Json{{"enabled", false}};
  return Json{{"enabled", true},
              {"tier", t.tier},
              {"name", t.name},
              {"since", t.since},
              {"basis", t.basis},
              {"value", t.value},
              {"nextTier", t.next_tier.empty() ? Json(nullptr) : Json(t.next_tier)},
              {"toNext", t.to_next},
              {"toKeep", t.to_keep},
              {"nextEvaluation", time_json(t.next_evaluation)}};
}

Json to_json(const BadgeStatus& b) {
  return Json{{"id", b.id},
              {"name", b.name},
              {"awards", b.awards},
              {"firstAward", time_json(b.first_award)},
              {"lastAward", time_json(b.last_award)},
              {"progress", b.progress},
              {"target", b.target}};
}

Json to_json(const Preview& p, const Program& program) {
  Json rules = Json::array();
  for (const RuleEarning& r : p.rules) {
    const EarningRule& rule = program.rules[r.rule];
    rules.push_back(Json{{"rule", rule.id},
                         {"kind", std::string(rule_kind_name(rule.kind))},
                         {"points", r.points},
                         {"uncapped", r.uncapped},
                         {"eligibleMinor", r.eligible_minor},
                         {"verdict", std::string(verdict_name(r.verdict))},
                         {"why", r.why}});
  }
  return Json{{"total", p.total}, {"rules", std::move(rules)}};
}

Json to_json(const Ledger& ledger, std::int64_t now) {
  Json out = Json::object();
  out["asOf"] = ledger.as_of();
  out["now"] = now;
  out["balance"] = to_json(ledger.balance(now));
  Json expiring = Json::array();
  for (const ExpiringBatch& b : ledger.expiring(now)) expiring.push_back(to_json(b));
  out["expiring"] = std::move(expiring);
  out["tier"] = to_json(ledger.tier(now));
  Json badges = Json::array();
  for (const BadgeStatus& b : ledger.badges(now)) badges.push_back(to_json(b));
  out["badges"] = std::move(badges);
  Json history = Json::array();
  for (const Entry& e : ledger.history(now)) {
    Json j{{"kind", std::string(entry_kind_name(e.kind))},
           {"at", e.at},
           {"points", e.points},
           {"reason", ledger.reason(e)},
           {"source", e.event >= 0 ? Json(ledger.events()[e.event].key) : Json(nullptr)}};
    if (e.kind == EntryKind::kEarn) {
      j["rule"] = ledger.program().rules[e.rule].id;
      j["pendingUntil"] = e.pending_until;
      j["expiresAt"] = time_json(e.expires_at);
    }
    if (e.kind == EntryKind::kEarn && e.event >= 0 &&
        ledger.events()[e.event].kind == EventKind::kAdjust) {
      j.erase("rule");
    }
    if (e.kind == EntryKind::kRefund) {
      j["shortfall"] = e.shortfall;
      j["forgiven"] = e.forgiven;
    }
    history.push_back(std::move(j));
  }
  out["history"] = std::move(history);
  Json rejected = Json::array();
  for (const Rejection& r : ledger.rejections()) {
    rejected.push_back(Json{{"key", r.key},
                            {"at", r.at},
                            {"code", std::string(code_name(r.status.code()))},
                            {"path", r.status.path()},
                            {"reason", r.status.message()}});
  }
  out["rejected"] = std::move(rejected);
  return out;
}

}  // namespace tessera::loyalty
