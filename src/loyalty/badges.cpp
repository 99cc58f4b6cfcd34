// Badges: counts ("3 surveys") and streaks ("a purchase 4 weeks in a row").
// A streak advances once per local period with at least one matching event
// and breaks when a whole period passes without one. Refunds do not take
// badges back: a badge records something the member did.
#include <algorithm>

#include "tessera/loyalty/ledger.hpp"

namespace tessera::loyalty {

std::int64_t Ledger::streak_period(StreakPeriod p, std::int64_t t) const {
  switch (p) {
    case StreakPeriod::kDay:
      return clock_.day_index(t);
    case StreakPeriod::kWeek:
      return clock_.week_index(t);
    case StreakPeriod::kMonth:
      return clock_.month_index(t);
  }
  return 0;
}

void Ledger::count_for_badges(std::string_view name, std::int64_t at) {
  for (std::size_t b = 0; b < program_.badges.size(); ++b) {
    const Badge& badge = program_.badges[b];
    BadgeState& s = badge_state_[b];
    if (badge.event != name || (!badge.repeat && s.awards > 0)) continue;
    bool award = false;
    if (badge.kind == BadgeKind::kCount) {
      award = ++s.count == badge.target;
      if (award) s.count = 0;
    } else {
      std::int64_t period = streak_period(badge.period, at);
      if (period == s.last_period) continue;
      s.streak = period == s.last_period + 1 ? s.streak + 1 : 1;
      s.last_period = period;
      // A repeating streak badge is awarded again at every `target` periods.
      award = s.streak % badge.target == 0;
    }
    if (!award) continue;
    ++s.awards;
    if (s.first_award == kNever) s.first_award = at;
    s.last_award = at;
    badge_awards_.push_back({static_cast<int>(b), at});
  }
}

std::vector<BadgeStatus> Ledger::badges(std::int64_t now) const {
  now = std::max(now, as_of_);
  std::vector<BadgeStatus> out;
  for (std::size_t b = 0; b < program_.badges.size(); ++b) {
    const Badge& badge = program_.badges[b];
    const BadgeState& s = badge_state_[b];
    BadgeStatus st;
    st.id = badge.id;
    st.name = badge.name;
    st.awards = s.awards;
    st.first_award = s.first_award;
    st.last_award = s.last_award;
    st.target = badge.target;
    bool done = !badge.repeat && s.awards > 0;
    if (done) {
      st.progress = badge.target;
    } else if (badge.kind == BadgeKind::kCount) {
      st.progress = s.count;
    } else {
      // Still alive if the last active period is this one or the one before.
      bool alive =
          s.last_period != INT64_MIN && s.last_period >= streak_period(badge.period, now) - 1;
      st.progress = alive ? s.streak % badge.target : 0;
    }
    out.push_back(std::move(st));
  }
  return out;
}

}  // namespace tessera::loyalty
