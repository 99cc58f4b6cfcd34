// The view model: what the widget draws, with every text resolved to the
// respondent's locale and piped. The JS layer renders it and holds no survey
// rules. Field by field documentation: docs/view-model.md.
#include <string>

#include "tessera/survey/session.hpp"
#include "tessera/survey/strings.hpp"

namespace tessera::survey {
namespace {

struct Texts {
  const std::string& locale;
  const std::string& default_locale;
  const Json& values;

  // A merchant's text, piped; or the built-in message when none was given.
  std::string operator()(const LocalizedText& text, Msg fallback = Msg::kCount) const {
    if (text.empty()) {
      return fallback == Msg::kCount ? std::string() : std::string(ui_text(locale, fallback));
    }
    return SurveyLogic::pipe(text.resolve(locale, default_locale), values);
  }
};

std::pair<Msg, Msg> scale_labels(QuestionType type) {
  switch (type) {
    case QuestionType::kNps:
      return {Msg::kNpsMin, Msg::kNpsMax};
    case QuestionType::kCsat:
      return {Msg::kCsatMin, Msg::kCsatMax};
    case QuestionType::kCes:
      return {Msg::kCesMin, Msg::kCesMax};
    default:
      return {Msg::kCount, Msg::kCount};  // rating: no built-in end labels
  }
}

// `visible` says, per choice in definition order, whether it is shown.
template <typename Visible>
Json choice_list(const std::vector<Choice>& choices, const std::vector<std::size_t>& order,
                 const Texts& t, Visible visible) {
  Json out = Json::array();
  for (std::size_t i : order) {
    const Choice& c = choices[i];
    if (!visible(i)) continue;
    out.push_back({{"value", c.value}, {"label", t(c.text)}});
  }
  return out;
}

}  // namespace

// One visible question's view, without its "error" (view_model() adds it:
// errors change without any answer changing). Cached per question between
// calls when the session re-evaluates incrementally.
Json Session::question_view(std::uint32_t flat) const {
  const std::string& loc = start_.locale;
  const Json& vals = values();
  const Texts t{loc, definition_->default_locale, vals};
  const QuestionConditions& conditions = logic_->dependencies().questions[flat];
  const Question& q = definition_->pages[conditions.page].questions[conditions.index_in_page];
  auto shown = [this](const std::vector<ExprId>& ids) {
    return [this, &ids](std::size_t i) { return holds(ids[i]); };
  };
  auto answer = answers_.find(q.id);
  bool required = q.required || (conditions.required != kAlways && holds(conditions.required));
  Json vq = {{"id", q.id},
             {"type", std::string(question_type_name(q.type))},
             {"title", t(variant_text(q, q.title, &Variant::Texts::title))},
             {"description", t(variant_text(q, q.description, &Variant::Texts::description))},
             {"required", required},
             {"enabled", holds(conditions.enable)},
             {"value", answer == answers_.end() ? Json() : *answer},
             {"error", Json()}};
  if (is_scale(q.type)) {
    Json options = Json::array();
    for (std::int64_t v = q.scale.min; v <= q.scale.max; v += q.scale.step) {
      options.push_back({{"value", v}, {"label", std::to_string(v)}});
    }
    auto [min_msg, max_msg] = scale_labels(q.type);
    vq["options"] = std::move(options);
    vq["minLabel"] = t(variant_text(q, q.scale.min_label, &Variant::Texts::min_label), min_msg);
    vq["maxLabel"] = t(variant_text(q, q.scale.max_label, &Variant::Texts::max_label), max_msg);
    vq["display"] = std::string(scale_display_name(q.scale.display));
  }
  switch (q.type) {
    case QuestionType::kSingle:
    case QuestionType::kDropdown:
    case QuestionType::kMulti: {
      Json choices = choice_list(q.choice.choices, choice_order(q), t, shown(conditions.choices));
      if (q.choice.has_other) {
        choices.push_back({{"value", kOtherValue},
                           {"label", t(q.choice.other_text, Msg::kOther)},
                           {"other", true}});
        auto other = answers_.find(q.id + "-other");
        vq["otherText"] = other == answers_.end() ? Json("") : *other;
      }
      if (q.choice.has_none) {
        choices.push_back({{"value", kNoneValue},
                           {"label", t(q.choice.none_text, Msg::kNone)},
                           {"exclusive", true}});
      }
      vq["choices"] = std::move(choices);
      if (q.type == QuestionType::kDropdown) {
        vq["placeholder"] = t(q.choice.placeholder, Msg::kChoose);
      }
      if (q.type == QuestionType::kMulti) {
        vq["minSelected"] = q.choice.min_selected;
        vq["maxSelected"] = q.choice.max_selected;
      }
      break;
    }
    case QuestionType::kRanking: {
      // The current ranking, or the (possibly shuffled) starting order.
      Json items = Json::array();
      if (answer != answers_.end()) {
        for (const Json& v : *answer) {
          for (const Choice& c : q.choice.choices) {
            if (c.value == v) items.push_back({{"value", c.value}, {"label", t(c.text)}});
          }
        }
      } else {
        items = choice_list(q.choice.choices, choice_order(q), t, shown(conditions.choices));
      }
      vq["items"] = std::move(items);
      vq["moveUp"] = std::string(ui_text(loc, Msg::kMoveUp));
      vq["moveDown"] = std::string(ui_text(loc, Msg::kMoveDown));
      break;
    }
    case QuestionType::kMatrix: {
      std::vector<std::size_t> rows(q.matrix.rows.size());
      std::vector<std::size_t> cols(q.matrix.columns.size());
      for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = i;
      for (std::size_t i = 0; i < cols.size(); ++i) cols[i] = i;
      vq["rows"] = choice_list(q.matrix.rows, rows, t, shown(conditions.rows));
      vq["columns"] = choice_list(q.matrix.columns, cols, t, shown(conditions.columns));
      break;
    }
    case QuestionType::kYesNo:
      vq["options"] = Json::array({{{"value", true}, {"label", t(q.yes_label, Msg::kYes)}},
                                   {{"value", false}, {"label", t(q.no_label, Msg::kNo)}}});
      break;
    case QuestionType::kText: {
      std::int64_t used = 0;
      if (answer != answers_.end() && answer->is_string()) {
        used = static_cast<std::int64_t>(utf8_length(answer->get_ref<const std::string&>()));
      }
      vq["inputKind"] = std::string(text_kind_name(q.text.kind));
      vq["maxLength"] = q.text.max_length;
      vq["minLength"] = q.text.min_length;
      vq["multiline"] = q.text.multiline;
      vq["placeholder"] = t(q.text.placeholder);
      if (q.text.min_value) vq["minValue"] = *q.text.min_value;
      if (q.text.max_value) vq["maxValue"] = *q.text.max_value;
      vq["remaining"] = format_count(ui_text(loc, Msg::kCharactersLeft), q.text.max_length - used);
      break;
    }
    default:
      break;
  }
  return vq;
}

// Everything of the view but its "questions".
Json Session::view_frame() const {
  const std::string& loc = start_.locale;
  const Texts t{loc, definition_->default_locale, values()};
  const Page& page = definition_->pages[page_index_];
  const std::size_t page_count = definition_->pages.size();
  std::string progress =
      format_count(ui_text(loc, Msg::kProgress), static_cast<std::int64_t>(history_.size()) + 1,
                   static_cast<std::int64_t>(page_count));
  std::size_t done = state_ == SessionState::kCompleted ? page_count : history_.size();
  bool last = on_last_page();
  return Json{
      {"surveyId", definition_->id},
      {"state", std::string(session_state_name(state_))},
      {"locale", loc},
      {"dir", is_right_to_left(loc) ? "rtl" : "ltr"},
      {"title", t(definition_->title)},
      {"page",
       {{"id", page.id},
        {"index", page_index_},
        {"count", page_count},
        {"title", t(page.title)},
        {"description", t(page.description)}}},
      {"progress",
       {{"label", progress}, {"percent", std::min<std::size_t>(100, done * 100 / page_count)}}},
      {"nav",
       {{"canBack", !history_.empty()},
        {"isLast", last},
        {"next", std::string(ui_text(loc, Msg::kNext))},
        {"back", std::string(ui_text(loc, Msg::kBack))},
        {"submit", std::string(ui_text(loc, Msg::kSubmit))}}},
      {"strings",
       {{"optional", std::string(ui_text(loc, Msg::kOptional))},
        {"close", std::string(ui_text(loc, Msg::kClose))}}},
      {"thankYou", t(definition_->thank_you, Msg::kThankYou)},
  };
}

// Calls `visit(flat, error)` for each visible question of the current page,
// in the respondent's order; error is null when there is none.
template <typename Visit>
void Session::for_each_visible_question(Visit visit) const {
  const Dependencies& deps = logic_->dependencies();
  const Page& page = definition_->pages[page_index_];
  for (std::size_t qi : question_order(page_index_)) {
    auto flat = static_cast<std::uint32_t>(deps.page_first[page_index_] + qi);
    if (!holds(deps.questions[flat].visible)) continue;
    auto error = errors_.find(page.questions[qi].id);
    visit(flat, error == errors_.end() ? nullptr : &error->second);
  }
}

const Json& Session::cached_question_view(std::uint32_t flat) const {
  if (views_[flat].is_null()) views_[flat] = question_view(flat);
  return views_[flat];
}

Json Session::view_model() const {
  Json questions = Json::array();
  for_each_visible_question([&](std::uint32_t flat, const std::string* error) {
    questions.push_back(incremental_ ? cached_question_view(flat) : question_view(flat));
    if (error != nullptr) questions.back()["error"] = *error;
  });
  Json view = view_frame();
  view["questions"] = std::move(questions);
  return view;
}

std::string Session::view_model_text() const {
  if (!incremental_) return dump_json(view_model());
  // The questions: cached JSON text of each view, cut where its error goes.
  std::string questions = "[";
  for_each_visible_question([&](std::uint32_t flat, const std::string* error) {
    ViewText& text = view_texts_[flat];
    if (text.json.empty()) {
      text.json = dump_json(cached_question_view(flat));
      // "error" is a key of the view object only (quotes inside strings are
      // escaped), and the cached view always holds null there.
      text.error_at = text.json.find("\"error\":null") + 8;
    }
    if (questions.size() > 1) questions += ',';
    questions.append(text.json, 0, text.error_at);
    questions += error == nullptr ? std::string("null") : dump_json(Json(*error));
    questions.append(text.json, text.error_at + 4, std::string::npos);
  });
  questions += ']';
  // The frame's members in their (sorted) order, "questions" in its place.
  Json frame = view_frame();
  std::string out = "{";
  bool placed = false;
  for (auto it = frame.begin(); it != frame.end(); ++it) {
    if (!placed && it.key() > "questions") {
      out += "\"questions\":" + questions + ",";
      placed = true;
    }
    out += dump_json(Json(it.key())) + ":" + dump_json(*it) + ",";
  }
  if (!placed) out += "\"questions\":" + questions + ",";
  out.back() = '}';
  return out;
}

}  // namespace tessera::survey
