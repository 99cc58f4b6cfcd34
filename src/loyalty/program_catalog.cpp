// Program parsing: tier policy, rewards catalog and badges.
#include <set>

#include "program_parse.hpp"

namespace tessera::loyalty::detail {
namespace {

constexpr std::size_t kMaxTiers = 20;
constexpr std::size_t kMaxRewards = 500;
constexpr std::size_t kMaxBadges = 100;

Status read_basis(const FieldReader& t, TierPolicy& p) {
  TESSERA_ASSIGN_OR_RETURN(std::string basis, t.optional_string("basis", "points", 16));
  if (basis == "points") {
    p.basis = TierBasis::kPoints;
  } else if (basis == "spend") {
    p.basis = TierBasis::kSpend;
  } else if (basis == "purchases") {
    p.basis = TierBasis::kPurchases;
  } else if (basis == "score") {
    p.basis = TierBasis::kScore;
  } else {
    // "balance" is refused on purpose: spending points must never demote.
    return Status(Code::kInvalidValue, "expected one of: points, spend, purchases, score",
                  t.path_of("basis"));
  }
  const Json* w = t.find("weights");
  if (p.basis != TierBasis::kScore) {
    if (w != nullptr) {
      return Status(Code::kInvalidValue, "weights apply only to the score basis",
                    t.path_of("weights"));
    }
    return Status::Ok();
  }
  std::string at = t.path_of("weights");
  if (w == nullptr) return Status(Code::kMissingField, "a score basis needs weights", at);
  TESSERA_RETURN_IF_ERROR(expect_object(*w, at));
  FieldReader wr(*w, at);
  TESSERA_RETURN_IF_ERROR(wr.reject_unknown({"points", "spend", "purchases"}));
  TESSERA_ASSIGN_OR_RETURN(p.weight_points, wr.optional_int("points", 0, 0, 1000));
  TESSERA_ASSIGN_OR_RETURN(p.weight_spend, wr.optional_int("spend", 0, 0, 1000));
  TESSERA_ASSIGN_OR_RETURN(p.weight_purchases, wr.optional_int("purchases", 0, 0, 1'000'000));
  if (p.weight_points + p.weight_spend + p.weight_purchases == 0) {
    return Status(Code::kInvalidValue, "at least one weight must be positive", at);
  }
  return Status::Ok();
}

Status read_window(const FieldReader& t, TierPolicy& p) {
  const Json* w = t.find("window");
  if (w == nullptr) return Status::Ok();  // lifetime
  std::string at = t.path_of("window");
  TESSERA_RETURN_IF_ERROR(expect_object(*w, at));
  FieldReader wr(*w, at);
  TESSERA_ASSIGN_OR_RETURN(std::string kind, wr.required_string("kind", 32));
  if (kind == "rolling_months") {
    TESSERA_RETURN_IF_ERROR(wr.reject_unknown({"kind", "months"}));
    p.window = TierWindow::kRollingMonths;
    TESSERA_ASSIGN_OR_RETURN(p.window_months, wr.required_int("months", 1, 120));
  } else if (kind == "calendar_year" || kind == "lifetime") {
    TESSERA_RETURN_IF_ERROR(wr.reject_unknown({"kind"}));
    p.window = kind == "lifetime" ? TierWindow::kLifetime : TierWindow::kCalendarYear;
  } else {
    return Status(Code::kInvalidValue, "expected one of: rolling_months, calendar_year, lifetime",
                  wr.path_of("kind"));
  }
  return Status::Ok();
}

Status read_downgrade(const FieldReader& t, TierPolicy& p) {
  TESSERA_ASSIGN_OR_RETURN(std::string mode, t.optional_string("downgrade", "never", 16));
  if (mode == "never") {
    p.downgrade = Downgrade::kNever;
  } else if (mode == "one_level") {
    p.downgrade = Downgrade::kOneLevel;
  } else if (mode == "reevaluate") {
    p.downgrade = Downgrade::kReevaluate;
  } else {
    return Status(Code::kInvalidValue, "expected one of: never, one_level, reevaluate",
                  t.path_of("downgrade"));
  }
  TESSERA_ASSIGN_OR_RETURN(std::string every, t.optional_string("evaluate", "yearly", 16));
  if (every == "monthly") {
    p.evaluate_every = EvaluationCadence::kMonthly;
  } else if (every == "yearly") {
    p.evaluate_every = EvaluationCadence::kYearly;
  } else {
    return Status(Code::kInvalidValue, "expected monthly or yearly", t.path_of("evaluate"));
  }
  return Status::Ok();
}

}  // namespace

Status read_tiers(const Json& value, const std::string& path, Program& program) {
  TESSERA_RETURN_IF_ERROR(expect_object(value, path));
  FieldReader t(value, path);
  TESSERA_RETURN_IF_ERROR(
      t.reject_unknown({"basis", "weights", "window", "downgrade", "evaluate", "levels"}));
  TierPolicy& p = program.tiers;
  p.enabled = true;
  TESSERA_RETURN_IF_ERROR(read_basis(t, p));
  TESSERA_RETURN_IF_ERROR(read_window(t, p));
  TESSERA_RETURN_IF_ERROR(read_downgrade(t, p));
  const Json* levels = t.find("levels");
  std::string at = t.path_of("levels");
  if (levels == nullptr) return Status(Code::kMissingField, "required field is missing", at);
  TESSERA_RETURN_IF_ERROR(expect_array(*levels, at, 1, kMaxTiers));
  std::set<std::string> ids;
  for (std::size_t i = 0; i < levels->size(); ++i) {
    std::string li = pointer_join(at, i);
    TESSERA_RETURN_IF_ERROR(expect_object((*levels)[i], li));
    FieldReader l((*levels)[i], li);
    TESSERA_RETURN_IF_ERROR(
        l.reject_unknown({"id", "name", "threshold", "retainThreshold", "multiplierPercent"}));
    Tier tier;
    TESSERA_ASSIGN_OR_RETURN(tier.id, l.required_id("id"));
    if (!ids.insert(tier.id).second) {
      return Status(Code::kDuplicateId, "two tiers share this id", l.path_of("id"));
    }
    TESSERA_ASSIGN_OR_RETURN(tier.name, l.optional_string("name", tier.id, 100));
    TESSERA_ASSIGN_OR_RETURN(tier.threshold, l.required_int("threshold", 0, kMaxAmount));
    if (i == 0 && tier.threshold != 0) {
      return Status(Code::kInvalidValue, "the first tier is where everyone starts: threshold 0",
                    l.path_of("threshold"));
    }
    if (i > 0 && tier.threshold <= p.tiers.back().threshold) {
      return Status(Code::kInvalidValue,
                    "tiers must be listed with strictly increasing thresholds; the previous tier "
                    "needs " +
                        std::to_string(p.tiers.back().threshold),
                    l.path_of("threshold"));
    }
    TESSERA_ASSIGN_OR_RETURN(tier.retain_threshold,
                             l.optional_int("retainThreshold", tier.threshold, 0, tier.threshold));
    TESSERA_ASSIGN_OR_RETURN(tier.multiplier_percent,
                             l.optional_int("multiplierPercent", 100, 100, 10'000));
    p.tiers.push_back(std::move(tier));
  }
  return Status::Ok();
}

Status read_rewards(const Json& value, const std::string& path, Program& program) {
  TESSERA_RETURN_IF_ERROR(expect_array(value, path, 0, kMaxRewards));
  for (std::size_t i = 0; i < value.size(); ++i) {
    std::string at = pointer_join(path, i);
    TESSERA_RETURN_IF_ERROR(expect_object(value[i], at));
    FieldReader r(value[i], at);
    TESSERA_RETURN_IF_ERROR(
        r.reject_unknown({"id", "name", "points", "tierPoints", "limitPerMember"}));
    Reward reward;
    TESSERA_ASSIGN_OR_RETURN(reward.id, r.required_id("id"));
    if (program.reward_index(reward.id) >= 0) {
      return Status(Code::kDuplicateId, "two rewards share this id", r.path_of("id"));
    }
    TESSERA_ASSIGN_OR_RETURN(reward.name, r.optional_string("name", reward.id, 200));
    TESSERA_ASSIGN_OR_RETURN(reward.price, r.required_int("points", 1, kMaxAmount));
    reward.tier_prices.assign(program.tiers.tiers.size(), -1);
    if (const Json* tp = r.find("tierPoints")) {
      std::string tat = r.path_of("tierPoints");
      TESSERA_RETURN_IF_ERROR(expect_object(*tp, tat));
      for (auto it = tp->begin(); it != tp->end(); ++it) {
        std::string kat = pointer_join(tat, it.key());
        int tier = program.tier_index(it.key());
        if (tier < 0) return Status(Code::kNotFound, "unknown tier", kat);
        TESSERA_ASSIGN_OR_RETURN(reward.tier_prices[tier], read_int(*it, kat, 1, kMaxAmount));
      }
    }
    TESSERA_ASSIGN_OR_RETURN(reward.limit_per_member,
                             r.optional_int("limitPerMember", 0, 0, 1'000'000));
    program.rewards.push_back(std::move(reward));
  }
  return Status::Ok();
}

Status read_badges(const Json& value, const std::string& path, Program& program) {
  TESSERA_RETURN_IF_ERROR(expect_array(value, path, 0, kMaxBadges));
  std::set<std::string> ids;
  for (std::size_t i = 0; i < value.size(); ++i) {
    std::string at = pointer_join(path, i);
    TESSERA_RETURN_IF_ERROR(expect_object(value[i], at));
    FieldReader b(value[i], at);
    TESSERA_RETURN_IF_ERROR(b.reject_unknown({"id", "name", "event", "count", "streak", "repeat"}));
    Badge badge;
    TESSERA_ASSIGN_OR_RETURN(badge.id, b.required_id("id"));
    if (!ids.insert(badge.id).second) {
      return Status(Code::kDuplicateId, "two badges share this id", b.path_of("id"));
    }
    TESSERA_ASSIGN_OR_RETURN(badge.name, b.optional_string("name", badge.id, 200));
    TESSERA_ASSIGN_OR_RETURN(badge.event, b.required_id("event"));
    TESSERA_ASSIGN_OR_RETURN(badge.repeat, b.optional_bool("repeat", false));
    const Json* streak = b.find("streak");
    if (b.has("count") == (streak != nullptr)) {
      return Status(Code::kInvalidValue, "a badge needs exactly one of count or streak", at);
    }
    if (streak == nullptr) {
      badge.kind = BadgeKind::kCount;
      TESSERA_ASSIGN_OR_RETURN(badge.target, b.required_int("count", 1, 1'000'000));
      program.badges.push_back(std::move(badge));
      continue;
    }
    std::string sat = b.path_of("streak");
    TESSERA_RETURN_IF_ERROR(expect_object(*streak, sat));
    FieldReader s(*streak, sat);
    TESSERA_RETURN_IF_ERROR(s.reject_unknown({"period", "length"}));
    badge.kind = BadgeKind::kStreak;
    TESSERA_ASSIGN_OR_RETURN(std::string period, s.required_string("period", 16));
    if (period == "day") {
      badge.period = StreakPeriod::kDay;
    } else if (period == "week") {
      badge.period = StreakPeriod::kWeek;
    } else if (period == "month") {
      badge.period = StreakPeriod::kMonth;
    } else {
      return Status(Code::kInvalidValue, "expected day, week or month", s.path_of("period"));
    }
    TESSERA_ASSIGN_OR_RETURN(badge.target, s.required_int("length", 2, 1000));
    program.badges.push_back(std::move(badge));
  }
  return Status::Ok();
}

}  // namespace tessera::loyalty::detail
