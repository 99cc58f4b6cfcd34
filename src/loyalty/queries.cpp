// Ledger queries at a time `now`: balance, expiring batches, history,
// preview. Nothing here changes the ledger; time-driven changes after the
// last event are computed on the fly from the live lots (those after
// spend_cursor_), which keeps a query on a large ledger proportional to
// the points still alive rather than to its history.
#include <algorithm>

#include "tessera/loyalty/ledger.hpp"

namespace tessera::loyalty {
namespace {

std::int64_t idle_deadline(const Program& p, std::int64_t last_activity) {
  if (p.expiry.kind != ExpiryKind::kInactivity || last_activity == kNever) return kNever;
  return last_activity + p.expiry.days * kMsPerDay;
}

}  // namespace

Balance Ledger::balance(std::int64_t now) const {
  now = std::max(now, as_of_);
  Balance b;
  b.spent = totals_.spent;
  b.expired = totals_.expired;
  b.lifetime_earned = totals_.earned;
  b.refunded = totals_.refunded;
  b.adjusted = totals_.adjusted_in - totals_.adjusted_out;
  b.shortfall = totals_.shortfall;
  bool idle = idle_deadline(program_, last_activity_) <= now;
  for (std::size_t l = spend_cursor_; l < lots_.size(); ++l) {
    const Lot& lot = lots_[l];
    if (lot.remaining == 0) continue;
    if (idle || lot.expires_at <= now) {
      b.expired += lot.remaining;
    } else if (lot.pending_until > now) {
      b.pending += lot.remaining;
    } else {
      b.approved += lot.remaining;
    }
  }
  return b;
}

std::vector<ExpiringBatch> Ledger::expiring(std::int64_t now) const {
  now = std::max(now, as_of_);
  std::vector<ExpiringBatch> out;
  std::int64_t idle = idle_deadline(program_, last_activity_);
  if (idle <= now) return out;
  for (std::size_t l = spend_cursor_; l < lots_.size(); ++l) {
    const Lot& lot = lots_[l];
    std::int64_t at = std::min(lot.expires_at, idle);
    if (lot.remaining == 0 || at <= now || at == kNever) continue;
    if (!out.empty() && out.back().expires_at == at) {
      out.back().points += lot.remaining;
    } else {
      out.push_back({at, lot.remaining});
    }
  }
  return out;
}

std::vector<Entry> Ledger::history(std::int64_t now) const {
  now = std::max(now, as_of_);
  std::vector<Entry> out = entries_;
  std::int64_t idle = idle_deadline(program_, last_activity_);
  for (std::size_t l = spend_cursor_; l < lots_.size(); ++l) {
    const Lot& lot = lots_[l];
    std::int64_t at = std::min(lot.expires_at, idle);
    if (lot.remaining == 0 || at > now) continue;
    Entry e;
    e.kind = EntryKind::kExpire;
    e.at = at;
    e.points = -lot.remaining;
    e.lot = static_cast<int>(l);
    e.event = lot.event;
    out.push_back(e);
  }
  std::stable_sort(out.begin() + static_cast<std::ptrdiff_t>(entries_.size()), out.end(),
                   [](const Entry& a, const Entry& b) { return a.at < b.at; });
  return out;
}

int Ledger::tier_index_at(std::int64_t now) const {
  if (!program_.tiers.enabled) return 0;
  int i = program_.tier_index(tier(now).tier);
  return i < 0 ? 0 : i;
}

Result<Preview> Ledger::preview(const Event& cart, std::int64_t now) const {
  if (cart.kind != EventKind::kPurchase && cart.kind != EventKind::kCustom) {
    return Status(Code::kInvalidValue, "preview takes a purchase or a named event", "/type");
  }
  Event e = cart;
  e.at = std::max(now, as_of_);
  if (e.key.empty()) e.key = "preview";
  TESSERA_RETURN_IF_ERROR(validate(e));
  std::vector<std::int64_t> room;
  Json member;
  EarnInput in;
  in.at = e.at;
  in.tier = tier_index_at(e.at);
  in.explain = true;
  if (any_caps_) {
    cap_room_at(e.at, room);
    in.cap_room = &room;
  }
  if (any_conditions_) {
    member = member_context();
    in.conditions = &conditions_;
    in.member = &member;
  }
  Preview p;
  TESSERA_RETURN_IF_ERROR(compute_earning(program_, e, in, p.rules));
  for (const RuleEarning& r : p.rules) {
    TESSERA_RETURN_IF_ERROR(checked_add(p.total, r.points, p.total, ""));
  }
  return p;
}

std::string Ledger::reason(const Entry& entry) const {
  switch (entry.kind) {
    case EntryKind::kEarn:
      return "earned: " + program_.rules[entry.rule].label;
    case EntryKind::kRedeem:
      return "redeemed: " + program_.rewards[entry.reward].name;
    case EntryKind::kRefund: {
      std::string s = "refund of order " + events_[entry.event].order_id;
      if (entry.forgiven > 0) s += "; " + std::to_string(entry.forgiven) + " had already expired";
      if (entry.shortfall > 0) {
        s += "; " + std::to_string(entry.shortfall) + " already spent and not recoverable";
      }
      return s;
    }
    case EntryKind::kExpire:
      return program_.expiry.kind == ExpiryKind::kInactivity ? "expired: inactivity" : "expired";
    case EntryKind::kAdjust:
      return "adjusted: " + events_[entry.event].reason;
  }
  return "";
}

}  // namespace tessera::loyalty
