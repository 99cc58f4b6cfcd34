// Earning rules applied to one event; see tessera/loyalty/earning.hpp.
#include "tessera/loyalty/earning.hpp"

#include <algorithm>
#include <array>

#include "tessera/loyalty/calendar.hpp"

namespace tessera::loyalty {
namespace {

// Filter lists are short (often empty or one entry): a plain loop that
// compares lengths first beats std::find through a function call, and this
// runs for every line of every replayed purchase.
inline bool contains(const std::vector<std::string>& list, const std::string& s) {
  for (const std::string& item : list) {
    if (item.size() == s.size() && item == s) return true;
  }
  return false;
}

inline bool any_tag(const std::vector<std::string>& list, const std::vector<std::string>& tags) {
  if (list.empty()) return false;
  for (const auto& t : tags) {
    if (contains(list, t)) return true;
  }
  return false;
}

inline bool excluded(const LineFilter& f, const OrderLine& l) {
  return contains(f.skus, l.sku) || contains(f.categories, l.category) || any_tag(f.tags, l.tags);
}

inline bool matches(const LineFilter& f, const OrderLine& l) {
  return (f.skus.empty() || contains(f.skus, l.sku)) &&
         (f.categories.empty() || contains(f.categories, l.category)) &&
         (f.tags.empty() || any_tag(f.tags, l.tags));
}

bool live(const EarningRule& rule, std::int64_t at, int offset) {
  if (!rule.has_schedule) return true;
  if (at < rule.schedule.start || at >= rule.schedule.end) return false;
  LocalClock clock{offset};
  return (rule.schedule.weekdays >> clock.weekday(at)) & 1u;
}

// Per-rule state shared between a spend rule and its multipliers. No
// default member values: compute_earning clears only the entries it uses.
struct Base {
  bool applied;
  std::int64_t eligible;
};

class Calculator {
 public:
  Calculator(const Program& p, const Event& e, const EarnInput& in) : p_(p), e_(e), in_(in) {}

  bool condition_holds(const EarningRule& rule) const {
    if (rule.condition.empty() || in_.conditions == nullptr || !*in_.conditions) return true;
    static const MemberFacts kNobody;
    return in_.conditions->holds(rule, e_, in_.member != nullptr ? *in_.member : kNobody);
  }

  // Points before caps for `amount` minor units at a spend rule's rate and
  // an extra factor percent_num / 100 (100 for the base rate).
  Result<std::int64_t> at_rate(const EarningRule& spend, std::int64_t amount,
                               std::int64_t percent) const {
    // Usual magnitudes (amount < 2^38 minor units, rate < 2^11, percent <
    // 2^14, perUnits < 2^30) keep every product within 63 bits: no 128-bit
    // arithmetic, which is a library call on wasm32.
    if (amount >= 0 && amount < (std::int64_t{1} << 38) && spend.rate_points < (1 << 11) &&
        percent >= 0 && percent < (1 << 14) && spend.rate_per_units < (1 << 30)) {
      return divide_rounded64(amount * spend.rate_points * percent,
                              spend.rate_per_units * pow10(p_.currency.minor_units) * 100,
                              p_.rounding);
    }
    Wide num = static_cast<Wide>(amount) * spend.rate_points * percent;
    Wide den = static_cast<Wide>(spend.rate_per_units) * pow10(p_.currency.minor_units) * 100;
    return divide_rounded(num, den, p_.rounding);
  }

  Status spend(const EarningRule& rule, Base& base, RuleEarning& out) {
    std::int64_t eligible = 0;
    std::int64_t points = 0;
    auto add_item = [&](std::int64_t unit, std::int64_t qty) -> Status {
      std::int64_t line = 0;
      TESSERA_RETURN_IF_ERROR(checked_mul(unit, qty, line, "/lines"));
      TESSERA_RETURN_IF_ERROR(checked_add(eligible, line, eligible, "/lines"));
      if (rule.per_item) {
        TESSERA_ASSIGN_OR_RETURN(std::int64_t each, at_rate(rule, unit, 100));
        std::int64_t sum = 0;
        TESSERA_RETURN_IF_ERROR(checked_mul(each, qty, sum, "/lines"));
        TESSERA_RETURN_IF_ERROR(checked_add(points, sum, points, "/lines"));
      }
      return Status::Ok();
    };
    for (const OrderLine& l : e_.lines) {
      if (!excluded(rule.exclude, l)) TESSERA_RETURN_IF_ERROR(add_item(l.unit_price_minor, l.qty));
    }
    if (rule.include_shipping) TESSERA_RETURN_IF_ERROR(add_item(e_.shipping_minor, 1));
    if (rule.include_tax) TESSERA_RETURN_IF_ERROR(add_item(e_.tax_minor, 1));
    out.eligible_minor = eligible;
    if (eligible == 0) {
      out.verdict = Verdict::kNothingEligible;
      return Status::Ok();
    }
    if (eligible < rule.min_order_minor) {
      out.verdict = Verdict::kBelowMinimum;
      return Status::Ok();
    }
    if (!rule.per_item) {
      TESSERA_ASSIGN_OR_RETURN(points, at_rate(rule, eligible, 100));
    }
    base.applied = true;
    base.eligible = eligible;
    out.uncapped = points;
    return Status::Ok();
  }

  Status multiplier(const EarningRule& rule, const Base* bases, RuleEarning& out) {
    const EarningRule& spend_rule = p_.rules[rule.of_index];
    if (!rule.tiers.empty()) {
      bool held = in_.tier >= 0 && in_.tier < static_cast<int>(p_.tiers.tiers.size()) &&
                  contains(rule.tiers, p_.tiers.tiers[in_.tier].id);
      if (!held) {
        out.verdict = Verdict::kTierNotHeld;
        return Status::Ok();
      }
    }
    if (!bases[rule.of_index].applied) {
      out.verdict = Verdict::kNothingEligible;
      return Status::Ok();
    }
    std::int64_t matched = 0;
    if (rule.match.empty()) {
      matched = bases[rule.of_index].eligible;
    } else {
      for (const OrderLine& l : e_.lines) {
        if (excluded(spend_rule.exclude, l) || !matches(rule.match, l)) continue;
        std::int64_t line = 0;
        TESSERA_RETURN_IF_ERROR(checked_mul(l.unit_price_minor, l.qty, line, "/lines"));
        TESSERA_RETURN_IF_ERROR(checked_add(matched, line, matched, "/lines"));
      }
    }
    out.eligible_minor = matched;
    if (matched == 0) {
      out.verdict = Verdict::kNothingEligible;
      return Status::Ok();
    }
    TESSERA_ASSIGN_OR_RETURN(out.uncapped, at_rate(spend_rule, matched, rule.percent - 100));
    return Status::Ok();
  }

  Status order_bonus(const EarningRule& rule, RuleEarning& out) {
    OrderTotals t;
    if (in_.totals != nullptr) {
      t = *in_.totals;
    } else {
      TESSERA_ASSIGN_OR_RETURN(t, order_totals(e_));
    }
    out.eligible_minor = t.subtotal;
    if (t.subtotal < rule.min_order_minor) {
      out.verdict = Verdict::kBelowMinimum;
      return Status::Ok();
    }
    out.uncapped = rule.points;
    return Status::Ok();
  }

  void apply_cap(RuleEarning& out) const {
    out.points = out.uncapped;
    if (in_.cap_room == nullptr || out.verdict != Verdict::kApplied) return;
    std::int64_t room = (*in_.cap_room)[out.rule];
    if (room < out.uncapped) {
      out.points = std::max<std::int64_t>(room, 0);
      out.verdict = Verdict::kCapped;
    }
  }

  std::string explain(const EarningRule& rule, const RuleEarning& r) const {
    std::string s = rule.label + " (" + std::string(rule_kind_name(rule.kind)) + "): ";
    const std::string& cur = p_.currency.code;
    switch (r.verdict) {
      case Verdict::kOutsideSchedule:
        return s + "campaign not running at this time";
      case Verdict::kConditionFalse:
        return s + "condition not met";
      case Verdict::kBelowMinimum:
        return s + std::to_string(r.eligible_minor) + " minor units of " + cur +
               " is below the minimum order of " + std::to_string(rule.min_order_minor);
      case Verdict::kTierNotHeld:
        return s + "only for tiers the member does not hold";
      case Verdict::kNothingEligible:
        return s + "nothing eligible in this order";
      case Verdict::kApplied:
      case Verdict::kCapped:
        break;
    }
    switch (rule.kind) {
      case RuleKind::kSpend:
        s += std::to_string(rule.rate_points) + " point(s) per " +
             std::to_string(rule.rate_per_units) + " " + cur + (rule.per_item ? " per item" : "") +
             " on " + std::to_string(r.eligible_minor) + " minor units";
        break;
      case RuleKind::kMultiplier:
        s += std::to_string(rule.percent) + "% of " + p_.rules[rule.of_index].label + " on " +
             std::to_string(r.eligible_minor) + " minor units; this rule adds the part above 100%";
        break;
      case RuleKind::kOrderBonus:
      case RuleKind::kEvent:
        s += std::to_string(rule.points) + " point(s) per " +
             (rule.kind == RuleKind::kEvent ? "\"" + rule.event + "\" event" : "order");
        break;
    }
    s += " = " + std::to_string(r.uncapped);
    if (r.verdict == Verdict::kCapped) s += ", capped to " + std::to_string(r.points);
    return s;
  }

 private:
  const Program& p_;
  const Event& e_;
  const EarnInput& in_;
};

}  // namespace

std::string_view verdict_name(Verdict v) {
  switch (v) {
    case Verdict::kApplied:
      return "applied";
    case Verdict::kCapped:
      return "capped";
    case Verdict::kOutsideSchedule:
      return "outside_schedule";
    case Verdict::kConditionFalse:
      return "condition_false";
    case Verdict::kBelowMinimum:
      return "below_minimum";
    case Verdict::kTierNotHeld:
      return "tier_not_held";
    case Verdict::kNothingEligible:
      return "nothing_eligible";
  }
  return "applied";
}

Result<OrderTotals> order_totals(const Event& e) {
  OrderTotals t;
  for (const OrderLine& l : e.lines) {
    std::int64_t line = 0;
    TESSERA_RETURN_IF_ERROR(checked_mul(l.unit_price_minor, l.qty, line, "/lines"));
    TESSERA_RETURN_IF_ERROR(checked_add(t.subtotal, line, t.subtotal, "/lines"));
  }
  TESSERA_RETURN_IF_ERROR(checked_add(t.subtotal, e.shipping_minor, t.total, "/shippingMinor"));
  TESSERA_RETURN_IF_ERROR(checked_add(t.total, e.tax_minor, t.total, "/taxMinor"));
  return t;
}

Status compute_earning(const Program& program, const Event& event, const EarnInput& input,
                       std::vector<RuleEarning>& out) {
  out.clear();
  bool purchase = event.kind == EventKind::kPurchase;
  if (!purchase && event.kind != EventKind::kCustom) return Status::Ok();
  if (purchase && event.currency != program.currency.code) {
    return Status(
        Code::kInvalidValue,
        "unknown currency \"" + event.currency + "\"; this program uses " + program.currency.code,
        "/currency");
  }
  Calculator calc(program, event, input);
  // Per spend rule: did it apply, on how much. On the stack for the usual
  // handful of rules (this runs once per replayed event).
  constexpr std::size_t kInlineRules = 32;
  std::array<Base, kInlineRules> inline_bases;
  std::vector<Base> heap_bases;
  Base* bases = inline_bases.data();
  if (purchase) {
    if (program.rules.size() > kInlineRules) {
      heap_bases.resize(program.rules.size());
      bases = heap_bases.data();
    }
    for (std::size_t i = 0; i < program.rules.size(); ++i) bases[i] = Base{false, 0};
  }
  // One result per rule that concerns the event, in rule order, filled in
  // place: spend rules first, since multipliers read their base whatever
  // the priorities.
  for (std::size_t i = 0; i < program.rules.size(); ++i) {
    const EarningRule& rule = program.rules[i];
    bool concerns = purchase ? rule.kind != RuleKind::kEvent
                             : rule.kind == RuleKind::kEvent && rule.event == event.name;
    if (concerns) {
      out.emplace_back();
      out.back().rule = static_cast<int>(i);
    }
  }
  for (int pass = 0; pass < 2; ++pass) {
    for (RuleEarning& r : out) {
      const EarningRule& rule = program.rules[r.rule];
      bool spend_pass = rule.kind == RuleKind::kSpend;
      if ((pass == 0) != (purchase && spend_pass)) continue;
      if (!live(rule, event.at, program.utc_offset_minutes)) {
        r.verdict = Verdict::kOutsideSchedule;
      } else if (!calc.condition_holds(rule)) {
        r.verdict = Verdict::kConditionFalse;
      } else if (rule.kind == RuleKind::kSpend) {
        TESSERA_RETURN_IF_ERROR(calc.spend(rule, bases[r.rule], r));
      } else if (rule.kind == RuleKind::kMultiplier) {
        TESSERA_RETURN_IF_ERROR(calc.multiplier(rule, bases, r));
      } else if (rule.kind == RuleKind::kOrderBonus) {
        TESSERA_RETURN_IF_ERROR(calc.order_bonus(rule, r));
      } else {
        r.uncapped = rule.points;
      }
      calc.apply_cap(r);
      if (input.explain) r.why = calc.explain(rule, r);
    }
  }
  return Status::Ok();
}

}  // namespace tessera::loyalty
