// Keeping a session's derived state (calculated values, cleared hidden
// answers, condition results, question views) in step with its answers; see
// tessera/survey/session.hpp.
//
// Two ways, with identical results. refresh() evaluates every expression, in
// passes, until no answer is cleared: the reference. propagate() starts from
// a state refresh() would leave unchanged and re-evaluates only what reads a
// changed variable, using the logic's dependency index:
//   1. calculated values reading a changed name, in definition order (each
//      reads only answers and earlier values, so this is a topological
//      order); a value that changes is itself a changed name;
//   2. conditions reading a changed name; question views reading one are
//      marked stale;
//   3. answered questions whose visibility just turned false (and the
//      question just answered, whose own visibility may depend on itself)
//      lose their answers, which are the changed names of the next pass.
// A full pass also re-tests questions whose conditions did not change; they
// are answered and visible (the state was a fixed point), so they keep their
// answers in both ways: the passes remove the same answers in the same order.
#include "tessera/survey/session.hpp"

namespace tessera::survey {
namespace {

// Equality that also tells 1 from 1.0 (nlohmann's == does not), so a
// calculated value that changes only its number type still counts as
// changed and the cached state matches a full evaluation byte for byte.
bool identical(const Json& a, const Json& b) {
  if (a.type() != b.type()) return false;
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!identical(a[i], b[i])) return false;
    }
    return true;
  }
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (auto ia = a.begin(), ib = b.begin(); ia != a.end(); ++ia, ++ib) {
      if (ia.key() != ib.key() || !identical(*ia, *ib)) return false;
    }
    return true;
  }
  return a == b;
}

constexpr std::string_view kOtherSuffix = "-other";

}  // namespace

void Session::set_full_reevaluation(bool full) {
  incremental_ = !full && logic_->dependencies().incremental;
  reset_caches();
}

void Session::reset_caches() {
  values_ = answers_;
  for (auto it = calculated_.begin(); it != calculated_.end(); ++it) values_[it.key()] = *it;
  if (!incremental_) {
    holds_.clear();
    views_.clear();
    view_texts_.clear();
    return;
  }
  std::size_t n = logic_->expression_count();
  holds_.assign(n, 0);
  for (std::size_t id = 0; id < n; ++id) {
    holds_[id] = logic_->holds(static_cast<ExprId>(id), values_, context_) ? 1 : 0;
  }
  stamp_.assign(n, 0);
  views_.assign(logic_->dependencies().questions.size(), Json());
  view_texts_.assign(views_.size(), ViewText());
}

void Session::refresh() {
  // Calculated values may read each other in definition order; hidden
  // questions lose their answers, which may change visibility again, so
  // iterate to a fixed point (bounded: each pass removes at least one answer).
  auto values = [this] {
    Json v = answers_;
    for (auto it = calculated_.begin(); it != calculated_.end(); ++it) v[it.key()] = *it;
    return v;
  };
  for (std::size_t pass = 0; pass <= definition_->question_count() + 1; ++pass) {
    calculated_ = Json::object();
    for (const auto& c : definition_->calculated_values) {
      calculated_[c.name] = logic_->evaluate(c.expression, values(), context_);
    }
    if (!definition_->clear_hidden_answers) break;
    Json vals = values();
    bool removed = false;
    for (const Page& page : definition_->pages) {
      bool page_visible = logic_->holds(page.visible_if, vals, context_);
      for (const Question& q : page.questions) {
        if (!answers_.contains(q.id)) continue;
        if (!page_visible || !logic_->holds(q.visible_if, vals, context_)) {
          answers_.erase(q.id);
          answers_.erase(q.id + std::string(kOtherSuffix));
          errors_.erase(q.id);
          removed = true;
        }
      }
    }
    if (!removed) break;
  }
  reset_caches();
}

void Session::answer_changed(const std::string& key, std::uint32_t question) {
  if (!incremental_) {
    refresh();
    return;
  }
  auto it = answers_.find(key);
  if (it != answers_.end()) {
    values_[key] = *it;
  } else {
    values_.erase(key);
  }
  propagate({key}, question);
}

void Session::propagate(std::vector<std::string> changed, std::uint32_t question) {
  const Dependencies& deps = logic_->dependencies();
  const auto& calculated = definition_->calculated_values;
  std::vector<std::uint32_t> recheck = {question};
  std::vector<char> calc_stale(calculated.size(), 0);
  for (;;) {
    ++pass_;
    for (const std::string& name : changed) {
      if (const Readers* r = deps.readers_of(name)) {
        for (std::uint32_t c : r->calculated) calc_stale[c] = 1;
      }
    }
    for (std::size_t c = 0; c < calculated.size(); ++c) {
      if (!calc_stale[c]) continue;
      calc_stale[c] = 0;
      const std::string& name = calculated[c].name;
      Json value = logic_->evaluate(deps.calculated[c], values_, context_);
      Json& slot = values_[name];
      if (identical(value, slot)) continue;
      slot = value;
      calculated_[name] = std::move(value);
      changed.push_back(name);
      if (const Readers* r = deps.readers_of(name)) {
        for (std::uint32_t later : r->calculated) calc_stale[later] = 1;
      }
    }
    for (const std::string& name : changed) {
      const Readers* r = deps.readers_of(name);
      if (r == nullptr) continue;
      for (ExprId id : r->conditions) {
        if (stamp_[id] == pass_) continue;
        stamp_[id] = pass_;
        char now = logic_->holds(id, values_, context_) ? 1 : 0;
        if (now == holds_[id]) continue;
        holds_[id] = now;
        if (!now) {
          for (std::uint32_t q : deps.visibility_of[id]) recheck.push_back(q);
        }
      }
      for (std::uint32_t q : r->views) forget_view(q);
    }
    for (std::uint32_t q : deps.views_reading_everything) forget_view(q);
    if (!definition_->clear_hidden_answers) return;

    changed.clear();
    for (std::uint32_t flat : recheck) {
      const QuestionConditions& c = deps.questions[flat];
      const std::string& id = definition_->pages[c.page].questions[c.index_in_page].id;
      if (!answers_.contains(id)) continue;
      if (holds(deps.page_visible[c.page]) && holds(c.visible)) continue;
      std::string other = id + std::string(kOtherSuffix);
      answers_.erase(id);
      answers_.erase(other);
      values_.erase(id);
      values_.erase(other);
      errors_.erase(id);
      changed.push_back(id);
      changed.push_back(std::move(other));
    }
    recheck.clear();
    if (changed.empty()) return;
  }
}

}  // namespace tessera::survey
