// Rule conditions through tessera::expr; see tessera/loyalty/conditions.hpp.
#include "tessera/loyalty/conditions.hpp"

#include <memory>
#include <unordered_map>

#include "tessera/expr/expression.hpp"

namespace tessera::loyalty {

Result<ConditionEvaluator> compile_conditions(const Program& program, const Json& doc,
                                              const std::string& base) {
  // Keyed by text: the ledger hands the evaluator the rule's condition text,
  // and two rules with the same text can share one compiled program.
  auto compiled = std::make_shared<std::unordered_map<std::string, expr::Expression>>();
  const Json* rules = doc.is_object() && doc.contains("rules") ? &doc["rules"] : nullptr;
  if (rules != nullptr && rules->is_array()) {
    for (std::size_t i = 0; i < rules->size(); ++i) {
      const Json& rule = (*rules)[i];
      if (!rule.is_object() || !rule.contains("condition") || !rule["condition"].is_string()) {
        continue;
      }
      std::string text = rule["condition"].get<std::string>();
      if (text.empty() || compiled->count(text) != 0) continue;
      std::string path = pointer_join(pointer_join(pointer_join(base, "rules"), i), "condition");
      TESSERA_ASSIGN_OR_RETURN(expr::Expression e, expr::Expression::parse(text, path));
      compiled->emplace(std::move(text), std::move(e));
    }
  }
  if (compiled->empty()) return ConditionEvaluator{};
  int offset = program.utc_offset_minutes;
  return ConditionEvaluator([compiled, offset](const std::string& text, const Json& context) {
    auto it = compiled->find(text);
    // Every condition of the program was compiled above; an unknown text
    // cannot come from this program, so it never earns.
    if (it == compiled->end()) return false;
    expr::EvalContext when;
    when.utc_offset_minutes = offset;
    auto event = context.find("event");
    if (event != context.end() && event->is_object()) {
      auto at = event->find("at");
      if (at != event->end() && at->is_number_integer()) when.now_ms = at->get<std::int64_t>();
    }
    return it->second.test(context, when);
  });
}

}  // namespace tessera::loyalty
