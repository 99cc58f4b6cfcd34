// Ledger queries at a time `now`: balance, expiring batches, history,
// preview. Nothing here changes the ledger; time-driven changes after the
// last event are computed on the fly: balance() from the running totals
// and the few lots that expire or wait by `now`; expiring() and history()
// from the live lots (those after spend_cursor_), so no query costs the
// ledger's whole history.
#include <algorithm>
#include <cassert>

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
  std::int64_t live = remaining_total();
  if (idle_deadline(program_, last_activity_) <= now) {
    b.expired += live;
    return b;
  }
  // Every live point is approved but those expiring by `now` (lots expire
  // in creation order, so they are the ones from expire_cursor_ on whose
  // date has come) and those still pending (all in pending_, which only
  // drops lots approved or empty before as_of()). So the answer costs what
  // expires or waits, not every live lot.
  std::int64_t expired = 0;
  for (std::size_t l = expire_cursor_; l < lots_.size() && lots_[l].expires_at <= now; ++l) {
    expired += lots_[l].remaining;
  }
  std::int64_t pending = 0;
  for (int l : pending_) {
    const Lot& lot = lots_[l];
    if (lot.pending_until > now && lot.expires_at > now) pending += lot.remaining;
  }
  b.expired += expired;
  b.pending = pending;
  b.approved = live - expired - pending;
#ifndef NDEBUG
  // The full scan this replaces, as a check in debug builds (tests).
  Balance scan;
  for (std::size_t l = spend_cursor_; l < lots_.size(); ++l) {
    const Lot& lot = lots_[l];
    if (lot.remaining == 0) continue;
    if (lot.expires_at <= now) {
      scan.expired += lot.remaining;
    } else if (lot.pending_until > now) {
      scan.pending += lot.remaining;
    } else {
      scan.approved += lot.remaining;
    }
  }
  assert(scan.expired == expired && scan.pending == pending && scan.approved == b.approved);
#endif
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
  MemberFacts member;
  EarnInput in = earn_input(e, compute_day_facts(e.at), room, member);
  in.tier = tier_index_at(e.at);
  in.explain = true;
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
