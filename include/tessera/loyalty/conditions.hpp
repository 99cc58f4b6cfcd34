// Rule conditions in the expression language (tessera::expr): compiled once
// when a program is loaded, so that a bad condition is refused with the JSON
// pointer of its text, and evaluated on every replay through the ledger's
// ConditionEvaluator hook.
//
//   TESSERA_ASSIGN_OR_RETURN(Program program, parse_program_json(doc));
//   TESSERA_ASSIGN_OR_RETURN(ConditionEvaluator when,
//                            compile_conditions(program, doc, "/loyalty/program/payload"));
//   Ledger ledger = Ledger::replay(program, events, when);
//
// Variables a condition sees (docs/loyalty.md): {event.type}, {event.at},
// {event.lines}, {event.attributes.channel}, {event.name}, {member.tier},
// {member.lifetimeEarned}, {member.purchases}, {rule}. today() and age() are
// taken at the event's time in the program's local offset, never the clock.
#pragma once

#include <string>

#include "tessera/common/json.hpp"
#include "tessera/loyalty/program.hpp"

namespace tessera::loyalty {

// Compiles the `condition` of every rule of `doc` (the program JSON that
// `program` was parsed from). Errors point at `base`/rules/<i>/condition.
// Returns an empty evaluator when no rule has a condition.
Result<ConditionEvaluator> compile_conditions(const Program& program, const Json& doc,
                                              const std::string& base = "");

}  // namespace tessera::loyalty
