// Ledger replay: event order, idempotency, late events and the passage of
// time (expiry, inactivity, tier evaluations); see tessera/loyalty/ledger.hpp.
// Applying each kind of event lives in ledger_apply.cpp.
#include <algorithm>
#include <cassert>
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
    bool event_rule = r.kind == RuleKind::kEvent;
    caps_on_purchases_ = caps_on_purchases_ || (!r.caps.empty() && !event_rule);
    caps_on_events_ = caps_on_events_ || (!r.caps.empty() && event_rule);
    any_conditions_ = any_conditions_ || !r.condition.empty();
  }
  any_conditions_ = any_conditions_ && static_cast<bool>(conditions_);
  reset_state();
}

Ledger Ledger::replay(Program program, std::vector<Event> events, ConditionEvaluator conditions) {
  Ledger ledger(std::move(program), std::move(conditions));
  ledger.add(std::move(events));
  return ledger;
}

void Ledger::record_duplicate(const Event& loser, bool same) {
  duplicates_.push_back({loser.key, loser.at,
                         Status(Code::kDuplicateId,
                                same ? "duplicate of an event already recorded; ignored"
                                     : "another event has the same key; the earlier one "
                                       "counts and this one is ignored",
                                "/key")});
}

void Ledger::add(std::vector<Event> incoming) {
  if (!std::is_sorted(incoming.begin(), incoming.end(), event_before)) {
    std::sort(incoming.begin(), incoming.end(), event_before);
  }
  std::size_t new_duplicates = duplicates_.size();
  std::size_t new_rejections = rejections_.size();
  auto key_of = [this](int i) -> std::string_view { return events_[i].key; };
  if (events_.empty()) {
    // A fresh ledger (a whole replay): keep the sorted batch as it is. A key
    // seen again within it never wins, since the batch is in (at, key,
    // fingerprint) order: the first occurrence is the smaller one.
    events_ = std::move(incoming);
    std::size_t kept = 0;
    key_index_.reserve(events_.size());
    for (std::size_t r = 0; r < events_.size(); ++r) {
      // Indexed under its future position `kept`; only a key seen before
      // finds an earlier event (kept <= r, so key_of reads a kept event).
      int old = key_index_.find_or_insert(events_[r].key, static_cast<int>(kept), key_of);
      if (old >= 0) {
        record_duplicate(events_[r], events_[r].fingerprint == events_[old].fingerprint);
        continue;
      }
      if (kept != r) events_[kept] = std::move(events_[r]);
      ++kept;
    }
    events_.erase(events_.begin() + static_cast<std::ptrdiff_t>(kept), events_.end());
    reserve_for(events_.size());
    for (std::size_t i = 0; i < events_.size(); ++i) apply(static_cast<int>(i));
    duplicates_to_rejections(new_duplicates, new_rejections);
    return;
  }
  bool rebuild_needed = false;
  std::vector<int> in_order;
  for (Event& e : incoming) {
    int found = key_index_.find_or_insert(e.key, static_cast<int>(events_.size()), key_of);
    if (found >= 0) {
      // Same key: the smaller (at, fingerprint) counts, whatever arrived first.
      Event& old = events_[found];
      bool wins = std::tie(e.at, e.fingerprint) < std::tie(old.at, old.fingerprint);
      record_duplicate(wins ? old : e, e.fingerprint == old.fingerprint);
      if (wins) {
        old = std::move(e);
        rebuild_needed = true;
      }
      continue;
    }
    bool after =
        events_.empty() || std::tie(e.at, e.key) > std::tie(events_.back().at, events_.back().key);
    events_.push_back(std::move(e));  // indexed above at this position
    if (after) {
      in_order.push_back(static_cast<int>(events_.size()) - 1);
    } else {
      rebuild_needed = true;
    }
  }
  if (rebuild_needed) {
    rebuild();
    return;
  }
  for (int i : in_order) apply(i);
  duplicates_to_rejections(new_duplicates, new_rejections);
}

void Ledger::duplicates_to_rejections(std::size_t first_duplicate, std::size_t first_new) {
  rejections_.insert(rejections_.end(),
                     duplicates_.begin() + static_cast<std::ptrdiff_t>(first_duplicate),
                     duplicates_.end());
  if (rejections_.size() == first_new) return;
  // Sorted by (at, key, message), each once; only the new tail needs sorting.
  auto mid = rejections_.begin() + static_cast<std::ptrdiff_t>(first_new);
  std::sort(mid, rejections_.end(), rejection_before);
  std::inplace_merge(rejections_.begin(), mid, rejections_.end(), rejection_before);
  rejections_.erase(std::unique(rejections_.begin(), rejections_.end(),
                                [](const Rejection& a, const Rejection& b) {
                                  return a.key == b.key && a.at == b.at &&
                                         a.status.message() == b.status.message();
                                }),
                    rejections_.end());
}

void Ledger::reserve_for(std::size_t events) {
  // A purchase typically adds three or four lots, each an earn entry and
  // later an expiry entry; every event at most one activity row. Reserving
  // up front spares the copies of repeated doubling (reserved pages that
  // are never written cost no memory).
  entries_.reserve(events * 5);
  lots_.reserve(events * 3);
  skip_.reserve(events * 3);
  activity_.reserve(events);
}

void Ledger::reset_state() {
  rejections_.clear();
  lots_.clear();
  skip_.clear();
  pending_.clear();
  entries_.clear();
  orders_.clear();
  order_index_.clear();
  cap_use_.assign(program_.rules.size(), {});
  for (std::size_t r = 0; r < program_.rules.size(); ++r) {
    cap_use_[r].resize(program_.rules[r].caps.size());
  }
  cap_room_.assign(program_.rules.size(), INT64_MAX);
  spend_cursor_ = expire_cursor_ = 0;
  last_activity_ = kNever;
  totals_ = Totals{};
  activity_.clear();
  window_hint_ = 0;
  day_facts_ = DayFacts{};
  tier_ = TierState{};
  badge_state_.assign(program_.badges.size(), BadgeState{});
  badge_awards_.clear();
  redemptions_.assign(program_.rewards.size(), 0);
  referral_week_ = INT64_MIN;
  referrals_this_week_ = 0;
  as_of_ = 0;
}

void Ledger::rebuild() {
  if (!std::is_sorted(events_.begin(), events_.end(), event_before)) {
    std::sort(events_.begin(), events_.end(), event_before);
  }
  key_index_.clear();
  for (std::size_t i = 0; i < events_.size(); ++i) {
    key_index_.insert(events_[i].key, static_cast<int>(i));
  }
  reset_state();
  reserve_for(events_.size());
  for (std::size_t i = 0; i < events_.size(); ++i) apply(static_cast<int>(i));
  duplicates_to_rejections(0, 0);
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
      for (std::size_t l = next_live(spend_cursor_); l < lots_.size(); l = next_live(l + 1)) {
        expire_lot(static_cast<int>(l), next);
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
  spend_cursor_ = next_live(spend_cursor_);
}

int Ledger::add_lot(const Lot& lot) {
  int index = static_cast<int>(lots_.size());
  lots_.push_back(lot);
  skip_.push_back(lots_.size());
  if (lot.pending_until > lot.earned_at) pending_.push_back(index);
  return index;
}

std::size_t Ledger::next_live(std::size_t l) {
  std::size_t live = l;
  while (live < lots_.size() && lots_[live].remaining == 0) live = skip_[live];
  // Path compression: every empty lot on the way now points at `live`.
  while (l < live) {
    std::size_t next = skip_[l];
    skip_[l] = live;
    l = next;
  }
  return live;
}

std::int64_t Ledger::approved_now(std::int64_t t) {
  // advance(t) has expired every lot due by t, so what is left is either
  // approved or pending; pending lots are few (those created with a
  // pending period and not yet approved), so count those instead of
  // scanning every live lot. Lots seen approved or empty leave the list.
  std::int64_t pending = 0;
  std::size_t kept = 0;
  for (int l : pending_) {
    const Lot& lot = lots_[l];
    if (lot.remaining == 0 || lot.pending_until <= t) continue;
    pending += lot.remaining;
    pending_[kept++] = l;
  }
  pending_.resize(kept);
  std::int64_t approved = remaining_total() - pending;
#ifndef NDEBUG
  // The scan this replaces, kept as a check in debug builds (tests).
  std::int64_t scanned = 0;
  for (std::size_t l = spend_cursor_; l < lots_.size(); ++l) {
    const Lot& lot = lots_[l];
    if (lot.remaining > 0 && lot.pending_until <= t && lot.expires_at > t) scanned += lot.remaining;
  }
  assert(scanned == approved);
#endif
  return approved;
}

std::int64_t Ledger::spend(std::int64_t points, std::int64_t t, bool pending_too,
                           std::int64_t Lot::*counter) {
  std::int64_t left = points;
  for (int pass = 0; pass < (pending_too ? 2 : 1) && left > 0; ++pass) {
    for (std::size_t l = next_live(spend_cursor_); l < lots_.size() && left > 0;
         l = next_live(l + 1)) {
      Lot& lot = lots_[l];
      bool approved = lot.pending_until <= t;
      if (approved != (pass == 0)) continue;
      std::int64_t take = std::min(left, lot.remaining);
      lot.remaining -= take;
      lot.*counter += take;
      left -= take;
    }
  }
  spend_cursor_ = next_live(spend_cursor_);
  return points - left;
}

std::int64_t Ledger::expiry_for(std::int64_t earned_at, const DayFacts& day) const {
  switch (program_.expiry.kind) {
    case ExpiryKind::kNever:
    case ExpiryKind::kInactivity:
      return kNever;
    case ExpiryKind::kAfterDays:
      return earned_at + program_.expiry.days * kMsPerDay;
    case ExpiryKind::kEndOfMonth:
    case ExpiryKind::kEndOfYear:
      return day.dated_expiry;  // the same for every instant of a local day
  }
  return kNever;
}

Ledger::DayFacts Ledger::compute_day_facts(std::int64_t t) const {
  DayFacts d;
  d.day = clock_.day_index(t);
  d.week = clock_.week_index(t);
  d.month = clock_.month_index(t);
  d.window_base = window_base(t);
  const ExpiryPolicy& p = program_.expiry;
  if (p.kind == ExpiryKind::kEndOfMonth) {
    d.dated_expiry = clock_.month_start(d.month + 1 + p.count);
  } else if (p.kind == ExpiryKind::kEndOfYear) {
    d.dated_expiry = clock_.year_start(clock_.date(t).year + 1 + p.count);
  }
  return d;
}

const Ledger::DayFacts& Ledger::day_facts(std::int64_t t) {
  if (clock_.day_index(t) != day_facts_.day) day_facts_ = compute_day_facts(t);
  return day_facts_;
}

std::int64_t Ledger::cap_period(CapPeriod p, const DayFacts& d) const {
  switch (p) {
    case CapPeriod::kDay:
      return d.day;
    case CapPeriod::kWeek:
      return d.week;
    case CapPeriod::kMonth:
      return d.month;
    case CapPeriod::kLifetime:
      return 0;
  }
  return 0;
}

void Ledger::cap_room_at(const DayFacts& d, std::vector<std::int64_t>& out) const {
  out.assign(program_.rules.size(), INT64_MAX);
  for (std::size_t r = 0; r < program_.rules.size(); ++r) {
    const auto& caps = program_.rules[r].caps;
    if (caps.empty()) continue;
    std::int64_t room = INT64_MAX;
    for (std::size_t k = 0; k < caps.size(); ++k) {
      const CapUse& use = cap_use_[r][k];
      std::int64_t used = use.period == cap_period(caps[k].period, d) ? use.used : 0;
      room = std::min(room, caps[k].points - used);
    }
    out[r] = room;
  }
}

}  // namespace tessera::loyalty
