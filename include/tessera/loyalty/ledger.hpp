// The ledger of one member: an append-only list of points movements built
// by replaying events. Its state is a pure function of the SET of events:
// they are applied in (at, key) order, a repeated key changes nothing, and
// any arrival order gives the same state. Invalid events are rejected one by
// one with a reason and never half-applied.
//
//   Ledger ledger = Ledger::replay(program, *parse_events(log_text));
//   Balance b = ledger.balance(now);        // pending, approved, spent, ...
//   TierProgress t = ledger.tier(now);
//   Preview p = ledger.preview(cart, now);  // what a cart would earn, and why
//   std::string json = dump_json(to_json(ledger, now));
//
// Queries take `now` >= as_of() (the last event's time): time-driven changes
// after the last event (approvals, expiries, tier evaluations) are worked
// out for `now` without changing the ledger.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tessera/loyalty/earning.hpp"
#include "tessera/loyalty/key_index.hpp"
#include "tessera/loyalty/views.hpp"

namespace tessera::loyalty {

// A grant of points with its own remaining amount and dates.
struct Lot {
  std::int64_t amount = 0;
  std::int64_t remaining = 0;
  std::int64_t earned_at = 0;
  std::int64_t pending_until = 0;  // spendable from this instant
  std::int64_t expires_at = 0;     // gone from this instant (kNever: never)
  std::int64_t spent = 0;          // by redemptions, negative adjustments, clawbacks
  std::int64_t expired = 0;
  std::int64_t reversed = 0;  // by refunds of its own order
  int event = -1;             // index into Ledger::events()
  int rule = -1;              // earning rule; -1 for a positive adjustment
};

struct Rejection {
  std::string key;
  std::int64_t at = 0;
  Status status;  // why; path points into the event
};

class Ledger {
 public:
  static Ledger replay(Program program, std::vector<Event> events,
                       ConditionEvaluator conditions = {});

  // Adds events. Events later than as_of() apply incrementally; an earlier
  // one (a late arrival) rebuilds the state from all events, so the result
  // is the same as replaying everything at once.
  void add(std::vector<Event> events);

  const Program& program() const { return program_; }
  std::int64_t as_of() const { return as_of_; }
  const std::vector<Event>& events() const { return events_; }  // (at, key) order
  const std::vector<Entry>& entries() const { return entries_; }
  const std::vector<Lot>& lots() const { return lots_; }
  const std::vector<Rejection>& rejections() const { return rejections_; }

  // Queries. `now` earlier than as_of() is treated as as_of().
  Balance balance(std::int64_t now) const;
  std::vector<ExpiringBatch> expiring(std::int64_t now) const;
  TierProgress tier(std::int64_t now) const;
  std::vector<BadgeStatus> badges(std::int64_t now) const;
  // Entries up to `now`, including expiries that happen after the last event.
  std::vector<Entry> history(std::int64_t now) const;
  // What `cart` (a purchase, or a named event) would earn at `now`.
  Result<Preview> preview(const Event& cart, std::int64_t now) const;
  // Human reason of an entry ("earned: Base points", "redeemed: Free tea").
  std::string reason(const Entry& entry) const;

 private:
  struct Order {
    int event = -1;
    std::int64_t subtotal = 0;
    std::int64_t total = 0;
    std::int64_t earned = 0;
    std::int64_t refunded = 0;  // minor units
    std::int64_t reversed = 0;  // points
    std::int64_t forgiven = 0;  // points that had expired before the refund
    int first_lot = 0;          // the order's lots are lots_[first_lot, +lot_count)
    int lot_count = 0;
    std::vector<std::int64_t> refunded_qty;  // by line; empty until a refund by lines
  };
  struct CapUse {
    std::int64_t period = INT64_MIN;
    std::int64_t used = 0;
  };
  // Cumulative qualifying activity for tiers, one row per change.
  struct Activity {
    std::int64_t at = 0;
    std::int64_t points = 0;
    std::int64_t spend = 0;
    std::int64_t purchases = 0;
  };
  struct TierState {
    int tier = 0;
    std::int64_t since = 0;
    std::int64_t next_evaluation = kNever;
  };
  struct BadgeState {
    std::int64_t count = 0;   // matching events toward the next award
    std::int64_t streak = 0;  // consecutive periods
    std::int64_t last_period = INT64_MIN;
    std::int64_t awards = 0;
    std::int64_t first_award = kNever;
    std::int64_t last_award = kNever;
  };
  // Calendar facts of one local day, worked out once per day seen rather
  // than once per event (civil-date conversion is the costly part).
  struct DayFacts {
    std::int64_t day = INT64_MIN;  // local day index; INT64_MIN: nothing cached
    std::int64_t week = 0;
    std::int64_t month = 0;
    std::int64_t window_base = 0;   // see window_base()
    std::int64_t dated_expiry = 0;  // expiry of lots earned this day (month/year policies)
  };

  Ledger(Program program, ConditionEvaluator conditions);
  void reset_state();
  void reserve_for(std::size_t events);
  void rebuild();
  void record_duplicate(const Event& loser, bool same);
  // Appends duplicates_[first_duplicate..] to rejections_ and merges
  // rejections_[first_new..] into the sorted, duplicate-free rest.
  void duplicates_to_rejections(std::size_t first_duplicate, std::size_t first_new);
  void apply(int index);
  void advance(std::int64_t t);
  void expire_lot(int lot, std::int64_t at);
  Status validate(const Event& e) const;
  Status apply_purchase(int index);
  Status apply_refund(int index);
  Status apply_redeem(int index);
  Status apply_adjust(int index);
  Status apply_custom(int index);
  // Sums what scratch_ grants, refusing overflow; commit_grant then turns
  // it into lots and entries and returns the index of its first lot.
  Status check_grant(const std::vector<RuleEarning>& earned, std::int64_t& total) const;
  int commit_grant(int index);
  int add_lot(const Lot& lot);
  // Approved points at t (>= the last advance()): every remaining point
  // but the pending ones, since advance(t) already expired what is due.
  std::int64_t approved_now(std::int64_t t);
  // Takes points from lots, soonest-expiring approved first (then pending
  // ones when `pending_too`), counting them in `counter` of each lot.
  std::int64_t spend(std::int64_t points, std::int64_t t, bool pending_too,
                     std::int64_t Lot::*counter);
  // The first lot at or after `l` with points left (lots_.size() if none).
  std::size_t next_live(std::size_t l);
  std::int64_t remaining_total() const;
  std::int64_t expiry_for(std::int64_t earned_at, const DayFacts& day) const;
  DayFacts compute_day_facts(std::int64_t t) const;
  const DayFacts& day_facts(std::int64_t t);  // cached for the apply path
  void cap_room_at(const DayFacts& day, std::vector<std::int64_t>& room) const;
  std::int64_t cap_period(CapPeriod p, const DayFacts& day) const;
  int tier_index_at(std::int64_t now) const;
  MemberFacts member_facts() const;
  EarnInput earn_input(const Event& e, const DayFacts& day, std::vector<std::int64_t>& room,
                       MemberFacts& member) const;
  // Tiers (tiers.cpp).
  // The next cumulative activity row, or an overflow error; push it only
  // once the event is certain to apply.
  Result<Activity> next_activity(std::int64_t at, std::int64_t points, std::int64_t spend,
                                 std::int64_t purchases) const;
  std::int64_t basis_between(std::int64_t from, std::int64_t to, bool include_to) const;
  std::int64_t basis_value(const Activity& start, const Activity& end) const;
  // The tier window containing t starts at window_from_base(window_base(t), t):
  // the base depends only on t's local day, so the apply path caches it.
  std::int64_t window_base(std::int64_t t) const;
  std::int64_t window_from_base(std::int64_t base, std::int64_t t) const;
  std::int64_t window_start(std::int64_t t) const;
  std::int64_t next_evaluation_after(std::int64_t t) const;
  void maybe_upgrade(std::int64_t t);
  void evaluate_tier(TierState& state, std::int64_t at) const;
  // Badges (badges.cpp).
  void count_for_badges(std::string_view name, std::int64_t at);
  std::int64_t streak_period(StreakPeriod p, std::int64_t t) const;

  Program program_;
  ConditionEvaluator conditions_;
  LocalClock clock_;
  std::vector<Event> events_;
  std::vector<Rejection> rejections_;
  std::vector<Rejection> duplicates_;  // losers of a shared key; survive rebuilds
  KeyIndex key_index_;                 // event key -> index into events_
  std::int64_t as_of_ = 0;

  std::vector<Lot> lots_;
  // Lots never gain points, so a lot found empty stays empty: skip_[l]
  // points at or before the next lot that may still hold points
  // (path-compressed by next_live).
  std::vector<std::size_t> skip_;
  std::vector<int> pending_;  // lots created pending, until seen approved or empty
  std::vector<Entry> entries_;
  std::vector<Order> orders_;
  KeyIndex order_index_;                      // order id -> index into orders_
  std::vector<std::vector<CapUse>> cap_use_;  // by rule, by cap
  std::vector<std::int64_t> cap_room_;        // scratch for compute_earning
  std::vector<RuleEarning> scratch_;
  bool caps_on_purchases_ = false;  // some purchase rule has a cap
  bool caps_on_events_ = false;     // some named-event rule has a cap
  bool any_conditions_ = false;
  std::size_t spend_cursor_ = 0;   // first lot that may have remaining points
  std::size_t expire_cursor_ = 0;  // first lot not yet past its expiry
  std::int64_t last_activity_ = kNever;
  Totals totals_;
  std::vector<Activity> activity_;
  std::size_t window_hint_ = 0;  // first activity_ row of the last window seen
  DayFacts day_facts_;
  TierState tier_;
  std::vector<BadgeState> badge_state_;
  std::vector<BadgeAward> badge_awards_;
  std::vector<std::int64_t> redemptions_;  // by reward
  std::int64_t referral_week_ = INT64_MIN;
  std::int64_t referrals_this_week_ = 0;
};

// Deterministic JSON of the whole state at `now`: balance, expiring,
// tier, badges, history, rejections.
Json to_json(const Ledger& ledger, std::int64_t now);

}  // namespace tessera::loyalty
