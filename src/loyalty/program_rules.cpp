// Earning rule parsing: spend, multiplier, order bonus and event rules with
// their filters, schedules, caps and pending periods.
#include <algorithm>
#include <set>

#include "program_parse.hpp"
#include "tessera/loyalty/calendar.hpp"

namespace tessera::loyalty::detail {
namespace {

constexpr std::size_t kMaxRules = 100;
constexpr std::size_t kMaxFilterItems = 500;
constexpr std::int64_t kMaxRate = 1'000'000;

Result<LineFilter> read_filter(const FieldReader& parent, std::string_view key) {
  LineFilter f;
  const Json* v = parent.find(key);
  if (v == nullptr) return f;
  std::string at = parent.path_of(key);
  TESSERA_RETURN_IF_ERROR(expect_object(*v, at));
  FieldReader r(*v, at);
  TESSERA_RETURN_IF_ERROR(r.reject_unknown({"skus", "categories", "tags"}));
  TESSERA_ASSIGN_OR_RETURN(f.skus, read_string_list(r, "skus", kMaxFilterItems));
  TESSERA_ASSIGN_OR_RETURN(f.categories, read_string_list(r, "categories", kMaxFilterItems));
  TESSERA_ASSIGN_OR_RETURN(f.tags, read_string_list(r, "tags", kMaxFilterItems));
  return f;
}

Status read_schedule(const FieldReader& rule, EarningRule& out) {
  const Json* v = rule.find("schedule");
  if (v == nullptr) return Status::Ok();
  std::string at = rule.path_of("schedule");
  TESSERA_RETURN_IF_ERROR(expect_object(*v, at));
  FieldReader s(*v, at);
  TESSERA_RETURN_IF_ERROR(s.reject_unknown({"start", "end", "days"}));
  out.has_schedule = true;
  TESSERA_ASSIGN_OR_RETURN(out.schedule.start,
                           s.optional_int("start", kMinTimestamp, kMinTimestamp, kMaxTimestamp));
  TESSERA_ASSIGN_OR_RETURN(out.schedule.end,
                           s.optional_int("end", kMaxTimestamp, kMinTimestamp, kMaxTimestamp));
  if (out.schedule.end <= out.schedule.start) {
    return Status(Code::kInvalidValue, "a campaign must end after it starts", s.path_of("end"));
  }
  if (const Json* days = s.find("days")) {
    std::string dat = s.path_of("days");
    TESSERA_RETURN_IF_ERROR(expect_array(*days, dat, 1, 7));
    static constexpr const char* kNames[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    out.schedule.weekdays = 0;
    for (std::size_t i = 0; i < days->size(); ++i) {
      const Json& d = (*days)[i];
      std::string di = pointer_join(dat, i);
      int bit = -1;
      for (int k = 0; k < 7 && d.is_string(); ++k) {
        if (d.get_ref<const std::string&>() == kNames[k]) bit = k;
      }
      if (bit < 0) return Status(Code::kInvalidValue, "expected mon, tue, ... sun", di);
      if (out.schedule.weekdays & (1u << bit)) {
        return Status(Code::kDuplicateId, "day listed twice", di);
      }
      out.schedule.weekdays |= static_cast<std::uint8_t>(1u << bit);
    }
  }
  return Status::Ok();
}

Status read_caps(const FieldReader& rule, EarningRule& out) {
  const Json* v = rule.find("caps");
  if (v == nullptr) return Status::Ok();
  std::string at = rule.path_of("caps");
  TESSERA_RETURN_IF_ERROR(expect_array(*v, at, 1, 4));
  for (std::size_t i = 0; i < v->size(); ++i) {
    std::string ci = pointer_join(at, i);
    TESSERA_RETURN_IF_ERROR(expect_object((*v)[i], ci));
    FieldReader c((*v)[i], ci);
    TESSERA_RETURN_IF_ERROR(c.reject_unknown({"period", "points"}));
    TESSERA_ASSIGN_OR_RETURN(std::string period, c.required_string("period", 16));
    Cap cap;
    if (period == "day") {
      cap.period = CapPeriod::kDay;
    } else if (period == "week") {
      cap.period = CapPeriod::kWeek;
    } else if (period == "month") {
      cap.period = CapPeriod::kMonth;
    } else if (period == "lifetime") {
      cap.period = CapPeriod::kLifetime;
    } else {
      return Status(Code::kInvalidValue, "expected one of: day, week, month, lifetime",
                    c.path_of("period"));
    }
    for (const Cap& other : out.caps) {
      if (other.period == cap.period) {
        return Status(Code::kDuplicateId, "two caps for the same period", c.path_of("period"));
      }
    }
    TESSERA_ASSIGN_OR_RETURN(cap.points, c.required_int("points", 1, kMaxAmount));
    out.caps.push_back(cap);
  }
  return Status::Ok();
}

Status read_spend(const FieldReader& r, EarningRule& out) {
  TESSERA_RETURN_IF_ERROR(r.reject_unknown(
      {"id", "kind", "priority", "label", "rate", "per", "exclude", "includeShipping", "includeTax",
       "minOrderMinor", "schedule", "caps", "pendingDays", "condition"}));
  const Json* rate = r.find("rate");
  std::string at = r.path_of("rate");
  if (rate == nullptr) return Status(Code::kMissingField, "required field is missing", at);
  TESSERA_RETURN_IF_ERROR(expect_object(*rate, at));
  FieldReader rr(*rate, at);
  TESSERA_RETURN_IF_ERROR(rr.reject_unknown({"points", "perUnits"}));
  TESSERA_ASSIGN_OR_RETURN(out.rate_points, rr.required_int("points", 1, kMaxRate));
  TESSERA_ASSIGN_OR_RETURN(out.rate_per_units, rr.optional_int("perUnits", 1, 1, kMaxRate));
  TESSERA_ASSIGN_OR_RETURN(std::string per, r.optional_string("per", "order", 16));
  if (per != "order" && per != "item") {
    return Status(Code::kInvalidValue, "expected order or item", r.path_of("per"));
  }
  out.per_item = per == "item";
  TESSERA_ASSIGN_OR_RETURN(out.exclude, read_filter(r, "exclude"));
  TESSERA_ASSIGN_OR_RETURN(out.include_shipping, r.optional_bool("includeShipping", false));
  TESSERA_ASSIGN_OR_RETURN(out.include_tax, r.optional_bool("includeTax", false));
  TESSERA_ASSIGN_OR_RETURN(out.min_order_minor, r.optional_int("minOrderMinor", 0, 0, kMaxAmount));
  return Status::Ok();
}

Status read_multiplier(const FieldReader& r, EarningRule& out) {
  TESSERA_RETURN_IF_ERROR(
      r.reject_unknown({"id", "kind", "priority", "label", "of", "match", "tiers", "percent",
                        "schedule", "caps", "pendingDays", "condition"}));
  TESSERA_ASSIGN_OR_RETURN(out.of, r.required_id("of"));
  TESSERA_ASSIGN_OR_RETURN(out.match, read_filter(r, "match"));
  TESSERA_ASSIGN_OR_RETURN(out.tiers, read_string_list(r, "tiers", 20));
  // 100 % would add nothing and below 100 % would take points away; x100 is
  // the most any real programme offers.
  TESSERA_ASSIGN_OR_RETURN(out.percent, r.required_int("percent", 101, 10'000));
  return Status::Ok();
}

Status read_fixed(const FieldReader& r, EarningRule& out) {
  if (out.kind == RuleKind::kEvent) {
    TESSERA_RETURN_IF_ERROR(r.reject_unknown({"id", "kind", "priority", "label", "event", "points",
                                              "schedule", "caps", "pendingDays", "condition"}));
    TESSERA_ASSIGN_OR_RETURN(out.event, r.required_id("event"));
    if (out.event == "purchase") {
      return Status(Code::kInvalidValue, "purchases earn through spend or order_bonus rules",
                    r.path_of("event"));
    }
  } else {
    TESSERA_RETURN_IF_ERROR(
        r.reject_unknown({"id", "kind", "priority", "label", "points", "minOrderMinor", "schedule",
                          "caps", "pendingDays", "condition"}));
    TESSERA_ASSIGN_OR_RETURN(out.min_order_minor,
                             r.optional_int("minOrderMinor", 0, 0, kMaxAmount));
  }
  TESSERA_ASSIGN_OR_RETURN(out.points, r.required_int("points", 1, 1'000'000'000));
  return Status::Ok();
}

Result<EarningRule> read_rule(const Json& value, const std::string& path) {
  TESSERA_RETURN_IF_ERROR(expect_object(value, path));
  FieldReader r(value, path);
  EarningRule out;
  TESSERA_ASSIGN_OR_RETURN(out.id, r.required_id("id"));
  TESSERA_ASSIGN_OR_RETURN(std::string kind, r.required_string("kind", 32));
  if (kind == "spend") {
    out.kind = RuleKind::kSpend;
  } else if (kind == "multiplier") {
    out.kind = RuleKind::kMultiplier;
  } else if (kind == "order_bonus") {
    out.kind = RuleKind::kOrderBonus;
  } else if (kind == "event") {
    out.kind = RuleKind::kEvent;
  } else {
    return Status(Code::kInvalidValue,
                  "unknown rule kind \"" + kind +
                      "\"; expected one of: spend, multiplier, order_bonus, event",
                  r.path_of("kind"));
  }
  TESSERA_ASSIGN_OR_RETURN(out.priority, r.optional_int("priority", 0, -1'000'000, 1'000'000));
  TESSERA_ASSIGN_OR_RETURN(out.label, r.optional_string("label", out.id, 200));
  switch (out.kind) {
    case RuleKind::kSpend:
      TESSERA_RETURN_IF_ERROR(read_spend(r, out));
      break;
    case RuleKind::kMultiplier:
      TESSERA_RETURN_IF_ERROR(read_multiplier(r, out));
      break;
    case RuleKind::kOrderBonus:
    case RuleKind::kEvent:
      TESSERA_RETURN_IF_ERROR(read_fixed(r, out));
      break;
  }
  TESSERA_RETURN_IF_ERROR(read_schedule(r, out));
  TESSERA_RETURN_IF_ERROR(read_caps(r, out));
  // A multiplier's bonus waits as long as its base unless stated (-1 until
  // linked). Ten years of pending is already absurd; it guards the day arithmetic.
  TESSERA_ASSIGN_OR_RETURN(
      out.pending_days,
      r.optional_int("pendingDays", out.kind == RuleKind::kMultiplier ? -1 : 0, 0, 3650));
  TESSERA_ASSIGN_OR_RETURN(out.condition, r.optional_string("condition", "", 2000));
  return out;
}

// Sorts by priority (stable) and resolves multiplier bases by index.
Status order_and_link(Program& program, const std::string& path) {
  std::stable_sort(
      program.rules.begin(), program.rules.end(),
      [](const EarningRule& a, const EarningRule& b) { return a.priority < b.priority; });
  for (EarningRule& rule : program.rules) {
    if (rule.kind != RuleKind::kMultiplier) continue;
    rule.of_index = program.rule_index(rule.of);
    if (rule.of_index < 0 || program.rules[rule.of_index].kind != RuleKind::kSpend) {
      return Status(Code::kNotFound,
                    "multiplier \"" + rule.id + "\" must name a spend rule in \"of\", got \"" +
                        rule.of + "\"",
                    path);
    }
    if (rule.pending_days < 0) rule.pending_days = program.rules[rule.of_index].pending_days;
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<std::string>> read_string_list(const FieldReader& r, std::string_view key,
                                                  std::size_t max_items) {
  std::vector<std::string> out;
  const Json* v = r.find(key);
  if (v == nullptr) return out;
  std::string at = r.path_of(key);
  TESSERA_RETURN_IF_ERROR(expect_array(*v, at, 0, max_items));
  std::set<std::string> seen;
  for (std::size_t i = 0; i < v->size(); ++i) {
    const Json& item = (*v)[i];
    std::string ii = pointer_join(at, i);
    if (!item.is_string()) return Status(Code::kInvalidType, "expected a string", ii);
    const auto& s = item.get_ref<const std::string&>();
    if (s.empty() || utf8_length(s) > 100) {
      return Status(Code::kOutOfRange, "expected 1-100 characters", ii);
    }
    if (!seen.insert(s).second) return Status(Code::kDuplicateId, "listed twice", ii);
    out.push_back(s);
  }
  return out;
}

Status read_rules(const Json& value, const std::string& path, Program& program) {
  TESSERA_RETURN_IF_ERROR(expect_array(value, path, 0, kMaxRules));
  std::set<std::string> ids;
  for (std::size_t i = 0; i < value.size(); ++i) {
    std::string at = pointer_join(path, i);
    TESSERA_ASSIGN_OR_RETURN(EarningRule rule, read_rule(value[i], at));
    if (!ids.insert(rule.id).second) {
      return Status(Code::kDuplicateId, "two rules share the id \"" + rule.id + "\"",
                    pointer_join(at, "id"));
    }
    program.rules.push_back(std::move(rule));
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    const Json& rule = value[i];
    if (rule.value("kind", "") != "multiplier") continue;
    int base = program.rule_index(rule.value("of", ""));
    if (base < 0 || program.rules[base].kind != RuleKind::kSpend) {
      return Status(Code::kNotFound, "expected the id of a spend rule",
                    pointer_join(pointer_join(path, i), "of"));
    }
  }
  return order_and_link(program, path);
}

Status link_rules_to_tiers(Program& program) {
  std::vector<EarningRule> added;
  for (const Tier& tier : program.tiers.tiers) {
    if (tier.multiplier_percent == 100) continue;
    for (const EarningRule& base : program.rules) {
      if (base.kind != RuleKind::kSpend) continue;
      EarningRule m;
      m.id = "tier." + tier.id + "." + base.id;
      m.label = tier.name + " tier bonus on " + base.label;
      m.kind = RuleKind::kMultiplier;
      m.priority = base.priority;
      m.of = base.id;
      m.tiers = {tier.id};
      m.percent = tier.multiplier_percent;
      m.pending_days = base.pending_days;
      m.has_schedule = base.has_schedule;
      m.schedule = base.schedule;
      added.push_back(std::move(m));
    }
  }
  for (EarningRule& m : added) {
    if (program.rule_index(m.id) >= 0) {
      return Status(Code::kDuplicateId, "rule id \"" + m.id + "\" is reserved for tier bonuses",
                    "/rules");
    }
    program.rules.push_back(std::move(m));
  }
  for (std::size_t i = 0; i < program.rules.size(); ++i) {
    for (const std::string& t : program.rules[i].tiers) {
      if (program.tier_index(t) < 0) {
        return Status(Code::kNotFound,
                      "rule \"" + program.rules[i].id + "\" names an unknown tier \"" + t + "\"",
                      "/rules");
      }
    }
  }
  return order_and_link(program, "/rules");
}

}  // namespace tessera::loyalty::detail
