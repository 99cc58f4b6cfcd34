// Per-device privacy budget: how much epsilon a device has spent today and in
// its lifetime, so that a stream of reports cannot add up to no privacy.
//
// Under sequential composition, the privacy losses of reports about one
// person add up. Apple's deployment renews a daily budget forever, which is
// unbounded over time; here a lifetime cap bounds the total as well. A report
// is refused (kLimitExceeded) when it would push either sum over its cap, and
// a refused report spends nothing. Days are UTC days (epoch ms / 86,400,000).
// A clock that goes backwards does not reset the day: the spend stays on the
// latest day seen, so turning the clock back buys nothing.
//
// The state is plain data persisted by the caller (JSON), next to the profile:
//
//   BudgetPolicy policy;  // defaults: 2 per day, 20 per lifetime
//   PrivacyBudget budget = *PrivacyBudget::from_json(stored);
//   if (budget.charge(Epsilon::from_millis(500), now_ms, policy).ok()) { ... }
//   save(dump_json(budget.to_json()));
#pragma once

#include <cstdint>

#include "tessera/common/json.hpp"
#include "tessera/privacy/mechanism.hpp"

namespace tessera::privacy {

struct BudgetPolicy {
  std::int64_t daily_cap_millis = 2000;      // epsilon 2 per UTC day
  std::int64_t lifetime_cap_millis = 20000;  // epsilon 20 per device, ever
};

// Reads {"dailyEpsilon": 2, "lifetimeEpsilon": 20}. Errors with JSON
// pointers: non-positive caps, a daily cap above the lifetime cap.
Result<BudgetPolicy> parse_budget_policy(const Json& value, const std::string& path);

class PrivacyBudget {
 public:
  static constexpr std::int64_t kDayMillis = 86'400'000;

  // Spends `epsilon` at time now_ms, or returns kLimitExceeded and spends
  // nothing. kOutOfRange for an invalid epsilon.
  Status charge(Epsilon epsilon, std::int64_t now_ms, const BudgetPolicy& policy);
  // Whether charge() would succeed, without spending.
  bool allows(Epsilon epsilon, std::int64_t now_ms, const BudgetPolicy& policy) const;

  std::int64_t spent_today_millis(std::int64_t now_ms) const;
  std::int64_t spent_lifetime_millis() const { return lifetime_millis_; }

  // {"day": 19800, "todayMillis": 1500, "lifetimeMillis": 12000}
  Json to_json() const;
  // Errors with JSON pointers for missing or out-of-range fields. A stored
  // spend above the current caps is kept as is: it refuses every further
  // report, where resetting it would hand out fresh budget.
  static Result<PrivacyBudget> from_json(const Json& value);

 private:
  std::int64_t effective_day(std::int64_t now_ms) const;

  std::int64_t day_ = 0;  // latest UTC day with a charge
  std::int64_t today_millis_ = 0;
  std::int64_t lifetime_millis_ = 0;
};

}  // namespace tessera::privacy
