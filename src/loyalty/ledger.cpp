// Ledger replay: event order, idempotency, late events and the passage of
// time (expiry, inactivity, tier evaluations); see tessera/loyalty/ledger.hpp.
// Applying each kind of event lives in ledger_apply.cpp.
#include <algorithm>
#include <tuple>

#include "tessera/loyalty/ledger.hpp"

namespace tessera::loyalty {
namespace {

bool event_before(const Event& a, const Event& b) {
  return std::tie(a.at, a.key, a.fingerprint) < std::tie(b.at, b.key, b.fingerprint);
}

bool rejection_before(const Rejection& a, const Rejection& b) {
  return std::tie(a.at, a.key, a.status.message()) < std::tie(b.at, b.key, b.status.message());
}

}  // namespace

Ledger::Ledger(Program program, ConditionEvaluator conditions)
    : program_(std::move(program)), conditions_(std::move(conditions)) {
  clock_.offset_minutes = program_.utc_offset_minutes;
  for (const EarningRule& r : program_.rules) {
    any_caps_ = any_caps_ || !r.caps.empty();
    any_conditions_ = any_conditions_ || !r.condition.empty();
  }
  any_conditions_ = any_conditions_ && static_cast<bool>(conditions_);
}

Ledger Ledger::replay(Program program, std::vector<Event> events, ConditionEvaluator conditions) {
  Ledger ledger(std::move(program), std::move(conditions));
  ledger.rebuild();
  ledger.add(std::move(events));
  return ledger;
}

void Ledger::add(std::vector<Event> incoming) {
  std::sort(incoming.begin(), incoming.end(), event_before);
  bool rebuild_needed = false;
  std::vector<int> in_order;
  for (Event& e : incoming) {
    auto it = key_index_.find(e.key);
    if (it != key_index_.end()) {
      // Same key: the smaller (at, fingerprint) counts, whatever arrived first.
      Event& old = events_[it->second];
      bool wins = std::tie(e.at, e.fingerprint) < std::tie(old.at, old.fingerprint);
      const Event& loser = wins ? old : e;
      bool same = e.fingerprint == old.fingerprint;
      duplicates_.push_back({loser.key, loser.at,
                             Status(Code::kDuplicateId,
                                    same ? "duplicate of an event already recorded; ignored"
                                         : "another event has the same key; the earlier one "
                                           "counts and this one is ignored",
                                    "/key")});
      if (wins) {
        old = std::move(e);
        rebuild_needed = true;
      }
      continue;
    }
    bool after =
        events_.empty() || std::tie(e.at, e.key) > std::tie(events_.back().at, events_.back().key);
    key_index_.emplace(e.key, static_cast<int>(events_.size()));
    events_.push_back(std::move(e));
    if (after) {
      in_order.push_back(static_cast<int>(events_.size()) - 1);
    } else {
      rebuild_needed = true;
    }
  }
  if (rebuild_needed) {
    rebuild();
  } else {
    for (int i : in_order) apply(i);
  }
  rejections_.insert(rejections_.end(), duplicates_.begin(), duplicates_.end());
  std::sort(rejections_.begin(), rejections_.end(), rejection_before);
  // Duplicates are merged in at every call; drop the copies from last time.
  rejections_.erase(std::unique(rejections_.begin(), rejections_.end(),
                                [](const Rejection& a, const Rejection& b) {
                                  return a.key == b.key && a.at == b.at &&
                                         a.status.message() == b.status.message();
                                }),
                    rejections_.end());
}

void Ledger::rebuild() {
  std::sort(events_.begin(), events_.end(), event_before);
  key_index_.clear();
  for (std::size_t i = 0; i < events_.size(); ++i)
    key_index_.emplace(events_[i].key, static_cast<int>(i));
  rejections_.clear();
  lots_.clear();
  entries_.clear();
  orders_.clear();
  cap_use_.assign(program_.rules.size(), {});
  for (std::size_t r = 0; r < program_.rules.size(); ++r) {
    cap_use_[r].resize(program_.rules[r].caps.size());
  }
  cap_room_.assign(program_.rules.size(), INT64_MAX);
  spend_cursor_ = expire_cursor_ = 0;
  last_activity_ = kNever;
  totals_ = Totals{};
  activity_.clear();
  tier_ = TierState{};
  badge_state_.assign(program_.badges.size(), BadgeState{});
  badge_awards_.clear();
  redemptions_.assign(program_.rewards.size(), 0);
  referral_week_ = INT64_MIN;
  referrals_this_week_ = 0;
  as_of_ = 0;
  for (std::size_t i = 0; i < events_.size(); ++i) apply(static_cast<int>(i));
}

void Ledger::apply(int index) {
  const Event& e = events_[index];
  advance(e.at);
  as_of_ = std::max(as_of_, e.at);
  Status st = validate(e);
  if (st.ok()) {
    switch (e.kind) {
      case EventKind::kPurchase:
        st = apply_purchase(index);
        break;
      case EventKind::kRefund:
        st = apply_refund(index);
        break;
      case EventKind::kRedeem:
        st = apply_redeem(index);
        break;
      case EventKind::kAdjust:
        st = apply_adjust(index);
        break;
      case EventKind::kCustom:
        st = apply_custom(index);
        break;
    }
  }
  if (!st.ok()) {
    rejections_.push_back({e.key, e.at, st});
    return;
  }
  // A refund is the merchant's doing, not the member's: it does not keep
  // an inactive balance alive.
  if (e.kind != EventKind::kRefund) last_activity_ = e.at;
}

std::int64_t Ledger::remaining_total() const {
  return totals_.earned + totals_.adjusted_in - totals_.adjusted_out - totals_.spent -
         totals_.expired - totals_.refunded;
}

void Ledger::advance(std::int64_t t) {
  bool dated =
      program_.expiry.kind != ExpiryKind::kNever && program_.expiry.kind != ExpiryKind::kInactivity;
  for (;;) {
    std::int64_t t_lot =
        dated && expire_cursor_ < lots_.size() ? lots_[expire_cursor_].expires_at : kNever;
    std::int64_t t_idle = kNever;
    if (program_.expiry.kind == ExpiryKind::kInactivity && last_activity_ != kNever &&
        remaining_total() > 0) {
      t_idle = last_activity_ + program_.expiry.days * kMsPerDay;
    }
    std::int64_t t_tier = tier_.next_evaluation;
    std::int64_t next = std::min({t_lot, t_idle, t_tier});
    if (next > t || next == kNever) return;
    if (next == t_lot) {
      // Lots are created in time order and expiry grows with the earning
      // time, so expires_at never decreases along lots_: one cursor suffices.
      if (lots_[expire_cursor_].remaining > 0) expire_lot(static_cast<int>(expire_cursor_), next);
      ++expire_cursor_;
    } else if (next == t_idle) {
      for (std::size_t l = spend_cursor_; l < lots_.size(); ++l) {
        if (lots_[l].remaining > 0) expire_lot(static_cast<int>(l), next);
      }
    } else {
      evaluate_tier(tier_, next);
    }
  }
}

void Ledger::expire_lot(int index, std::int64_t at) {
  Lot& lot = lots_[index];
  std::int64_t amount = lot.remaining;
  lot.expired += amount;
  lot.remaining = 0;
  totals_.expired += amount;
  Entry e;
  e.kind = EntryKind::kExpire;
  e.at = at;
  e.points = -amount;
  e.lot = index;
  e.event = lot.event;
  entries_.push_back(e);
  while (spend_cursor_ < lots_.size() && lots_[spend_cursor_].remaining == 0) ++spend_cursor_;
}

std::int64_t Ledger::approved_at(std::int64_t t) const {
  std::int64_t sum = 0;
  for (std::size_t l = spend_cursor_; l < lots_.size(); ++l) {
    const Lot& lot = lots_[l];
    if (lot.remaining > 0 && lot.pending_until <= t && lot.expires_at > t) sum += lot.remaining;
  }
  return sum;
}

std::int64_t Ledger::spend(std::int64_t points, std::int64_t t, bool pending_too,
                           std::int64_t Lot::*counter) {
  std::int64_t left = points;
  for (int pass = 0; pass < (pending_too ? 2 : 1) && left > 0; ++pass) {
    for (std::size_t l = spend_cursor_; l < lots_.size() && left > 0; ++l) {
      Lot& lot = lots_[l];
      bool approved = lot.pending_until <= t;
      if (lot.remaining == 0 || approved != (pass == 0)) continue;
      std::int64_t take = std::min(left, lot.remaining);
      lot.remaining -= take;
      lot.*counter += take;
      left -= take;
    }
  }
  while (spend_cursor_ < lots_.size() && lots_[spend_cursor_].remaining == 0) ++spend_cursor_;
  return points - left;
}

std::int64_t Ledger::expiry_for(std::int64_t earned_at) const {
  const ExpiryPolicy& p = program_.expiry;
  switch (p.kind) {
    case ExpiryKind::kNever:
    case ExpiryKind::kInactivity:
      return kNever;
    case ExpiryKind::kAfterDays:
      return earned_at + p.days * kMsPerDay;
    case ExpiryKind::kEndOfMonth:
      return clock_.month_start(clock_.month_index(earned_at) + 1 + p.count);
    case ExpiryKind::kEndOfYear:
      return clock_.year_start(clock_.date(earned_at).year + 1 + p.count);
  }
  return kNever;
}

std::int64_t Ledger::cap_period(CapPeriod p, std::int64_t t) const {
  switch (p) {
    case CapPeriod::kDay:
      return clock_.day_index(t);
    case CapPeriod::kWeek:
      return clock_.week_index(t);
    case CapPeriod::kMonth:
      return clock_.month_index(t);
    case CapPeriod::kLifetime:
      return 0;
  }
  return 0;
}

void Ledger::cap_room_at(std::int64_t t, std::vector<std::int64_t>& out) const {
  out.assign(program_.rules.size(), INT64_MAX);
  for (std::size_t r = 0; r < program_.rules.size(); ++r) {
    std::int64_t room = INT64_MAX;
    const auto& caps = program_.rules[r].caps;
    for (std::size_t k = 0; k < caps.size(); ++k) {
      const CapUse& use = cap_use_[r][k];
      std::int64_t used = use.period == cap_period(caps[k].period, t) ? use.used : 0;
      room = std::min(room, caps[k].points - used);
    }
    out[r] = room;
  }
}

}  // namespace tessera::loyalty
