// Rule conditions in the expression language (tessera::expr): compiled once
// when a program is loaded, so that a bad condition is refused with the JSON
// pointer of its text, and evaluated during replay on a flat variable frame
// (no JSON document is built per event).
//
//   TESSERA_ASSIGN_OR_RETURN(Program program, parse_program_json(doc));
//   TESSERA_ASSIGN_OR_RETURN(ConditionEvaluator when,
//                            compile_conditions(program, doc, "/loyalty/program/payload"));
//   Ledger ledger = Ledger::replay(program, events, when);
//
// Variables a condition sees (docs/loyalty.md) are the paths of the
// context document {"event": <event JSON>, "member": {"tier",
// "lifetimeEarned", "purchases"}, "rule": "<id>"}: {event.type},
// {event.at}, {event.lines}, {event.attributes.channel}, {event.name},
// {member.tier}, {member.lifetimeEarned}, {member.purchases}, {rule}, ...
// today() and age() are taken at the event's time in the program's local
// offset, never the clock.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "tessera/common/json.hpp"
#include "tessera/loyalty/event.hpp"
#include "tessera/loyalty/program.hpp"

namespace tessera::loyalty {

// The "member" part of a condition's context.
struct MemberFacts {
  std::string_view tier;  // tier id; "" when the program has no tiers
  std::int64_t lifetime_earned = 0;
  std::int64_t purchases = 0;
};

// The compiled conditions of one program. Copies share the compiled form.
// An empty evaluator (default) means "every condition holds".
class ConditionEvaluator {
 public:
  ConditionEvaluator() = default;
  explicit operator bool() const { return compiled_ != nullptr; }

  // Whether `rule`'s condition holds for `event` and `member`. A rule
  // without a condition holds; a condition text this evaluator did not
  // compile (not from its program) never holds.
  bool holds(const EarningRule& rule, const Event& event, const MemberFacts& member) const;

  // The same answer computed the slow, obvious way: the whole context
  // document is built and the expression resolves its variables in it.
  // For tests that check the frame evaluation against it.
  bool holds_on_document(const EarningRule& rule, const Event& event,
                         const MemberFacts& member) const;

  struct Compiled;  // src/loyalty/conditions.cpp

 private:
  friend Result<ConditionEvaluator> compile_conditions(const Program&, const Json&,
                                                       const std::string&);
  std::shared_ptr<const Compiled> compiled_;
};

// The context document a condition is evaluated against (for explanations,
// tests and the slow path).
Json condition_context(const EarningRule& rule, const Event& event, const MemberFacts& member);

// Compiles the `condition` of every rule of `doc` (the program JSON that
// `program` was parsed from). Errors point at `base`/rules/<i>/condition.
// Returns an empty evaluator when no rule has a condition.
Result<ConditionEvaluator> compile_conditions(const Program& program, const Json& doc,
                                              const std::string& base = "");

}  // namespace tessera::loyalty
