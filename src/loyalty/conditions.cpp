// Rule conditions through tessera::expr; see tessera/loyalty/conditions.hpp.
//
// Replay evaluates a condition once per event it concerns, so building the
// context document ({"event": ..., "member": ..., "rule": ...}) each time
// would cost more than the rest of the event. Instead each variable of a
// compiled condition is bound once, at compile time, to where its value
// lives: {event.attributes.x} is read straight from the event's attributes,
// {event.at} and {member.purchases} become one scalar. Shapes not worth a
// fast path ({event.lines}, {event}) fall back to the document, built at
// most once per evaluation. Either way a variable resolves to exactly what
// it would in the document: holds_on_document() is the reference, and
// tests/loyalty/conditions_test.cpp checks the two agree.
#include "tessera/loyalty/conditions.hpp"

#include <array>
#include <optional>
#include <vector>

#include "tessera/expr/expression.hpp"

namespace tessera::loyalty {
namespace {

// Where a variable's value comes from.
enum class Source : std::uint8_t {
  kMissing,          // not in the context at all
  kEventAttributes,  // event.attributes.<...>: the event's own JSON object
  kEventAt,
  kEventType,
  kEventDocument,  // anything else under event: the event's JSON
  kMemberTier,
  kMemberLifetime,
  kMemberPurchases,
  kMemberDocument,  // {member} or an unknown member field
  kRule,
};

struct Binding {
  Source source = Source::kMissing;
  std::size_t first = 0;  // first path step still to walk from the source value
};

bool is_key(const expr::VariableSlot& slot, std::size_t i, const char* key) {
  return slot.path.size() > i && !slot.path[i].is_index && slot.path[i].key == key;
}

Binding bind(const expr::VariableSlot& slot) {
  const std::string& root = slot.path[0].key;
  if (root == "event") {
    if (is_key(slot, 1, "attributes")) return {Source::kEventAttributes, 2};
    if (is_key(slot, 1, "at")) return {Source::kEventAt, 2};
    if (is_key(slot, 1, "type")) return {Source::kEventType, 2};
    return {Source::kEventDocument, 1};
  }
  if (root == "member") {
    if (is_key(slot, 1, "tier")) return {Source::kMemberTier, 2};
    if (is_key(slot, 1, "lifetimeEarned")) return {Source::kMemberLifetime, 2};
    if (is_key(slot, 1, "purchases")) return {Source::kMemberPurchases, 2};
    return {Source::kMemberDocument, 1};
  }
  if (root == "rule") return {Source::kRule, 1};
  // The context has no other root; and no root key contains '.', so the
  // whole-name lookup of a dotted variable finds nothing either.
  return {Source::kMissing, 0};
}

Json member_json(const MemberFacts& m) {
  Json j = Json::object();
  j["tier"] = std::string(m.tier);
  j["lifetimeEarned"] = m.lifetime_earned;
  j["purchases"] = m.purchases;
  return j;
}

}  // namespace

struct ConditionEvaluator::Compiled {
  struct Condition {
    std::string text;
    expr::Expression expression;
    std::vector<Binding> bindings;  // by slot
  };
  std::vector<Condition> conditions;
  int utc_offset_minutes = 0;
  std::array<Json, 5> kind_names;  // event.type by EventKind

  const Condition* find(const std::string& text) const {
    for (const Condition& c : conditions) {
      if (c.text == text) return &c;
    }
    return nullptr;
  }
};

Json condition_context(const EarningRule& rule, const Event& event, const MemberFacts& member) {
  Json context = Json::object();
  context["event"] = event_to_json(event);
  context["member"] = member_json(member);
  context["rule"] = rule.id;
  return context;
}

bool ConditionEvaluator::holds(const EarningRule& rule, const Event& event,
                               const MemberFacts& member) const {
  if (rule.condition.empty() || !compiled_) return true;
  const Compiled::Condition* c = compiled_->find(rule.condition);
  // Every condition of the program was compiled; an unknown text cannot
  // come from this program, so it never earns.
  if (c == nullptr) return false;
  const auto& slots = c->expression.slots();
  // Typical conditions use a few variables: values and frame on the stack.
  // Values stay unconstructed unless a scalar needs one (most variables
  // point into the event itself).
  constexpr std::size_t kInline = 8;
  std::array<std::optional<Json>, kInline> inline_values;
  std::array<const Json*, kInline> inline_frame;
  std::vector<std::optional<Json>> heap_values;
  std::vector<const Json*> heap_frame;
  std::optional<Json>* values = inline_values.data();
  const Json** frame = inline_frame.data();
  if (slots.size() > kInline) {
    heap_values.resize(slots.size());
    heap_frame.resize(slots.size());
    values = heap_values.data();
    frame = heap_frame.data();
  }
  std::optional<Json> event_doc;
  std::optional<Json> member_doc;
  for (std::size_t i = 0; i < slots.size(); ++i) {
    const Binding& b = c->bindings[i];
    const Json* from = nullptr;
    switch (b.source) {
      case Source::kMissing:
        break;
      case Source::kEventAttributes:
        // event_to_json writes attributes only for named events that have them.
        if (event.kind == EventKind::kCustom && event.attributes.is_object()) {
          from = &event.attributes;
        }
        break;
      case Source::kEventAt:
        from = &values[i].emplace(event.at);
        break;
      case Source::kEventType:
        from = &compiled_->kind_names[static_cast<std::size_t>(event.kind)];
        break;
      case Source::kEventDocument:
        if (!event_doc) event_doc = event_to_json(event);
        from = &*event_doc;
        break;
      case Source::kMemberTier:
        from = &values[i].emplace(std::string(member.tier));
        break;
      case Source::kMemberLifetime:
        from = &values[i].emplace(member.lifetime_earned);
        break;
      case Source::kMemberPurchases:
        from = &values[i].emplace(member.purchases);
        break;
      case Source::kMemberDocument:
        if (!member_doc) member_doc = member_json(member);
        from = &*member_doc;
        break;
      case Source::kRule:
        from = &values[i].emplace(rule.id);
        break;
    }
    frame[i] = from == nullptr ? nullptr : expr::Expression::walk(*from, slots[i].path, b.first);
  }
  expr::EvalContext when;
  when.utc_offset_minutes = compiled_->utc_offset_minutes;
  when.now_ms = event.at;
  return c->expression.test_frame(frame, when);
}

bool ConditionEvaluator::holds_on_document(const EarningRule& rule, const Event& event,
                                           const MemberFacts& member) const {
  if (rule.condition.empty() || !compiled_) return true;
  const Compiled::Condition* c = compiled_->find(rule.condition);
  if (c == nullptr) return false;
  expr::EvalContext when;
  when.utc_offset_minutes = compiled_->utc_offset_minutes;
  when.now_ms = event.at;
  return c->expression.test(condition_context(rule, event, member), when);
}

Result<ConditionEvaluator> compile_conditions(const Program& program, const Json& doc,
                                              const std::string& base) {
  // Keyed by text: two rules with the same text share one compiled program.
  auto compiled = std::make_shared<ConditionEvaluator::Compiled>();
  const Json* rules = doc.is_object() && doc.contains("rules") ? &doc["rules"] : nullptr;
  if (rules != nullptr && rules->is_array()) {
    for (std::size_t i = 0; i < rules->size(); ++i) {
      const Json& rule = (*rules)[i];
      if (!rule.is_object() || !rule.contains("condition") || !rule["condition"].is_string()) {
        continue;
      }
      std::string text = rule["condition"].get<std::string>();
      if (text.empty() || compiled->find(text) != nullptr) continue;
      std::string path = pointer_join(pointer_join(pointer_join(base, "rules"), i), "condition");
      TESSERA_ASSIGN_OR_RETURN(expr::Expression e, expr::Expression::parse(text, path));
      std::vector<Binding> bindings;
      for (const expr::VariableSlot& slot : e.slots()) bindings.push_back(bind(slot));
      compiled->conditions.push_back({std::move(text), std::move(e), std::move(bindings)});
    }
  }
  ConditionEvaluator out;
  if (compiled->conditions.empty()) return out;
  compiled->utc_offset_minutes = program.utc_offset_minutes;
  for (EventKind k : {EventKind::kPurchase, EventKind::kRefund, EventKind::kRedeem,
                      EventKind::kAdjust, EventKind::kCustom}) {
    compiled->kind_names[static_cast<std::size_t>(k)] = std::string(event_kind_name(k));
  }
  out.compiled_ = std::move(compiled);
  return out;
}

}  // namespace tessera::loyalty
