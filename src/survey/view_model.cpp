// The view model: what the widget draws, with every text resolved to the
// respondent's locale. The JS layer renders it and holds no survey rules.
// Field by field documentation: docs/view-model.md.
#include <string>

#include "tessera/survey/session.hpp"
#include "tessera/survey/strings.hpp"

namespace tessera::survey {
namespace {

std::string replace_all(std::string s, std::string_view from, const std::string& to) {
  for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

// Text of a localized field, or the built-in default when the merchant gave
// none for this question.
std::string text_or(const LocalizedText& text, std::string_view locale,
                    std::string_view default_locale, std::string_view fallback) {
  return text.empty() ? std::string(fallback) : text.resolve(locale, default_locale);
}

}  // namespace

Json Session::view_model() const {
  const std::string& loc = start_.locale;
  const std::string& def_loc = definition_->default_locale;
  const UiStrings& ui = ui_strings(loc);
  const Page& page = definition_->pages[page_index_];
  const std::size_t page_count = definition_->pages.size();

  Json questions = Json::array();
  for (const Question& q : page.questions) {
    auto answer = answers_.find(q.id);
    auto error = errors_.find(q.id);
    Json vq = {{"id", q.id},
               {"type", std::string(question_type_name(q.type))},
               {"title", q.title.resolve(loc, def_loc)},
               {"description", q.description.resolve(loc, def_loc)},
               {"required", q.required},
               {"value", answer == answers_.end() ? Json() : *answer},
               {"error", error == errors_.end() ? Json() : Json(error->second)}};
    if (q.type == QuestionType::kNps) {
      Json options = Json::array();
      for (int v = 0; v <= 10; ++v) options.push_back({{"value", v}, {"label", std::to_string(v)}});
      vq["options"] = std::move(options);
      vq["minLabel"] = text_or(q.nps.min_label, loc, def_loc, ui.nps_min_label);
      vq["maxLabel"] = text_or(q.nps.max_label, loc, def_loc, ui.nps_max_label);
    } else {
      std::int64_t used = 0;
      if (answer != answers_.end() && answer->is_string()) {
        used = static_cast<std::int64_t>(utf8_length(answer->get_ref<const std::string&>()));
      }
      vq["maxLength"] = q.text.max_length;
      vq["minLength"] = q.text.min_length;
      vq["multiline"] = q.text.multiline;
      vq["placeholder"] = q.text.placeholder.resolve(loc, def_loc);
      vq["remaining"] = format_count(ui.characters_left, q.text.max_length - used);
    }
    questions.push_back(std::move(vq));
  }

  std::string progress = format_count(ui.progress, static_cast<std::int64_t>(page_index_) + 1);
  progress = replace_all(progress, "{total}", std::to_string(page_count));
  std::size_t done = state_ == SessionState::kCompleted ? page_count : page_index_;

  Json view = {
      {"surveyId", definition_->id},
      {"state", std::string(session_state_name(state_))},
      {"locale", loc},
      {"dir", is_right_to_left(loc) ? "rtl" : "ltr"},
      {"title", definition_->title.resolve(loc, def_loc)},
      {"page",
       {{"id", page.id},
        {"index", page_index_},
        {"count", page_count},
        {"title", page.title.resolve(loc, def_loc)}}},
      {"progress", {{"label", progress}, {"percent", done * 100 / page_count}}},
      {"questions", std::move(questions)},
      {"nav",
       {{"canBack", page_index_ > 0},
        {"isLast", page_index_ + 1 == page_count},
        {"next", std::string(ui.next)},
        {"back", std::string(ui.back)},
        {"submit", std::string(ui.submit)}}},
      {"strings", {{"optional", std::string(ui.optional)}, {"close", std::string(ui.close)}}},
      {"thankYou", text_or(definition_->thank_you, loc, def_loc, ui.thank_you)},
  };
  return view;
}

}  // namespace tessera::survey
