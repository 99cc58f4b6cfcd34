// Trigger conditions; see tessera/trigger/trigger.hpp and docs/triggers.md.
#include <algorithm>

#include "tessera/trigger/trigger.hpp"

namespace tessera::trigger {
namespace {

constexpr std::int64_t kDayMs = 86'400'000;

bool rule_matches(const UrlRule& rule, std::string_view url) {
  bool hit = false;
  const std::string& v = rule.value;
  switch (rule.op) {
    case UrlOp::kExact:
      hit = url == v;
      break;
    case UrlOp::kContains:
      hit = url.find(v) != std::string_view::npos;
      break;
    case UrlOp::kStartsWith:
      hit = url.size() >= v.size() && url.compare(0, v.size(), v) == 0;
      break;
    case UrlOp::kEndsWith:
      hit = url.size() >= v.size() && url.compare(url.size() - v.size(), v.size(), v) == 0;
      break;
    case UrlOp::kRegex:
      hit = rule.pattern && rule.pattern->matches(url);
      break;
  }
  return hit != rule.negate;
}

bool event_matches(const EventRule& rule, const PageEvent& event) {
  if (rule.type != event.type) return false;
  switch (rule.type) {
    // A deeper scroll or a longer dwell than asked for also fires: the page
    // reports thresholds as they are crossed and may skip one.
    case EventType::kScroll:
    case EventType::kDwell:
      return event.detail >= rule.amount;
    case EventType::kClick:
    case EventType::kTrack:
      return event.name == rule.name;
    default:
      return true;
  }
}

// The audience sees the visitor as {attributes, tier, visits}.
Json audience_values(const Visitor& v) {
  return Json{{"attributes", v.attributes}, {"tier", v.tier}, {"visits", v.visits}};
}

}  // namespace

std::string_view event_type_name(EventType type) {
  switch (type) {
    case EventType::kPageView:
      return "page_view";
    case EventType::kScroll:
      return "scroll";
    case EventType::kExitIntent:
      return "exit_intent";
    case EventType::kClick:
      return "click";
    case EventType::kDwell:
      return "dwell";
    case EventType::kTrack:
      return "track";
  }
  return "page_view";
}

std::string_view placement_name(Placement placement) {
  switch (placement) {
    case Placement::kBottomRight:
      return "bottom-right";
    case Placement::kBottomLeft:
      return "bottom-left";
    case Placement::kTopRight:
      return "top-right";
    case Placement::kTopLeft:
      return "top-left";
    case Placement::kCenter:
      return "center";
    case Placement::kInline:
      return "inline";
  }
  return "bottom-right";
}

std::string_view reason_name(Reason reason) {
  switch (reason) {
    case Reason::kNone:
      return "none";
    case Reason::kNoTrigger:
      return "no_trigger";
    case Reason::kEvent:
      return "event";
    case Reason::kUrl:
      return "url";
    case Reason::kSchedule:
      return "schedule";
    case Reason::kDisplayPolicy:
      return "display_policy";
    case Reason::kRecontact:
      return "recontact";
    case Reason::kAudience:
      return "audience";
    case Reason::kSample:
      return "sample";
  }
  return "none";
}

bool UrlFilter::matches(std::string_view url) const {
  if (rules.empty()) return true;
  for (const auto& rule : rules) {
    bool hit = rule_matches(rule, url);
    if (require_all && !hit) return false;
    if (!require_all && hit) return true;
  }
  return require_all;
}

std::int64_t sample_bucket(std::string_view visitor_id, std::string_view survey_id) {
  // FNV-1a 64: tiny, specified exactly, the same on every platform. It is not
  // a secret: a visitor who edits their id only changes their own sample.
  std::uint64_t h = 0xcbf29ce484222325ULL;
  auto mix = [&h](unsigned char c) {
    h ^= c;
    h *= 0x100000001b3ULL;
  };
  for (unsigned char c : visitor_id) mix(c);
  mix(0);
  for (unsigned char c : survey_id) mix(c);
  return static_cast<std::int64_t>(h % 10000);
}

Verdict check_conditions(const SurveyTrigger& t, std::string_view survey_id,
                         std::int64_t site_recontact_days, std::string_view url,
                         const Visitor& visitor, std::int64_t now_ms) {
  if (!t.urls.matches(url)) return {false, Reason::kUrl};
  if ((t.starts_at_ms && now_ms < *t.starts_at_ms) || (t.ends_at_ms && now_ms >= *t.ends_at_ms)) {
    return {false, Reason::kSchedule};
  }
  History mine;
  if (auto it = visitor.history.find(std::string(survey_id)); it != visitor.history.end()) {
    mine = it->second;
  }
  bool allowed = true;
  switch (t.display) {
    case DisplayPolicy::kOnce:
      allowed = mine.shown == 0;
      break;
    case DisplayPolicy::kUntilAnswered:
      allowed = mine.answered == 0;
      break;
    case DisplayPolicy::kUpTo:
      allowed = mine.shown < t.display_limit;
      break;
    case DisplayPolicy::kAlways:
      break;
  }
  if (!allowed) return {false, Reason::kDisplayPolicy};
  // The wait runs from the last time any survey was shown: a visitor asked
  // one question today is not asked another until the wait is over.
  std::int64_t wait_days = t.recontact_days.value_or(site_recontact_days);
  if (wait_days > 0) {
    std::optional<std::int64_t> last;
    for (const auto& [id, h] : visitor.history) {
      if (h.last_shown_ms) last = std::max(last.value_or(*h.last_shown_ms), *h.last_shown_ms);
    }
    if (last && now_ms - *last < wait_days * kDayMs) return {false, Reason::kRecontact};
  }
  if (t.audience && !t.audience->test(audience_values(visitor), {now_ms, 0})) {
    return {false, Reason::kAudience};
  }
  if (sample_bucket(visitor.id, survey_id) >= t.sample_basis_points) {
    return {false, Reason::kSample};
  }
  return {true, Reason::kNone};
}

Verdict evaluate(const SurveyTrigger& t, std::string_view survey_id,
                 std::int64_t site_recontact_days, const PageEvent& event, const Visitor& visitor,
                 std::int64_t now_ms) {
  bool fired = std::any_of(t.events.begin(), t.events.end(),
                           [&](const EventRule& r) { return event_matches(r, event); });
  if (!fired) return {false, Reason::kEvent};
  return check_conditions(t, survey_id, site_recontact_days, event.url, visitor, now_ms);
}

}  // namespace tessera::trigger
