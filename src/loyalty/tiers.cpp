// Tier qualification: activity windows, upgrades and evaluations.
//
// The basis is what the member earned, spent or bought in a window, never
// the current balance, so redeeming points cannot cost a tier. Upgrades
// happen at once; downgrades only at evaluation instants (the first local
// instant of each month or year). An evaluation at E looks at the window
// ending just before E, so an event stamped exactly E counts for the next
// evaluation, the same in replay and in queries.
#include <algorithm>
#include <cassert>

#include "tessera/loyalty/ledger.hpp"

namespace tessera::loyalty {

Result<Ledger::Activity> Ledger::next_activity(std::int64_t at, std::int64_t points,
                                               std::int64_t spend, std::int64_t purchases) const {
  Activity row = activity_.empty() ? Activity{} : activity_.back();
  row.at = at;
  TESSERA_RETURN_IF_ERROR(checked_add(row.points, points, row.points, ""));
  TESSERA_RETURN_IF_ERROR(checked_add(row.spend, spend, row.spend, ""));
  TESSERA_RETURN_IF_ERROR(checked_add(row.purchases, purchases, row.purchases, ""));
  return row;
}

std::int64_t Ledger::window_base(std::int64_t t) const {
  const TierPolicy& p = program_.tiers;
  switch (p.window) {
    case TierWindow::kLifetime:
      return INT64_MIN;
    case TierWindow::kCalendarYear:
      return clock_.year_start(clock_.date(t).year);
    case TierWindow::kRollingMonths: {
      // Same local day and time N months earlier; the day is clamped to the
      // shorter month (31 March - 1 month = 28/29 February). This is that
      // day's start; window_from_base adds the time of day.
      CivilDate d = civil_from_days(clock_.day_index(t));
      std::int64_t m = d.year * 12 + (d.month - 1) - p.window_months;
      CivilDate start{floor_div(m, 12), static_cast<int>(m - 12 * floor_div(m, 12)) + 1, 1};
      start.day = std::min(d.day, days_in_month(start.year, start.month));
      return clock_.day_start(days_from_civil(start));
    }
  }
  return INT64_MIN;
}

std::int64_t Ledger::window_from_base(std::int64_t base, std::int64_t t) const {
  if (program_.tiers.window != TierWindow::kRollingMonths) return base;
  return base + (clock_.local_ms(t) - clock_.day_index(t) * kMsPerDay);
}

std::int64_t Ledger::window_start(std::int64_t t) const {
  return window_from_base(window_base(t), t);
}

std::int64_t Ledger::basis_value(const Activity& start, const Activity& end) const {
  std::int64_t points = end.points - start.points;
  std::int64_t spend = end.spend - start.spend;
  std::int64_t purchases = end.purchases - start.purchases;
  const TierPolicy& p = program_.tiers;
  std::int64_t value = 0;
  switch (p.basis) {
    case TierBasis::kPoints:
      value = points;
      break;
    case TierBasis::kSpend:
      value = spend;
      break;
    case TierBasis::kPurchases:
      value = purchases;
      break;
    case TierBasis::kScore: {
      // Spend counts in major units; integer division keeps it exact.
      Wide unit = pow10(program_.currency.minor_units);
      Wide s = static_cast<Wide>(points) * p.weight_points * unit +
               static_cast<Wide>(spend) * p.weight_spend +
               static_cast<Wide>(purchases) * p.weight_purchases * unit;
      s /= unit;
      value = s > INT64_MAX ? INT64_MAX : static_cast<std::int64_t>(s);
      break;
    }
  }
  // Refunds of purchases from before the window can make it negative.
  return std::max<std::int64_t>(value, 0);
}

std::int64_t Ledger::basis_between(std::int64_t from, std::int64_t to, bool include_to) const {
  auto before = [&](std::int64_t t, bool inclusive) -> Activity {
    auto it = inclusive
                  ? std::upper_bound(activity_.begin(), activity_.end(), t,
                                     [](std::int64_t v, const Activity& a) { return v < a.at; })
                  : std::lower_bound(activity_.begin(), activity_.end(), t,
                                     [](const Activity& a, std::int64_t v) { return a.at < v; });
    return it == activity_.begin() ? Activity{} : *(it - 1);
  };
  Activity end = before(to, include_to);
  Activity start = from == INT64_MIN ? Activity{} : before(from, false);
  return basis_value(start, end);
}

std::int64_t Ledger::next_evaluation_after(std::int64_t t) const {
  if (!program_.tiers.enabled || program_.tiers.downgrade == Downgrade::kNever) return kNever;
  if (program_.tiers.evaluate_every == EvaluationCadence::kMonthly) {
    return clock_.month_start(clock_.month_index(t) + 1);
  }
  return clock_.year_start(clock_.date(t).year + 1);
}

void Ledger::maybe_upgrade(std::int64_t t) {
  if (!program_.tiers.enabled) return;
  if (tier_.next_evaluation == kNever) tier_.next_evaluation = next_evaluation_after(t);
  // basis_between(window_start(t), t, true) without its two binary
  // searches: every activity row is at or before t (rows are added in
  // event order), so the window ends at the last row; and the window start
  // moves forward with t, so the row where it begins is found by stepping
  // on from where the previous event's window began.
  std::int64_t from = window_from_base(day_facts(t).window_base, t);
  Activity start;
  if (from != INT64_MIN) {
    std::size_t k = std::min(window_hint_, activity_.size());
    if (k > 0 && activity_[k - 1].at >= from) {
      // The start moved back (a rolling window clamped to a shorter month).
      k = static_cast<std::size_t>(
          std::lower_bound(activity_.begin(), activity_.begin() + static_cast<std::ptrdiff_t>(k),
                           from, [](const Activity& a, std::int64_t v) { return a.at < v; }) -
          activity_.begin());
    }
    while (k < activity_.size() && activity_[k].at < from) ++k;
    window_hint_ = k;
    if (k > 0) start = activity_[k - 1];
  }
  Activity end = activity_.empty() ? Activity{} : activity_.back();
  std::int64_t value = basis_value(start, end);
  const auto& tiers = program_.tiers.tiers;
  int best = tier_.tier;
  while (best + 1 < static_cast<int>(tiers.size()) && tiers[best + 1].threshold <= value) ++best;
  if (best > tier_.tier) {
    tier_.tier = best;
    tier_.since = t;
  }
#ifndef NDEBUG
  assert(value == basis_between(window_start(t), t, true));
#endif
}

void Ledger::evaluate_tier(TierState& state, std::int64_t at) const {
  const TierPolicy& p = program_.tiers;
  state.next_evaluation = next_evaluation_after(at);
  std::int64_t value = basis_between(window_start(at), at, false);
  if (state.tier == 0 || value >= p.tiers[state.tier].retain_threshold) return;
  int to = state.tier;
  if (p.downgrade == Downgrade::kOneLevel) {
    to = state.tier - 1;
  } else if (p.downgrade == Downgrade::kReevaluate) {
    to = 0;
    while (to + 1 < state.tier && p.tiers[to + 1].threshold <= value) ++to;
  }
  if (to != state.tier) {
    state.tier = to;
    state.since = at;
  }
}

TierProgress Ledger::tier(std::int64_t now) const {
  TierProgress out;
  const TierPolicy& p = program_.tiers;
  if (!p.enabled) return out;
  now = std::max(now, as_of_);
  TierState state = tier_;
  // Evaluations between the last event and now, on a copy.
  while (state.next_evaluation != kNever && state.next_evaluation <= now) {
    evaluate_tier(state, state.next_evaluation);
  }
  static constexpr const char* kBasis[] = {"points", "spend", "purchases", "score"};
  const Tier& t = p.tiers[state.tier];
  out.enabled = true;
  out.tier = t.id;
  out.name = t.name;
  out.since = state.since;
  out.basis = kBasis[static_cast<int>(p.basis)];
  out.value = basis_between(window_start(now), now, true);
  if (state.tier + 1 < static_cast<int>(p.tiers.size())) {
    out.next_tier = p.tiers[state.tier + 1].id;
    out.to_next = std::max<std::int64_t>(p.tiers[state.tier + 1].threshold - out.value, 0);
  }
  out.next_evaluation = state.next_evaluation;
  if (state.tier > 0 && state.next_evaluation != kNever) {
    std::int64_t e = state.next_evaluation;
    std::int64_t projected = basis_between(window_start(e), e, false);
    out.to_keep = std::max<std::int64_t>(t.retain_threshold - projected, 0);
  }
  return out;
}

}  // namespace tessera::loyalty
