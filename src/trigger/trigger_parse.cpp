// Parsing a survey's `trigger` section; see tessera/trigger/trigger.hpp.
#include <cmath>

#include "tessera/trigger/trigger.hpp"

namespace tessera::trigger {
namespace {

// Largest epoch-millisecond value accepted (year 9999), as in the engine.
constexpr std::int64_t kMaxEpochMs = 253402300799999;

Result<EventRule> parse_event(const Json& value, const std::string& path) {
  TESSERA_RETURN_IF_ERROR(expect_object(value, path));
  FieldReader r(value, path);
  TESSERA_ASSIGN_OR_RETURN(std::string type, r.required_string("type", 32));
  EventRule rule;
  if (type == "page_view" || type == "exit_intent") {
    TESSERA_RETURN_IF_ERROR(r.reject_unknown({"type"}));
    rule.type = type == "page_view" ? EventType::kPageView : EventType::kExitIntent;
  } else if (type == "scroll") {
    TESSERA_RETURN_IF_ERROR(r.reject_unknown({"type", "percent"}));
    rule.type = EventType::kScroll;
    TESSERA_ASSIGN_OR_RETURN(rule.amount, r.required_int("percent", 1, 100));
  } else if (type == "dwell") {
    TESSERA_RETURN_IF_ERROR(r.reject_unknown({"type", "seconds"}));
    rule.type = EventType::kDwell;
    TESSERA_ASSIGN_OR_RETURN(rule.amount, r.required_int("seconds", 1, 3600));
  } else if (type == "click") {
    TESSERA_RETURN_IF_ERROR(r.reject_unknown({"type", "selector"}));
    rule.type = EventType::kClick;
    TESSERA_ASSIGN_OR_RETURN(rule.name, r.required_string("selector", 200));
    if (rule.name.empty()) {
      return Status(Code::kInvalidValue, "expected a CSS selector", r.path_of("selector"));
    }
  } else if (type == "track") {
    TESSERA_RETURN_IF_ERROR(r.reject_unknown({"type", "name"}));
    rule.type = EventType::kTrack;
    TESSERA_ASSIGN_OR_RETURN(rule.name, r.required_id("name"));
  } else {
    return Status(Code::kInvalidValue,
                  "expected one of page_view, scroll, exit_intent, click, dwell, track",
                  r.path_of("type"));
  }
  return rule;
}

Result<UrlRule> parse_url_rule(const Json& value, const std::string& path) {
  TESSERA_RETURN_IF_ERROR(expect_object(value, path));
  FieldReader r(value, path);
  TESSERA_RETURN_IF_ERROR(r.reject_unknown({"match", "value", "not"}));
  TESSERA_ASSIGN_OR_RETURN(std::string op, r.required_string("match", 32));
  UrlRule rule;
  if (op == "exact") {
    rule.op = UrlOp::kExact;
  } else if (op == "contains") {
    rule.op = UrlOp::kContains;
  } else if (op == "startsWith") {
    rule.op = UrlOp::kStartsWith;
  } else if (op == "endsWith") {
    rule.op = UrlOp::kEndsWith;
  } else if (op == "regex") {
    rule.op = UrlOp::kRegex;
  } else {
    return Status(Code::kInvalidValue,
                  "expected one of exact, contains, startsWith, endsWith, regex",
                  r.path_of("match"));
  }
  TESSERA_ASSIGN_OR_RETURN(rule.value, r.required_string("value", 2048));
  TESSERA_ASSIGN_OR_RETURN(rule.negate, r.optional_bool("not", false));
  if (rule.op == UrlOp::kRegex) {
    TESSERA_ASSIGN_OR_RETURN(Pattern p, Pattern::compile(rule.value, r.path_of("value")));
    rule.pattern = std::move(p);
  }
  return rule;
}

Result<UrlFilter> parse_url_filter(const Json& value, const std::string& path) {
  TESSERA_RETURN_IF_ERROR(expect_object(value, path));
  FieldReader r(value, path);
  TESSERA_RETURN_IF_ERROR(r.reject_unknown({"all", "any"}));
  if (r.has("all") == r.has("any")) {
    return Status(Code::kInvalidValue, "expected exactly one of \"all\" or \"any\"", path);
  }
  UrlFilter filter;
  filter.require_all = r.has("all");
  std::string at = r.path_of(filter.require_all ? "all" : "any");
  const Json& rules = *r.find(filter.require_all ? "all" : "any");
  TESSERA_RETURN_IF_ERROR(expect_array(rules, at, 1, 50));
  for (std::size_t i = 0; i < rules.size(); ++i) {
    TESSERA_ASSIGN_OR_RETURN(UrlRule rule, parse_url_rule(rules[i], pointer_join(at, i)));
    filter.rules.push_back(std::move(rule));
  }
  return filter;
}

// "once" | "untilAnswered" | "always" | {"upTo": N}.
Status parse_display(const Json& value, const std::string& path, SurveyTrigger& out) {
  if (value.is_string()) {
    const auto& s = value.get_ref<const std::string&>();
    if (s == "once") {
      out.display = DisplayPolicy::kOnce;
    } else if (s == "untilAnswered") {
      out.display = DisplayPolicy::kUntilAnswered;
    } else if (s == "always") {
      out.display = DisplayPolicy::kAlways;
    } else {
      return Status(Code::kInvalidValue,
                    "expected \"once\", \"untilAnswered\", \"always\" or {\"upTo\": n}", path);
    }
    return Status();
  }
  TESSERA_RETURN_IF_ERROR(expect_object(value, path));
  FieldReader r(value, path);
  TESSERA_RETURN_IF_ERROR(r.reject_unknown({"upTo"}));
  out.display = DisplayPolicy::kUpTo;
  TESSERA_ASSIGN_OR_RETURN(out.display_limit, r.required_int("upTo", 1, 1000));
  return Status();
}

Result<Placement> parse_placement(const std::string& s, const std::string& path) {
  if (s == "bottom-right") return Placement::kBottomRight;
  if (s == "bottom-left") return Placement::kBottomLeft;
  if (s == "top-right") return Placement::kTopRight;
  if (s == "top-left") return Placement::kTopLeft;
  if (s == "center") return Placement::kCenter;
  if (s == "inline") return Placement::kInline;
  return Status(Code::kInvalidValue,
                "expected bottom-right, bottom-left, top-right, top-left, center or inline", path);
}

// A percentage from 0 to 100 in steps of 0.01, as basis points. Read as a
// double but checked to be a whole number of basis points, so no rounding
// mode is involved and every platform agrees.
Result<std::int64_t> parse_percent(const Json& value, const std::string& path) {
  if (!value.is_number()) return Status(Code::kInvalidType, "expected a number", path);
  double pct = value.get<double>();
  if (!(pct >= 0.0 && pct <= 100.0)) {
    return Status(Code::kOutOfRange, "expected a percentage from 0 to 100", path);
  }
  double bp = pct * 100.0;
  double whole = std::nearbyint(bp);
  if (std::fabs(bp - whole) > 1e-6) {
    return Status(Code::kInvalidValue, "at most two decimals (steps of 0.01 %)", path);
  }
  return static_cast<std::int64_t>(whole);
}

}  // namespace

Result<SurveyTrigger> parse_trigger(const Json& value, const std::string& path) {
  TESSERA_RETURN_IF_ERROR(expect_object(value, path));
  FieldReader r(value, path);
  TESSERA_RETURN_IF_ERROR(
      r.reject_unknown({"events", "urls", "delaySeconds", "audience", "samplePercent", "display",
                        "recontactDays", "startsAt", "endsAt", "placement"}));
  SurveyTrigger t;
  const Json* events = r.find("events");
  if (events == nullptr) {
    return Status(Code::kMissingField, "required field is missing", r.path_of("events"));
  }
  TESSERA_RETURN_IF_ERROR(expect_array(*events, r.path_of("events"), 1, 20));
  for (std::size_t i = 0; i < events->size(); ++i) {
    TESSERA_ASSIGN_OR_RETURN(EventRule e,
                             parse_event((*events)[i], pointer_join(r.path_of("events"), i)));
    t.events.push_back(std::move(e));
  }
  if (const Json* urls = r.find("urls")) {
    TESSERA_ASSIGN_OR_RETURN(t.urls, parse_url_filter(*urls, r.path_of("urls")));
  }
  TESSERA_ASSIGN_OR_RETURN(std::int64_t delay_s, r.optional_int("delaySeconds", 0, 0, 3600));
  t.delay_ms = delay_s * 1000;
  if (r.has("audience")) {
    TESSERA_ASSIGN_OR_RETURN(std::string text, r.required_string("audience", 4096));
    TESSERA_ASSIGN_OR_RETURN(expr::Expression e,
                             expr::Expression::parse(text, r.path_of("audience")));
    t.audience = std::move(e);
  }
  if (const Json* pct = r.find("samplePercent")) {
    TESSERA_ASSIGN_OR_RETURN(t.sample_basis_points,
                             parse_percent(*pct, r.path_of("samplePercent")));
  }
  if (const Json* display = r.find("display")) {
    TESSERA_RETURN_IF_ERROR(parse_display(*display, r.path_of("display"), t));
  }
  if (r.has("recontactDays")) {
    TESSERA_ASSIGN_OR_RETURN(t.recontact_days, r.required_int("recontactDays", 0, 3650));
  }
  if (r.has("startsAt")) {
    TESSERA_ASSIGN_OR_RETURN(t.starts_at_ms, r.required_int("startsAt", 0, kMaxEpochMs));
  }
  if (r.has("endsAt")) {
    TESSERA_ASSIGN_OR_RETURN(t.ends_at_ms, r.required_int("endsAt", 0, kMaxEpochMs));
  }
  if (t.starts_at_ms && t.ends_at_ms && *t.ends_at_ms <= *t.starts_at_ms) {
    return Status(Code::kInvalidValue, "endsAt must be after startsAt", r.path_of("endsAt"));
  }
  TESSERA_ASSIGN_OR_RETURN(std::string placement,
                           r.optional_string("placement", "bottom-right", 32));
  TESSERA_ASSIGN_OR_RETURN(t.placement, parse_placement(placement, r.path_of("placement")));
  return t;
}

}  // namespace tessera::trigger
