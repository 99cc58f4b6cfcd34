// Building the dependency index of a survey definition; see
// tessera/survey/dependencies.hpp. Runs once per definition, in
// SurveyLogic::compile, after every expression has its id.
#include <algorithm>
#include <set>

#include "tessera/survey/logic.hpp"

namespace tessera::survey {
namespace {

template <typename T>
void add_unique(std::vector<T>& list, T item) {
  if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
}

// Every text a question's view shows, in every locale and every variant, so
// that a view is rebuilt whenever any text it might pipe changes.
template <typename Visit>
void for_each_question_text(const SurveyDefinition& def, const Question& q, Visit visit) {
  for (const LocalizedText* t : {&q.title, &q.description, &q.scale.min_label, &q.scale.max_label,
                                 &q.choice.other_text, &q.choice.none_text, &q.choice.placeholder,
                                 &q.text.placeholder, &q.yes_label, &q.no_label}) {
    visit(*t);
  }
  for (const auto* list : {&q.choice.choices, &q.matrix.rows, &q.matrix.columns}) {
    for (const Choice& c : *list) visit(c.text);
  }
  for (const Variant& v : def.variants) {
    auto it = v.texts.find(q.id);
    if (it == v.texts.end()) continue;
    for (const LocalizedText* t : {&it->second.title, &it->second.description,
                                   &it->second.min_label, &it->second.max_label}) {
      visit(*t);
    }
  }
}

}  // namespace

void piped_variables(std::string_view text, std::vector<std::string>& out, bool& everything) {
  // The same scan as SurveyLogic::pipe and its path resolution.
  std::size_t i = 0;
  while (i < text.size()) {
    auto open = text.find('{', i);
    if (open == std::string_view::npos) break;
    auto close = text.find('}', open + 1);
    if (close == std::string_view::npos) break;
    std::string_view path = text.substr(open + 1, close - open - 1);
    std::size_t start = path.find_first_not_of('.');
    if (start == std::string_view::npos) {
      everything = true;              // "{}" or "{.}": the whole value object
    } else if (path[start] != '[') {  // "[0]" indexes an object: always empty
      auto end = path.find_first_of(".[", start);
      out.emplace_back(path.substr(start, end == std::string_view::npos ? end : end - start));
    }
    i = close + 1;
  }
}

void SurveyLogic::index_dependencies(const SurveyDefinition& def) {
  Dependencies& d = dependencies_;
  d.visibility_of.assign(expressions_.size(), {});
  auto reads = [&](ExprId id) -> std::vector<std::string> {
    if (id == kAlways) return {};
    // Roots ("order" for {order.items[0]}) and whole names ("a.b" may be a
    // key of its own: the evaluator tries it first).
    std::vector<std::string> names = expressions_[id].variable_roots();
    for (const std::string& v : expressions_[id].variables()) add_unique(names, v);
    return names;
  };
  auto condition = [&](ExprId id) {
    for (const std::string& v : reads(id)) add_unique(d.readers[v].conditions, id);
  };
  std::set<std::string> answer_keys;

  for (std::size_t p = 0; p < def.pages.size(); ++p) {
    const Page& page = def.pages[p];
    d.page_first.push_back(static_cast<std::uint32_t>(d.questions.size()));
    d.page_visible.push_back(id_of(page.visible_if));
    condition(d.page_visible.back());
    d.jumps.emplace_back();
    for (const Jump& j : page.jumps) {
      d.jumps.back().push_back(id_of(j.condition));
      condition(d.jumps.back().back());
    }
    for (std::size_t i = 0; i < page.questions.size(); ++i) {
      const Question& q = page.questions[i];
      auto flat = static_cast<std::uint32_t>(d.questions.size());
      QuestionConditions c;
      c.page = static_cast<std::uint32_t>(p);
      c.index_in_page = static_cast<std::uint32_t>(i);
      c.visible = id_of(q.visible_if);
      c.enable = id_of(q.enable_if);
      c.required = id_of(q.required_if);
      for (const Choice& ch : q.choice.choices) c.choices.push_back(id_of(ch.visible_if));
      for (const Choice& ch : q.matrix.rows) c.rows.push_back(id_of(ch.visible_if));
      for (const Choice& ch : q.matrix.columns) c.columns.push_back(id_of(ch.visible_if));

      // What the question's view reads: its conditions (but visibleIf, which
      // decides whether the view is shown at all), its texts, its answers.
      std::vector<std::string> view_reads = {q.id, q.id + "-other"};
      for (ExprId id : {c.enable, c.required}) {
        for (const std::string& v : reads(id)) view_reads.push_back(v);
      }
      for (const auto* list : {&c.choices, &c.rows, &c.columns}) {
        for (ExprId id : *list) {
          for (const std::string& v : reads(id)) view_reads.push_back(v);
        }
      }
      bool everything = false;
      for_each_question_text(def, q, [&](const LocalizedText& t) {
        for (const auto& [locale, text] : t.entries())
          piped_variables(text, view_reads, everything);
      });
      if (everything) d.views_reading_everything.push_back(flat);
      for (const std::string& v : view_reads) add_unique(d.readers[v].views, flat);

      for (ExprId id : {c.visible, c.enable, c.required}) condition(id);
      for (const auto* list : {&c.choices, &c.rows, &c.columns}) {
        for (ExprId id : *list) condition(id);
      }
      if (c.visible != kAlways) d.visibility_of[c.visible].push_back(flat);
      if (d.page_visible[p] != kAlways) add_unique(d.visibility_of[d.page_visible[p]], flat);
      d.question_index.emplace(q.id, flat);
      answer_keys.insert(q.id);
      if (q.choice.has_other) answer_keys.insert(q.id + "-other");
      d.questions.push_back(std::move(c));
    }
  }
  if (def.recovery) {
    d.recovery = id_of(def.recovery->condition);
    condition(d.recovery);
  }

  // Calculated values read answers and the values before them: recomputing
  // them in definition order is a topological order. A value that reads
  // itself or a later one sees that name as missing during a full pass,
  // which an index over current values cannot reproduce: fall back then.
  std::set<std::string> earlier;
  for (std::size_t c = 0; c < def.calculated_values.size(); ++c) {
    const CalculatedValue& v = def.calculated_values[c];
    ExprId id = id_of(v.expression);
    d.calculated.push_back(id);
    std::set<std::string> later;
    for (std::size_t k = c; k < def.calculated_values.size(); ++k) {
      later.insert(def.calculated_values[k].name);
    }
    for (const std::string& name : reads(id)) {
      if (later.count(name) != 0) d.incremental = false;
      add_unique(d.readers[name].calculated, static_cast<std::uint32_t>(c));
    }
    if (answer_keys.count(v.name) != 0 || earlier.count(v.name) != 0) d.incremental = false;
    earlier.insert(v.name);
  }
}

}  // namespace tessera::survey
