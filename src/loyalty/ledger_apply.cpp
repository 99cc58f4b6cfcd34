// Applying one event to the ledger. Each apply_* first works out everything
// that can fail (validation, balances, overflow) without touching state and
// only then commits, so a rejected event leaves no trace but its rejection.
#include <algorithm>

#include "tessera/loyalty/ledger.hpp"

namespace tessera::loyalty {
namespace {

constexpr std::int64_t kMaxQty = 1'000'000;
constexpr std::int64_t kMaxPrice = 1'000'000'000'000;
constexpr std::int64_t kMaxPoints = 1'000'000'000'000'000;

Status bad(std::string message, std::string path) {
  return Status(Code::kOutOfRange, std::move(message), std::move(path));
}

}  // namespace

// Events built in code (not parsed) get the same checks as parsed ones.
Status Ledger::validate(const Event& e) const {
  if (e.key.empty()) return Status(Code::kInvalidValue, "empty key", "/key");
  if (e.at < kMinTimestamp || e.at > kMaxTimestamp) return bad("timestamp out of range", "/at");
  for (std::size_t i = 0; i < e.lines.size(); ++i) {
    const OrderLine& l = e.lines[i];
    if (l.qty < 1 || l.qty > kMaxQty) {
      return bad("qty must be 1 to 10^6", "/lines/" + std::to_string(i) + "/qty");
    }
    if (l.unit_price_minor < 0 || l.unit_price_minor > kMaxPrice) {
      return bad("unit price must be 0 to 10^12 minor units",
                 "/lines/" + std::to_string(i) + "/unitPriceMinor");
    }
  }
  if (e.shipping_minor < 0 || e.shipping_minor > kMaxPrice) {
    return bad("negative or absurd shipping", "/shippingMinor");
  }
  if (e.tax_minor < 0 || e.tax_minor > kMaxPrice) return bad("negative or absurd tax", "/taxMinor");
  if (e.kind == EventKind::kAdjust &&
      (e.points == 0 || e.points > kMaxPoints || e.points < -kMaxPoints)) {
    return bad("adjustment must be non-zero and at most 10^15 points", "/points");
  }
  if (e.kind == EventKind::kRefund && e.lines.empty() &&
      (e.amount_minor < 1 || e.amount_minor > kMaxPrice)) {
    return bad("refund amount must be 1 to 10^12 minor units", "/amountMinor");
  }
  return Status::Ok();
}

MemberFacts Ledger::member_facts() const {
  MemberFacts m;
  if (program_.tiers.enabled) m.tier = program_.tiers.tiers[tier_.tier].id;
  m.lifetime_earned = totals_.earned;
  m.purchases = activity_.empty() ? 0 : activity_.back().purchases;
  return m;
}

// What compute_earning needs at `at`; `room` and `member` are filled here
// and must outlive the returned input.
EarnInput Ledger::earn_input(const Event& e, const DayFacts& day, std::vector<std::int64_t>& room,
                             MemberFacts& member) const {
  EarnInput in;
  in.at = e.at;
  in.tier = tier_.tier;
  if (e.kind == EventKind::kPurchase ? caps_on_purchases_ : caps_on_events_) {
    cap_room_at(day, room);
    in.cap_room = &room;
  }
  if (any_conditions_) {
    member = member_facts();
    in.conditions = &conditions_;
    in.member = &member;
  }
  return in;
}

Status Ledger::check_grant(const std::vector<RuleEarning>& earned, std::int64_t& total) const {
  total = 0;
  for (const RuleEarning& r : earned) {
    TESSERA_RETURN_IF_ERROR(checked_add(total, r.points, total, ""));
  }
  std::int64_t check = 0;
  TESSERA_RETURN_IF_ERROR(checked_add(totals_.earned, total, check, ""));
  TESSERA_RETURN_IF_ERROR(checked_add(check, totals_.adjusted_in, check, ""));
  return Status::Ok();
}

int Ledger::commit_grant(int index) {
  const Event& e = events_[index];
  const DayFacts& day = day_facts(e.at);
  int first = static_cast<int>(lots_.size());
  for (const RuleEarning& r : scratch_) {
    if (r.points <= 0) continue;
    const EarningRule& rule = program_.rules[r.rule];
    Lot lot;
    lot.amount = lot.remaining = r.points;
    lot.earned_at = e.at;
    lot.pending_until = e.at + rule.pending_days * kMsPerDay;
    lot.expires_at = expiry_for(e.at, day);
    lot.event = index;
    lot.rule = r.rule;
    Entry entry;
    entry.kind = EntryKind::kEarn;
    entry.at = e.at;
    entry.points = r.points;
    entry.event = index;
    entry.lot = add_lot(lot);
    entry.rule = r.rule;
    entry.pending_until = lot.pending_until;
    entry.expires_at = lot.expires_at;
    entries_.push_back(entry);
    for (std::size_t k = 0; k < rule.caps.size(); ++k) {
      CapUse& use = cap_use_[r.rule][k];
      std::int64_t period = cap_period(rule.caps[k].period, day);
      if (use.period != period) use = CapUse{period, 0};
      use.used += r.points;
    }
  }
  return first;
}

Status Ledger::apply_purchase(int index) {
  const Event& e = events_[index];
  auto order_id_of = [this](int o) -> std::string_view {
    return events_[orders_[o].event].order_id;
  };
  if (order_index_.find(e.order_id, order_id_of) >= 0) {
    return Status(Code::kDuplicateId, "order \"" + e.order_id + "\" is already recorded",
                  "/orderId");
  }
  TESSERA_ASSIGN_OR_RETURN(OrderTotals money, order_totals(e));
  MemberFacts member;
  EarnInput in = earn_input(e, day_facts(e.at), cap_room_, member);
  in.totals = &money;
  TESSERA_RETURN_IF_ERROR(compute_earning(program_, e, in, scratch_));
  std::int64_t total = 0;
  TESSERA_RETURN_IF_ERROR(check_grant(scratch_, total));
  TESSERA_ASSIGN_OR_RETURN(Activity row, next_activity(e.at, total, money.subtotal, 1));

  Order order;
  order.event = index;
  order.subtotal = money.subtotal;
  order.total = money.total;
  order.earned = total;
  order.first_lot = commit_grant(index);
  order.lot_count = static_cast<int>(lots_.size()) - order.first_lot;
  totals_.earned += total;
  order_index_.insert(e.order_id, static_cast<int>(orders_.size()));
  orders_.push_back(std::move(order));
  activity_.push_back(row);
  maybe_upgrade(e.at);
  count_for_badges("purchase", e.at);
  return Status::Ok();
}

Status Ledger::apply_custom(int index) {
  const Event& e = events_[index];
  bool referral = e.name == "referral" && program_.referral.max_per_week > 0;
  const DayFacts& day = day_facts(e.at);
  std::int64_t week = day.week;
  if (referral && week == referral_week_ &&
      referrals_this_week_ >= program_.referral.max_per_week) {
    return Status(
        Code::kLimitExceeded,
        "referral limit of " + std::to_string(program_.referral.max_per_week) + " per week reached",
        "/name");
  }
  MemberFacts member;
  EarnInput in = earn_input(e, day, cap_room_, member);
  TESSERA_RETURN_IF_ERROR(compute_earning(program_, e, in, scratch_));
  std::int64_t total = 0;
  TESSERA_RETURN_IF_ERROR(check_grant(scratch_, total));
  TESSERA_ASSIGN_OR_RETURN(Activity row, next_activity(e.at, total, 0, 0));
  commit_grant(index);
  totals_.earned += total;
  if (total != 0) activity_.push_back(row);
  if (referral) {
    if (week != referral_week_) {
      referral_week_ = week;
      referrals_this_week_ = 0;
    }
    ++referrals_this_week_;
  }
  maybe_upgrade(e.at);
  count_for_badges(e.name, e.at);
  return Status::Ok();
}

Status Ledger::apply_redeem(int index) {
  const Event& e = events_[index];
  int r = program_.reward_index(e.reward);
  if (r < 0) return Status(Code::kNotFound, "unknown reward \"" + e.reward + "\"", "/reward");
  const Reward& reward = program_.rewards[r];
  if (reward.limit_per_member > 0 && redemptions_[r] >= reward.limit_per_member) {
    return Status(Code::kFailedPrecondition,
                  "limit of " + std::to_string(reward.limit_per_member) +
                      " per member reached for \"" + reward.id + "\"",
                  "/reward");
  }
  std::int64_t price = reward.price;
  if (program_.tiers.enabled && reward.tier_prices[tier_.tier] >= 0) {
    price = reward.tier_prices[tier_.tier];
  }
  std::int64_t approved = approved_now(e.at);
  if (approved < price) {
    return Status(Code::kFailedPrecondition,
                  "insufficient points: \"" + reward.id + "\" costs " + std::to_string(price) +
                      ", approved balance is " + std::to_string(approved),
                  "/reward");
  }
  spend(price, e.at, false, &Lot::spent);
  totals_.spent += price;
  ++redemptions_[r];
  Entry entry;
  entry.kind = EntryKind::kRedeem;
  entry.at = e.at;
  entry.points = -price;
  entry.event = index;
  entry.reward = r;
  entries_.push_back(entry);
  return Status::Ok();
}

Status Ledger::apply_adjust(int index) {
  const Event& e = events_[index];
  Entry entry;
  entry.kind = EntryKind::kAdjust;
  entry.at = e.at;
  entry.points = e.points;
  entry.event = index;
  if (e.points > 0) {
    std::int64_t check = 0;
    TESSERA_RETURN_IF_ERROR(checked_add(totals_.earned, totals_.adjusted_in, check, "/points"));
    TESSERA_RETURN_IF_ERROR(checked_add(check, e.points, check, "/points"));
    Lot lot;
    lot.amount = lot.remaining = e.points;
    lot.earned_at = lot.pending_until = e.at;
    lot.expires_at = expiry_for(e.at, day_facts(e.at));
    lot.event = index;
    entry.lot = add_lot(lot);
    entry.pending_until = lot.pending_until;
    entry.expires_at = lot.expires_at;
    totals_.adjusted_in += e.points;
  } else {
    std::int64_t need = -e.points;
    std::int64_t approved = approved_now(e.at);
    if (approved < need) {
      return Status(Code::kFailedPrecondition,
                    "insufficient points: cannot remove " + std::to_string(need) +
                        ", approved balance is " + std::to_string(approved),
                    "/points");
    }
    spend(need, e.at, false, &Lot::spent);
    totals_.adjusted_out += need;
  }
  entries_.push_back(entry);
  return Status::Ok();
}

}  // namespace tessera::loyalty
