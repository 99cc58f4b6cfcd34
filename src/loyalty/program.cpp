// Program parsing: top-level fields, currency, expiry and referral policy;
// see tessera/loyalty/program.hpp. Rules, tiers, rewards and badges are read
// in their own files (program_rules.cpp, program_catalog.cpp).
#include <algorithm>
#include <cctype>

#include "program_parse.hpp"

namespace tessera::loyalty {
namespace {

using detail::kMaxAmount;

Status read_currency(const FieldReader& top, Program& program) {
  const Json* v = top.find("currency");
  std::string at = top.path_of("currency");
  if (v == nullptr) return Status(Code::kMissingField, "required field is missing", at);
  TESSERA_RETURN_IF_ERROR(expect_object(*v, at));
  FieldReader c(*v, at);
  TESSERA_RETURN_IF_ERROR(c.reject_unknown({"code", "minorUnits"}));
  TESSERA_ASSIGN_OR_RETURN(program.currency.code, c.required_string("code", 3));
  const std::string& code = program.currency.code;
  if (code.size() != 3 ||
      !std::all_of(code.begin(), code.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; })) {
    return Status(Code::kInvalidValue, "expected a 3-letter upper-case currency code such as EUR",
                  c.path_of("code"));
  }
  // More than 6 minor digits exists nowhere and would make 10^minor * rate
  // products needlessly close to the int64 ceiling.
  TESSERA_ASSIGN_OR_RETURN(auto minor, c.required_int("minorUnits", 0, 6));
  program.currency.minor_units = static_cast<int>(minor);
  return Status::Ok();
}

Result<Rounding> read_rounding(const FieldReader& top) {
  TESSERA_ASSIGN_OR_RETURN(std::string r, top.optional_string("rounding", "floor", 16));
  if (r == "floor") return Rounding::kFloor;
  if (r == "half_even") return Rounding::kHalfEven;
  if (r == "ceil") return Rounding::kCeil;
  return Status(Code::kInvalidValue, "expected one of: floor, half_even, ceil",
                top.path_of("rounding"));
}

Status read_expiry(const FieldReader& top, Program& program) {
  const Json* v = top.find("expiry");
  if (v == nullptr) return Status::Ok();  // points never expire
  std::string at = top.path_of("expiry");
  TESSERA_RETURN_IF_ERROR(expect_object(*v, at));
  FieldReader e(*v, at);
  TESSERA_ASSIGN_OR_RETURN(std::string kind, e.required_string("kind", 32));
  ExpiryPolicy& p = program.expiry;
  // 100 years is the longest expiry that means anything.
  if (kind == "never") {
    TESSERA_RETURN_IF_ERROR(e.reject_unknown({"kind"}));
    p.kind = ExpiryKind::kNever;
  } else if (kind == "after_days" || kind == "inactivity") {
    TESSERA_RETURN_IF_ERROR(e.reject_unknown({"kind", "days"}));
    p.kind = kind == "after_days" ? ExpiryKind::kAfterDays : ExpiryKind::kInactivity;
    TESSERA_ASSIGN_OR_RETURN(p.days, e.required_int("days", 1, 36'500));
  } else if (kind == "end_of_month") {
    TESSERA_RETURN_IF_ERROR(e.reject_unknown({"kind", "months"}));
    p.kind = ExpiryKind::kEndOfMonth;
    TESSERA_ASSIGN_OR_RETURN(p.count, e.optional_int("months", 0, 0, 1200));
  } else if (kind == "end_of_year") {
    TESSERA_RETURN_IF_ERROR(e.reject_unknown({"kind", "years"}));
    p.kind = ExpiryKind::kEndOfYear;
    TESSERA_ASSIGN_OR_RETURN(p.count, e.optional_int("years", 0, 0, 100));
  } else {
    return Status(Code::kInvalidValue,
                  "unknown expiry kind \"" + kind +
                      "\"; expected one of: never, after_days, end_of_month, end_of_year, "
                      "inactivity",
                  e.path_of("kind"));
  }
  return Status::Ok();
}

Status read_referral(const FieldReader& top, Program& program) {
  const Json* v = top.find("referral");
  if (v == nullptr) return Status::Ok();
  std::string at = top.path_of("referral");
  TESSERA_RETURN_IF_ERROR(expect_object(*v, at));
  FieldReader r(*v, at);
  TESSERA_RETURN_IF_ERROR(r.reject_unknown({"maxPerWeek", "codeLength"}));
  TESSERA_ASSIGN_OR_RETURN(program.referral.max_per_week, r.optional_int("maxPerWeek", 0, 0, 1000));
  // Under 6 base32 characters (30 bits) codes become guessable.
  TESSERA_ASSIGN_OR_RETURN(auto len, r.optional_int("codeLength", 8, 6, 16));
  program.referral.code_length = static_cast<int>(len);
  return Status::Ok();
}

}  // namespace

int Program::rule_index(std::string_view rule_id) const {
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (rules[i].id == rule_id) return static_cast<int>(i);
  }
  return -1;
}

int Program::tier_index(std::string_view tier_id) const {
  for (std::size_t i = 0; i < tiers.tiers.size(); ++i) {
    if (tiers.tiers[i].id == tier_id) return static_cast<int>(i);
  }
  return -1;
}

int Program::reward_index(std::string_view reward_id) const {
  for (std::size_t i = 0; i < rewards.size(); ++i) {
    if (rewards[i].id == reward_id) return static_cast<int>(i);
  }
  return -1;
}

std::string_view rounding_name(Rounding r) {
  switch (r) {
    case Rounding::kFloor:
      return "floor";
    case Rounding::kHalfEven:
      return "half_even";
    case Rounding::kCeil:
      return "ceil";
  }
  return "floor";
}

std::string_view rule_kind_name(RuleKind k) {
  switch (k) {
    case RuleKind::kSpend:
      return "spend";
    case RuleKind::kMultiplier:
      return "multiplier";
    case RuleKind::kOrderBonus:
      return "order_bonus";
    case RuleKind::kEvent:
      return "event";
  }
  return "spend";
}

Result<Program> parse_program(std::string_view text) {
  TESSERA_ASSIGN_OR_RETURN(Json doc, parse_json(text));
  return parse_program_json(doc);
}

Result<Program> parse_program_json(const Json& doc) {
  TESSERA_RETURN_IF_ERROR(expect_object(doc, ""));
  FieldReader top(doc, "");
  TESSERA_RETURN_IF_ERROR(
      top.reject_unknown({"version", "id", "name", "currency", "rounding", "utcOffsetMinutes",
                          "rules", "expiry", "tiers", "rewards", "badges", "referral"}));
  Program program;
  // Only version 1 exists; a newer file must not be half-understood.
  TESSERA_ASSIGN_OR_RETURN(program.version, top.required_int("version", 1, 1));
  TESSERA_ASSIGN_OR_RETURN(program.id, top.required_id("id"));
  TESSERA_ASSIGN_OR_RETURN(auto name, top.optional_string("name", "", 200));
  (void)name;
  TESSERA_RETURN_IF_ERROR(read_currency(top, program));
  TESSERA_ASSIGN_OR_RETURN(program.rounding, read_rounding(top));
  // Real offsets lie within -12:00..+14:00; a day either way is the hard limit.
  TESSERA_ASSIGN_OR_RETURN(auto offset, top.optional_int("utcOffsetMinutes", 0, -1440, 1440));
  program.utc_offset_minutes = static_cast<int>(offset);
  const Json* rules = top.find("rules");
  if (rules == nullptr) {
    return Status(Code::kMissingField, "required field is missing", top.path_of("rules"));
  }
  TESSERA_RETURN_IF_ERROR(detail::read_rules(*rules, top.path_of("rules"), program));
  TESSERA_RETURN_IF_ERROR(read_expiry(top, program));
  if (const Json* t = top.find("tiers")) {
    TESSERA_RETURN_IF_ERROR(detail::read_tiers(*t, top.path_of("tiers"), program));
  }
  TESSERA_RETURN_IF_ERROR(detail::link_rules_to_tiers(program));
  if (const Json* r = top.find("rewards")) {
    TESSERA_RETURN_IF_ERROR(detail::read_rewards(*r, top.path_of("rewards"), program));
  }
  if (const Json* b = top.find("badges")) {
    TESSERA_RETURN_IF_ERROR(detail::read_badges(*b, top.path_of("badges"), program));
  }
  TESSERA_RETURN_IF_ERROR(read_referral(top, program));
  return program;
}

}  // namespace tessera::loyalty
