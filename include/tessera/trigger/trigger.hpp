// Trigger decisions: when (if ever) a survey appears on a page. A survey's
// optional `trigger` section in the site config says which page events fire
// it, on which URLs, for which audience, how often and where it is placed;
// decide() answers "which survey, now or after a delay?" for one event.
//
// The core holds no clock, no storage and no randomness here: the caller
// passes the time, the visitor id and the visitor's display history, and the
// sampling draw is a hash of visitor id and survey id, so a visitor who is
// out of a 10% sample stays out on every page and every reload.
//
//   TESSERA_ASSIGN_OR_RETURN(trigger::SurveyTrigger t,
//       trigger::parse_trigger(config["surveys"][0]["trigger"], "/surveys/0/trigger"));
//   trigger::PageEvent ev{trigger::EventType::kPageView, "https://shop.test/pricing"};
//   trigger::Visitor v;  v.id = "v-123";
//   trigger::Verdict verdict = trigger::evaluate(t, "nps", 0, ev, v, now_ms);
//   if (verdict.eligible) { /* show after t.delay_ms, at t.placement */ }
//
// docs/triggers.md is the reference for the config and the engine calls.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tessera/common/json.hpp"
#include "tessera/common/pattern.hpp"
#include "tessera/common/status.hpp"
#include "tessera/expr/expression.hpp"

namespace tessera::trigger {

enum class EventType { kPageView, kScroll, kExitIntent, kClick, kDwell, kTrack };

// "page_view", "scroll", ... ; the same names cross into JS.
std::string_view event_type_name(EventType type);

// One event that fires the survey. `amount` is the scroll depth in percent
// (1-100) or the dwell time in seconds (1-3600); `name` is a CSS selector for
// clicks or the name given to Tessera.track().
struct EventRule {
  EventType type = EventType::kPageView;
  std::int64_t amount = 0;
  std::string name;
};

enum class UrlOp { kExact, kContains, kStartsWith, kEndsWith, kRegex };

struct UrlRule {
  UrlOp op = UrlOp::kContains;
  std::string value;
  bool negate = false;             // "not": true -> the rule holds when the match fails
  std::optional<Pattern> pattern;  // compiled, for kRegex (whole-URL match)
};

struct UrlFilter {
  bool require_all = true;  // "all" (and) or "any" (or); no rules = every URL
  std::vector<UrlRule> rules;
  bool matches(std::string_view url) const;
};

enum class DisplayPolicy { kOnce, kUntilAnswered, kUpTo, kAlways };

enum class Placement { kBottomRight, kBottomLeft, kTopRight, kTopLeft, kCenter, kInline };
std::string_view placement_name(Placement placement);

struct SurveyTrigger {
  std::vector<EventRule> events;  // at least one
  UrlFilter urls;
  std::int64_t delay_ms = 0;                 // 0-3600 s, given in seconds
  std::optional<expr::Expression> audience;  // over attributes, tier, visits
  std::int64_t sample_basis_points = 10000;  // 0-10000 (= 0-100 %, 0.01 % steps)
  DisplayPolicy display = DisplayPolicy::kOnce;
  std::int64_t display_limit = 1;              // for kUpTo, 1-1000
  std::optional<std::int64_t> recontact_days;  // overrides the site's value
  std::optional<std::int64_t> starts_at_ms, ends_at_ms;
  Placement placement = Placement::kBottomRight;
};

// Parses a survey's `trigger` object; every error names its pointer.
Result<SurveyTrigger> parse_trigger(const Json& value, const std::string& path);

// What a page reports. `detail` is the scroll percent or dwell seconds;
// `name` is the matched click selector or the track() name.
struct PageEvent {
  EventType type = EventType::kPageView;
  std::string url;
  std::int64_t detail = 0;
  std::string name;
};

// One survey's display history on this device. Dismissals are counted apart
// from answers: a dismissed survey is not "answered".
struct History {
  std::int64_t shown = 0, answered = 0, dismissed = 0;
  std::optional<std::int64_t> last_shown_ms;
};

struct Visitor {
  std::string id;  // stable per device; the sampling key
  Json attributes = Json::object();
  Json tier = nullptr;  // loyalty tier name, when known
  std::int64_t visits = 0;
  std::map<std::string, History> history;  // by survey id
};

// Why a survey was not chosen; names cross into JS and docs/triggers.md.
enum class Reason {
  kNone,
  kNoTrigger,
  kEvent,
  kUrl,
  kSchedule,
  kDisplayPolicy,
  kRecontact,
  kAudience,
  kSample
};
std::string_view reason_name(Reason reason);

struct Verdict {
  bool eligible = false;
  Reason reason = Reason::kNone;
};

// Stable draw in [0, 10000): FNV-1a 64 of visitor id, a 0 byte, survey id.
std::int64_t sample_bucket(std::string_view visitor_id, std::string_view survey_id);

// Everything but the event: URL, dates, display policy, recontact wait
// (`site_recontact_days` unless the survey overrides it), audience, sample.
// The order is fixed so the reason reported is the same on every platform.
Verdict check_conditions(const SurveyTrigger& trigger, std::string_view survey_id,
                         std::int64_t site_recontact_days, std::string_view url,
                         const Visitor& visitor, std::int64_t now_ms);

// check_conditions() after testing that `event` is one of the trigger's.
Verdict evaluate(const SurveyTrigger& trigger, std::string_view survey_id,
                 std::int64_t site_recontact_days, const PageEvent& event, const Visitor& visitor,
                 std::int64_t now_ms);

}  // namespace tessera::trigger
