// Daily and lifetime epsilon accounting; see tessera/privacy/budget.hpp.
#include "tessera/privacy/budget.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace tessera::privacy {
namespace {

std::string as_epsilon(std::int64_t millis) {
  std::string frac = std::to_string(millis % 1000);
  return std::to_string(millis / 1000) + "." + std::string(3 - frac.size(), '0') + frac;
}

// Floor division: days before 1970 stay ordered.
std::int64_t day_of(std::int64_t ms) {
  std::int64_t d = ms / PrivacyBudget::kDayMillis;
  return (ms % PrivacyBudget::kDayMillis < 0) ? d - 1 : d;
}

Result<std::int64_t> read_epsilon_millis(const FieldReader& reader, std::string_view key,
                                         std::int64_t fallback) {
  const Json* v = reader.find(key);
  if (v == nullptr) return fallback;
  if (!v->is_number()) return Status(Code::kInvalidType, "expected a number", reader.path_of(key));
  const double eps = v->get<double>();
  if (!(eps > 0.0) || eps > 1000.0) {
    return Status(Code::kOutOfRange, "expected an epsilon above 0 and at most 1000",
                  reader.path_of(key));
  }
  return static_cast<std::int64_t>(std::floor(eps * 1000.0 + 0.5));
}

}  // namespace

Result<BudgetPolicy> parse_budget_policy(const Json& value, const std::string& path) {
  TESSERA_RETURN_IF_ERROR(expect_object(value, path));
  FieldReader reader(value, path);
  TESSERA_RETURN_IF_ERROR(reader.reject_unknown({"dailyEpsilon", "lifetimeEpsilon"}));
  BudgetPolicy policy;
  TESSERA_ASSIGN_OR_RETURN(policy.daily_cap_millis,
                           read_epsilon_millis(reader, "dailyEpsilon", policy.daily_cap_millis));
  TESSERA_ASSIGN_OR_RETURN(
      policy.lifetime_cap_millis,
      read_epsilon_millis(reader, "lifetimeEpsilon", policy.lifetime_cap_millis));
  if (policy.daily_cap_millis > policy.lifetime_cap_millis) {
    return Status(Code::kInvalidValue, "the daily cap cannot exceed the lifetime cap",
                  reader.path_of("dailyEpsilon"));
  }
  return policy;
}

std::int64_t PrivacyBudget::effective_day(std::int64_t now_ms) const {
  return std::max(day_, day_of(now_ms));
}

std::int64_t PrivacyBudget::spent_today_millis(std::int64_t now_ms) const {
  return effective_day(now_ms) == day_ ? today_millis_ : 0;
}

bool PrivacyBudget::allows(Epsilon epsilon, std::int64_t now_ms, const BudgetPolicy& policy) const {
  return epsilon.valid() &&
         spent_today_millis(now_ms) + epsilon.millis() <= policy.daily_cap_millis &&
         lifetime_millis_ + epsilon.millis() <= policy.lifetime_cap_millis;
}

Status PrivacyBudget::charge(Epsilon epsilon, std::int64_t now_ms, const BudgetPolicy& policy) {
  if (!epsilon.valid()) return Status(Code::kOutOfRange, "epsilon must be from 0.001 to 10");
  const std::int64_t today = spent_today_millis(now_ms);
  if (today + epsilon.millis() > policy.daily_cap_millis) {
    return Status(Code::kLimitExceeded, "daily privacy budget: spent " + as_epsilon(today) +
                                            " of " + as_epsilon(policy.daily_cap_millis) +
                                            ", this report costs " + as_epsilon(epsilon.millis()));
  }
  if (lifetime_millis_ + epsilon.millis() > policy.lifetime_cap_millis) {
    return Status(Code::kLimitExceeded, "lifetime privacy budget: spent " +
                                            as_epsilon(lifetime_millis_) + " of " +
                                            as_epsilon(policy.lifetime_cap_millis) +
                                            ", this report costs " + as_epsilon(epsilon.millis()));
  }
  day_ = effective_day(now_ms);
  today_millis_ = today + epsilon.millis();
  lifetime_millis_ += epsilon.millis();
  return Status::Ok();
}

Json PrivacyBudget::to_json() const {
  return Json{{"day", day_}, {"todayMillis", today_millis_}, {"lifetimeMillis", lifetime_millis_}};
}

Result<PrivacyBudget> PrivacyBudget::from_json(const Json& value) {
  TESSERA_RETURN_IF_ERROR(expect_object(value, ""));
  FieldReader reader(value, "");
  TESSERA_RETURN_IF_ERROR(reader.reject_unknown({"day", "todayMillis", "lifetimeMillis"}));
  PrivacyBudget b;
  // Days up to year ~9999; spends bounded so that sums never overflow.
  TESSERA_ASSIGN_OR_RETURN(b.day_, reader.required_int("day", -1'000'000, 3'000'000));
  TESSERA_ASSIGN_OR_RETURN(b.today_millis_, reader.required_int("todayMillis", 0, 1'000'000'000));
  TESSERA_ASSIGN_OR_RETURN(b.lifetime_millis_,
                           reader.required_int("lifetimeMillis", 0, 1'000'000'000));
  if (b.today_millis_ > b.lifetime_millis_) {
    return Status(Code::kInvalidValue, "today's spend exceeds the lifetime spend", "/todayMillis");
  }
  return b;
}

}  // namespace tessera::privacy
