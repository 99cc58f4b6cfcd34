// Compiling and evaluating a survey's expressions; see tessera/survey/logic.hpp.
#include "tessera/survey/logic.hpp"

namespace tessera::survey {
namespace {

// Walks every expression of a definition with the JSON pointer it came from.
template <typename Visit>
Status for_each_expression(const SurveyDefinition& def, const std::string& base, Visit visit) {
  for (std::size_t p = 0; p < def.pages.size(); ++p) {
    const Page& page = def.pages[p];
    std::string pp = base + "/pages/" + std::to_string(p);
    TESSERA_RETURN_IF_ERROR(visit(page.visible_if, pp + "/visibleIf"));
    for (std::size_t j = 0; j < page.jumps.size(); ++j) {
      TESSERA_RETURN_IF_ERROR(
          visit(page.jumps[j].condition, pp + "/jumps/" + std::to_string(j) + "/if"));
    }
    for (std::size_t i = 0; i < page.questions.size(); ++i) {
      const Question& q = page.questions[i];
      std::string qp = pp + "/questions/" + std::to_string(i);
      TESSERA_RETURN_IF_ERROR(visit(q.visible_if, qp + "/visibleIf"));
      TESSERA_RETURN_IF_ERROR(visit(q.enable_if, qp + "/enableIf"));
      TESSERA_RETURN_IF_ERROR(visit(q.required_if, qp + "/requiredIf"));
      for (std::size_t c = 0; c < q.choice.choices.size(); ++c) {
        TESSERA_RETURN_IF_ERROR(visit(q.choice.choices[c].visible_if,
                                      qp + "/choices/" + std::to_string(c) + "/visibleIf"));
      }
      for (std::size_t c = 0; c < q.matrix.rows.size(); ++c) {
        TESSERA_RETURN_IF_ERROR(
            visit(q.matrix.rows[c].visible_if, qp + "/rows/" + std::to_string(c) + "/visibleIf"));
      }
    }
  }
  for (std::size_t c = 0; c < def.calculated_values.size(); ++c) {
    TESSERA_RETURN_IF_ERROR(visit(def.calculated_values[c].expression,
                                  base + "/calculatedValues/" + std::to_string(c) + "/expression"));
  }
  return Status::Ok();
}

// Follows "a.b[0].c" through a JSON value; nullptr when any step is missing.
const Json* resolve_path(const Json& root, std::string_view path) {
  const Json* cur = &root;
  std::size_t i = 0;
  while (i < path.size() && cur != nullptr) {
    if (path[i] == '.') {
      ++i;
      continue;
    }
    if (path[i] == '[') {
      auto close = path.find(']', i);
      if (close == std::string_view::npos || !cur->is_array()) return nullptr;
      std::size_t index = 0;
      for (std::size_t k = i + 1; k < close; ++k) {
        if (path[k] < '0' || path[k] > '9' || index > 1'000'000) return nullptr;
        index = index * 10 + static_cast<std::size_t>(path[k] - '0');
      }
      cur = index < cur->size() ? &(*cur)[index] : nullptr;
      i = close + 1;
      continue;
    }
    auto end = path.find_first_of(".[", i);
    std::string key(
        path.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i));
    if (!cur->is_object()) return nullptr;
    auto it = cur->find(key);
    cur = it == cur->end() ? nullptr : &*it;
    i = end == std::string_view::npos ? path.size() : end;
  }
  return cur;
}

std::string plain_text(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  if (v.is_array()) {
    std::string out;
    for (const Json& item : v) out += (out.empty() ? "" : ", ") + plain_text(item);
    return out;
  }
  return dump_json(v);
}

}  // namespace

Result<std::shared_ptr<const SurveyLogic>> SurveyLogic::compile(const SurveyDefinition& def,
                                                                const std::string& path) {
  auto logic = std::make_shared<SurveyLogic>();
  TESSERA_RETURN_IF_ERROR(
      for_each_expression(def, path, [&](const std::string& text, const std::string& at) -> Status {
        if (text.empty() || logic->ids_.count(text) != 0) return Status::Ok();
        TESSERA_ASSIGN_OR_RETURN(expr::Expression e,
                                 expr::Expression::parse(text, at, def.expression_limits));
        logic->ids_.emplace(text, static_cast<ExprId>(logic->expressions_.size()));
        logic->expressions_.push_back(std::move(e));
        return Status::Ok();
      }));
  for (std::size_t p = 0; p < def.pages.size(); ++p) {
    for (std::size_t i = 0; i < def.pages[p].questions.size(); ++i) {
      const Question& q = def.pages[p].questions[i];
      if (q.type != QuestionType::kText || q.text.pattern.empty()) continue;
      std::string at =
          path + "/pages/" + std::to_string(p) + "/questions/" + std::to_string(i) + "/pattern";
      TESSERA_ASSIGN_OR_RETURN(Pattern pattern, Pattern::compile(q.text.pattern, at));
      logic->patterns_.emplace(q.id, std::move(pattern));
    }
  }
  logic->index_dependencies(def);
  return std::shared_ptr<const SurveyLogic>(std::move(logic));
}

bool SurveyLogic::holds(const std::string& condition, const Json& values,
                        const expr::EvalContext& context) const {
  if (condition.empty()) return true;
  auto it = ids_.find(condition);
  return it != ids_.end() && expressions_[it->second].test(values, context);
}

Json SurveyLogic::evaluate(const std::string& expression, const Json& values,
                           const expr::EvalContext& context) const {
  auto it = ids_.find(expression);
  return it == ids_.end() ? Json() : expressions_[it->second].evaluate(values, context);
}

ExprId SurveyLogic::id_of(const std::string& expression) const {
  auto it = ids_.find(expression);
  return it == ids_.end() ? kAlways : it->second;
}

bool SurveyLogic::matches_pattern(const std::string& question_id, std::string_view text) const {
  auto it = patterns_.find(question_id);
  return it == patterns_.end() || it->second.matches(text);
}

std::string SurveyLogic::pipe(std::string_view text, const Json& values) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    auto open = text.find('{', i);
    if (open == std::string_view::npos) break;
    auto close = text.find('}', open + 1);
    if (close == std::string_view::npos) break;
    out.append(text.substr(i, open - i));
    const Json* v = resolve_path(values, text.substr(open + 1, close - open - 1));
    if (v != nullptr) out += plain_text(*v);
    i = close + 1;
  }
  out.append(text.substr(i));
  return out;
}

}  // namespace tessera::survey
