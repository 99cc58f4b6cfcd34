// SurveyJS import: the survey, its pages and panels, triggers and calculated
// values; the entry points of tessera/survey/surveyjs_import.hpp.
#include <algorithm>

#include "importer.hpp"
#include "props.hpp"
#include "tessera/common/text.hpp"
#include "tessera/expr/expression.hpp"
#include "tessera/survey/definition.hpp"
#include "tessera/survey/logic.hpp"

namespace tessera::survey::surveyjs {
namespace {

constexpr int kMaxPanelDepth = 8;

std::string both(const std::string& a, const std::string& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return "(" + a + ") and (" + b + ")";
}

// SurveyJS hides a page or panel that has no visible element. When every
// element has a condition, the container is visible when any of them holds;
// "" when one element is always visible (so is the container).
std::string any_visible(const Json& questions, std::size_t from, std::size_t max_length) {
  std::string out;
  for (std::size_t i = from; i < questions.size(); ++i) {
    if (!questions[i].contains("visibleIf")) return {};
    const std::string& c = questions[i]["visibleIf"].get_ref<const std::string&>();
    if (c == "false") continue;
    out += (out.empty() ? "(" : " or (") + c + ")";
  }
  if (out.empty()) return "false";
  // Too long a condition is left out: the container then stays visible,
  // showing no question, as an empty page would in Tessera anyway.
  return utf8_length(out) <= max_length ? out : std::string();
}

const Json* element_list(const Json& object) {
  for (const char* key : {"elements", "questions"}) {
    auto it = object.find(key);
    if (it != object.end() && !it->is_null()) return &*it;
  }
  return nullptr;
}

std::string element_type(const Json& e) {
  if (!e.is_object() || !e.contains("type") || !e["type"].is_string()) return {};
  return ascii_lower(e["type"].get<std::string>());
}

// Survey properties that only decide how SurveyJS draws its own widget.
constexpr std::string_view kSurveyPresentation[] = {"showQuestionNumbers",
                                                    "showProgressBar",
                                                    "progressBarType",
                                                    "showTOC",
                                                    "tocLocation",
                                                    "showTitle",
                                                    "showPageTitles",
                                                    "showPageNumbers",
                                                    "logo",
                                                    "logoPosition",
                                                    "logoWidth",
                                                    "logoHeight",
                                                    "logoFit",
                                                    "widthMode",
                                                    "width",
                                                    "fitToContainer",
                                                    "headerView",
                                                    "questionTitleLocation",
                                                    "questionDescriptionLocation",
                                                    "questionErrorLocation",
                                                    "questionTitlePattern",
                                                    "requiredText",
                                                    "showNavigationButtons",
                                                    "showPrevButton",
                                                    "showCompletedPage",
                                                    "pagePrevText",
                                                    "pageNextText",
                                                    "completeText",
                                                    "previewText",
                                                    "editText",
                                                    "startSurveyText",
                                                    "focusFirstQuestionAutomatic",
                                                    "focusOnFirstError",
                                                    "goNextPageAutomatic",
                                                    "allowCompleteSurveyAutomatic",
                                                    "checkErrorsMode",
                                                    "textUpdateMode",
                                                    "questionStartIndex",
                                                    "autoGrowComment",
                                                    "allowResizeComment",
                                                    "showBrandInfo",
                                                    "backgroundImage",
                                                    "backgroundImageFit",
                                                    "backgroundImageAttachment",
                                                    "backgroundOpacity",
                                                    "cookieName",
                                                    "sendResultOnPageNext",
                                                    "completedBeforeHtml",
                                                    "loadingHtml",
                                                    "showPreviewBeforeComplete",
                                                    "firstPageIsStarted",
                                                    "$schema",
                                                    "commentText",
                                                    "questionsOnPageMode_standard",
                                                    "showInvisibleElements",
                                                    "showCorrectAnswer",
                                                    "storeOthersAsComment",
                                                    "maxOthersLength",
                                                    "surveyShowDataSaving",
                                                    "showQuestionNumbers",
                                                    "completedHtmlOnEmpty",
                                                    "navigationButtonsVisibility",
                                                    "showTimer",
                                                    "timerLocation"};

}  // namespace

void Importer::collect_names(const Json& list, const std::string& path, int depth) {
  if (!list.is_array()) return;  // reported when the page is built
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Json& e = list[i];
    std::string at = pointer_join(path, i);
    std::string type = element_type(e);
    if (type == "panel") {
      if (depth < kMaxPanelDepth) {
        if (const Json* inner = element_list(e))
          collect_names(*inner, pointer_join(at, "elements"), depth + 1);
      }
      continue;
    }
    if (type.empty() || type == "html") continue;
    const Json* name = e.contains("name") ? &e["name"] : nullptr;
    if (name == nullptr || !name->is_string() || name->get<std::string>().empty()) {
      problem(pointer_join(at, "name"), "every question needs a name");
      continue;
    }
    std::string n = name->get<std::string>();
    if (names_.count(n) != 0) {
      problem(pointer_join(at, "name"), "the name \"" + n + "\" is used twice");
      continue;
    }
    NameInfo info;
    info.id = claim_id(n, "q");
    info.calculated = type == "expression";
    info.matrix = type == "matrix";
    auto truthy = [&](const char* key) { return e.contains(key) && e[key] == true; };
    if (truthy("hasOther") || truthy("showOtherItem")) info.other_id = info.id + "-other";
    if (truthy("hasComment") || truthy("showCommentArea")) {
      info.comment_id = claim_id(info.id + "-Comment", "q");
    }
    if (info.id != n) result_.renamed["questions"][n] = info.id;
    names_.emplace(n, std::move(info));
  }
}

void Importer::elements(const Json& list, const std::string& path, const Scope& scope, Json& out,
                        int depth) {
  if (!list.is_array()) {
    problem(path, "expected an array of elements");
    return;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Json& e = list[i];
    std::string at = pointer_join(path, i);
    std::string type = element_type(e);
    if (type.empty()) {
      problem(at, "expected an element object with a \"type\"");
    } else if (type == "panel") {
      panel(e, at, scope, out, depth + 1);
    } else if (type == "expression") {
      expression_question(e, at);
    } else {
      question(e, at, scope, out);
    }
  }
}

void Importer::panel(const Json& element, const std::string& path, const Scope& scope, Json& out,
                     int depth) {
  Props p(element, path);
  p.take("type");
  const Json* name = p.take("name");
  if (depth > kMaxPanelDepth) {
    problem(path, "panels nested deeper than " + std::to_string(kMaxPanelDepth) + " levels");
    return;
  }
  // A panel's conditions hold for everything inside it.
  Scope inner = scope;
  inner.visible_if = both(scope.visible_if, expression_or_empty(p, "visibleIf"));
  if (const Json* v = p.take("visible"); v != nullptr && *v == false) inner.visible_if = "false";
  inner.enable_if = both(scope.enable_if, expression_or_empty(p, "enableIf"));
  if (p.flag("readOnly")) inner.enable_if = "false";
  if (p.flag("isRequired")) {
    problem(p.at("isRequired"), "a required panel (any one question answered) is not supported");
  }
  if (p.take("requiredIf") != nullptr) {
    problem(p.at("requiredIf"), "a conditionally required panel is not supported");
  }
  if (const Json* o = p.take("questionsOrder"); o != nullptr && *o == "random") {
    problem(p.at("questionsOrder"), "questions are shuffled per page in Tessera, not per panel");
  }
  // Its title and description become a statement above its questions.
  Json title = text(p.take("title"), p.at("title"));
  Json description = text(p.take("description"), p.at("description"));
  std::size_t first = out.size();
  if (!title.is_null()) {
    Json s = {{"id", claim_id(name != nullptr && name->is_string() ? name->get<std::string>() : "",
                              "panel")},
              {"type", "statement"},
              {"title", title}};
    if (!description.is_null()) s["description"] = description;
    out.push_back(std::move(s));
  } else if (!description.is_null()) {
    ignore(p.at("description"));  // a description without a title has nothing to hang on
  }
  const Json* list = p.take_either("elements", "questions");
  if (list != nullptr) {
    elements(*list, p.at(element.contains("elements") ? "elements" : "questions"), inner, out,
             depth);
  }
  if (!title.is_null()) {
    // The title shows while the panel shows: its own condition and, as in
    // SurveyJS, at least one visible question inside.
    std::string shown = out.size() > first + 1
                            ? any_visible(out, first + 1, options_.limits.max_expression_length)
                            : inner.visible_if;
    if (shown.empty()) shown = inner.visible_if;
    if (!shown.empty()) out[first]["visibleIf"] = shown;
  }
  p.finish(*this);
}

void Importer::page(const Json& page, const std::string& path, Json& pages) {
  if (!page.is_object()) {
    problem(path, "expected a page object");
    return;
  }
  Props p(page, path);
  const Json* list = p.take_either("elements", "questions");
  build_page(p, list, p.at(page.contains("elements") ? "elements" : "questions"), pages);
}

void Importer::build_page(Props& p, const Json* list, const std::string& list_path, Json& pages) {
  Json out = Json::object();
  const Json* name = p.take("name");
  std::string n = name != nullptr && name->is_string() ? name->get<std::string>() : "";
  std::string id = claim_page_id(n, "page" + std::to_string(pages.size() + 1));
  if (!n.empty() && id != n) result_.renamed["pages"][n] = id;
  out["id"] = id;
  if (Json t = text(p.take("title"), p.at("title")); !t.is_null()) out["title"] = t;
  if (Json t = text(p.take("description"), p.at("description")); !t.is_null()) {
    out["description"] = t;
  }
  std::string visible = expression_or_empty(p, "visibleIf");
  if (const Json* v = p.take("visible"); v != nullptr && *v == false) visible = "false";
  if (!visible.empty()) out["visibleIf"] = visible;
  Scope scope;
  scope.enable_if = expression_or_empty(p, "enableIf");
  if (p.flag("readOnly")) scope.enable_if = "false";
  if (const Json* o = p.take("questionsOrder"); o != nullptr && *o == "random")
    out["randomize"] = true;
  for (const char* key : {"maxTimeToFinish", "timeLimit"}) {
    if (const Json* t = p.take(key); t != nullptr && *t != 0) {
      problem(p.at(key), "time limits are not supported");
    }
  }
  p.ignore({"navigationButtonsVisibility", "navigationTitle", "navigationDescription", "state"});
  Json questions = Json::array();
  if (list != nullptr) elements(*list, list_path, scope, questions, 0);
  p.finish(*this);
  if (questions.empty()) {
    // SurveyJS skips a page with nothing to show; Tessera pages need a question.
    ignore(p.path());
    page_ids_.erase(id);
    return;
  }
  for (const Json& q : questions) page_of_question_[q["id"].get<std::string>()] = id;
  // As in SurveyJS, a page whose questions are all hidden is skipped.
  std::string any = any_visible(questions, 0, options_.limits.max_expression_length);
  if (!any.empty()) {
    std::string page_visible = both(visible, any);
    if (utf8_length(page_visible) <= options_.limits.max_expression_length) {
      out["visibleIf"] = page_visible;
    }
  }
  out["questions"] = std::move(questions);
  pages.push_back(std::move(out));
}

void Importer::triggers(const Json& list, const std::string& path, Json& pages) {
  if (!list.is_array()) {
    problem(path, "expected an array of triggers");
    return;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string at = pointer_join(path, i);
    std::string type = element_type(list[i]);
    if (type != "complete" && type != "skip") {
      problem(at, "the " + (type.empty() ? std::string("untyped") : "\"" + type + "\"") +
                      " trigger is not supported (Tessera never sets answers for the respondent)");
      continue;
    }
    Props p(list[i], at);
    p.take("type");
    std::string condition = expression_or_empty(p, "expression");
    std::size_t until =
        pages.size() > 0 ? pages.size() - 1 : 0;  // complete: every page but the last
    std::string to = "end";
    if (type == "skip") {
      const Json* goto_name = p.take("gotoName");
      const NameInfo* info = goto_name != nullptr && goto_name->is_string()
                                 ? find_name(goto_name->get<std::string>())
                                 : nullptr;
      auto page = info == nullptr ? page_of_question_.end() : page_of_question_.find(info->id);
      if (page == page_of_question_.end()) {
        problem(p.at("gotoName"), "expected the name of a question on a page");
        continue;
      }
      to = page->second;
      until = 0;
      while (until < pages.size() && pages[until]["id"] != to) ++until;
      if (until == 0) {
        problem(p.at("gotoName"),
                "a skip to the first page goes backwards; Tessera jumps only forward");
        continue;
      }
    }
    p.finish(*this);
    if (condition.empty()) continue;
    // SurveyJS acts when the condition becomes true on a page; Tessera checks
    // jumps when a page is left, which reaches the same page.
    for (std::size_t j = 0; j < until; ++j) {
      pages[j]["jumps"].push_back(Json{{"if", condition}, {"to", to}});
    }
  }
}

void Importer::calculated_values(const Json& list, const std::string& path) {
  if (!list.is_array()) {
    problem(path, "expected an array");
    return;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string at = pointer_join(path, i);
    if (!list[i].is_object()) {
      problem(at, "expected an object");
      continue;
    }
    Props p(list[i], at);
    const Json* name = p.take("name");
    const Json* expr = p.take("expression");
    p.take("includeIntoResult");  // Tessera records every calculated value
    p.finish(*this);
    if (name == nullptr || !name->is_string() || name->get<std::string>().empty() ||
        expr == nullptr || !expr->is_string()) {
      problem(at, "a calculated value needs a name and an expression");
      continue;
    }
    std::string n = name->get<std::string>();
    if (names_.count(n) != 0) {
      problem(p.at("name"), "the name \"" + n + "\" is used twice");
      continue;
    }
    NameInfo info;
    info.id = claim_id(n, "value");
    info.calculated = true;
    if (info.id != n) result_.renamed["questions"][n] = info.id;
    calculated_.push_back({info.id, expr->get<std::string>(), p.at("expression")});
    names_.emplace(n, std::move(info));
  }
}

Json Importer::ordered_calculated_values() {
  // Tessera computes calculated values in order, each seeing those before
  // it; SurveyJS recomputes until nothing changes. Ordering by dependency
  // gives both the same result; a cycle has no order and is refused.
  struct Node {
    std::string name, expression, path;
    std::vector<std::string> needs;
  };
  std::vector<Node> nodes;
  std::set<std::string> names;
  for (const Calculated& c : calculated_) names.insert(c.name);
  for (const Calculated& c : calculated_) {
    Node n{c.name, expression_text(c.expression, c.path), c.path, {}};
    if (n.expression.empty()) continue;
    auto compiled = expr::Expression::parse(n.expression);
    if (compiled.ok()) {
      for (const std::string& root : compiled->variable_roots()) {
        if (names.count(root) != 0 && root != n.name) n.needs.push_back(root);
      }
      if (std::count(compiled->variable_roots().begin(), compiled->variable_roots().end(),
                     n.name) != 0) {
        problem(c.path, "a calculated value cannot depend on itself");
        continue;
      }
    }
    nodes.push_back(std::move(n));
  }
  Json out = Json::array();
  std::set<std::string> done;
  while (!nodes.empty()) {
    auto ready = std::find_if(nodes.begin(), nodes.end(), [&](const Node& n) {
      return std::all_of(n.needs.begin(), n.needs.end(), [&](const std::string& d) {
        return done.count(d) != 0 || names.count(d) == 0;
      });
    });
    if (ready == nodes.end()) {
      for (const Node& n : nodes)
        problem(n.path, "calculated values depend on each other in a circle");
      break;
    }
    out.push_back(Json{{"name", ready->name}, {"expression", ready->expression}});
    done.insert(ready->name);
    nodes.erase(ready);
  }
  // Values a failed expression left out must not block the others.
  return out;
}

void Importer::survey_properties(Props& sp, Json& def) {
  if (Json t = text(sp.take("title"), sp.at("title")); !t.is_null()) def["title"] = t;
  if (Json t = text(sp.take("description"), sp.at("description")); !t.is_null()) {
    // Tessera surveys have no description of their own: the first page shows it.
    if (!def["pages"].empty() && !def["pages"][0].contains("description")) {
      def["pages"][0]["description"] = t;
    } else {
      ignore(sp.at("description"));
    }
  }
  if (Json t = html_text(sp.take("completedHtml"), sp.at("completedHtml")); !t.is_null()) {
    def["thankYou"] = t;
  }
  if (const Json* c = sp.take("clearInvisibleValues"); c != nullptr && *c == "none") {
    def["clearHiddenAnswers"] = false;
  }
  if (const Json* o = sp.take("questionsOrder"); o != nullptr && *o == "random") {
    for (Json& page : def["pages"]) page["randomize"] = true;
  }
  if (const Json* m = sp.take("mode"); m != nullptr && *m == "display") {
    problem(sp.at("mode"), "a read-only (display mode) survey is not supported");
  }
  if (const Json* m = sp.take("questionsOnPageMode"); m != nullptr && *m != "standard") {
    problem(sp.at("questionsOnPageMode"), "only the standard page layout is supported");
  }
  if (const Json* s = sp.take("storeOthersAsComment"); s != nullptr && *s == false) {
    problem(sp.at("storeOthersAsComment"),
            "Tessera records \"other\" as the answer and its text apart (as <id>-other)");
  }
  for (const char* key :
       {"maxTimeToFinish", "maxTimeToFinishPage", "timeLimit", "timeLimitPerPage"}) {
    if (const Json* t = sp.take(key); t != nullptr && *t != 0)
      problem(sp.at(key), "time limits are not supported");
  }
  if (const Json* t = sp.take("showTimerPanel"); t != nullptr && *t != "none") {
    problem(sp.at("showTimerPanel"), "timers are not supported");
  }
  for (const char* key : {"completedHtmlOnCondition", "navigateToUrl", "navigateToUrlOnCondition",
                          "surveyId", "surveyPostId", "clientId"}) {
    if (sp.take(key) != nullptr) {
      problem(sp.at(key), std::string("\"") + key + "\" is not supported");
    }
  }
  for (auto key : kSurveyPresentation) sp.ignore({key});
}

Result<SurveyJsImport> Importer::run(const Json& src, const std::string& path) {
  TESSERA_RETURN_IF_ERROR(expect_object(src, path));
  TESSERA_RETURN_IF_ERROR(check_definition_size(src, path, options_.limits));
  result_.renamed = {
      {"questions", Json::object()}, {"pages", Json::object()}, {"values", Json::object()}};
  Props sp(src, path);
  if (const Json* locale = sp.take("locale"); locale != nullptr) {
    if (locale->is_string() && check_locale(locale->get<std::string>(), sp.at("locale")).ok()) {
      default_locale_ = locale->get<std::string>();
    } else {
      problem(sp.at("locale"), "expected a locale tag such as \"en\" or \"de\"");
    }
  }
  if (const Json* m = sp.take("maxTextLength"); m != nullptr && m->is_number_integer()) {
    max_text_length_ = m->get<std::int64_t>();
  }
  const Json* pages = sp.take("pages");
  const Json* root_elements = sp.take_either("elements", "questions");
  // First pass: every name an expression may use.
  if (pages != nullptr && pages->is_array()) {
    for (std::size_t i = 0; i < pages->size(); ++i) {
      const Json& page = (*pages)[i];
      if (const Json* list = page.is_object() ? element_list(page) : nullptr) {
        collect_names(*list, pointer_join(pointer_join(sp.at("pages"), i), "elements"), 0);
      }
    }
  }
  if (root_elements != nullptr) collect_names(*root_elements, sp.at("elements"), 0);
  if (const Json* calculated = sp.take("calculatedValues")) {
    calculated_values(*calculated, sp.at("calculatedValues"));
  }
  // Second pass: convert.
  Json def = {
      {"id", options_.id}, {"version", options_.version}, {"defaultLocale", default_locale_}};
  Json out_pages = Json::array();
  if (pages != nullptr) {
    if (!pages->is_array()) problem(sp.at("pages"), "expected an array of pages");
    for (std::size_t i = 0; pages->is_array() && i < pages->size(); ++i) {
      page((*pages)[i], pointer_join(sp.at("pages"), i), out_pages);
    }
  }
  if (root_elements != nullptr) {
    // A survey without pages: its elements form one page.
    Json none = Json::object();
    Props p(none, path);
    build_page(p, root_elements, sp.at(src.contains("elements") ? "elements" : "questions"),
               out_pages);
  }
  if (const Json* list = sp.take("triggers")) triggers(*list, sp.at("triggers"), out_pages);
  def["pages"] = std::move(out_pages);
  Json calculated = ordered_calculated_values();
  if (!calculated.empty()) def["calculatedValues"] = std::move(calculated);
  survey_properties(sp, def);
  sp.finish(*this);
  if (def["pages"].empty() && problems_.empty()) {
    problem(path, "the survey has no question Tessera can show");
  }

  if (!problems_.empty()) {
    std::string message = "this SurveyJS survey uses " + std::to_string(problems_.size()) +
                          " thing(s) Tessera cannot import faithfully:";
    for (const Problem& p : problems_)
      message += "\n- " + (p.path.empty() ? "/" : p.path) + ": " + p.what;
    return Status(Code::kInvalidValue, message, problems_.front().path);
  }
  // The result must be a definition Tessera accepts; say so plainly if not.
  auto parsed = parse_survey(def, "", options_.limits);
  Status st = parsed.ok() ? SurveyLogic::compile(*parsed).status() : parsed.status();
  if (!st.ok()) {
    return Status(st.code(),
                  "the imported definition is refused at " + (st.path().empty() ? "/" : st.path()) +
                      " (a pointer into the Tessera definition): " + st.message(),
                  path);
  }
  result_.definition = std::move(def);
  return std::move(result_);
}

}  // namespace tessera::survey::surveyjs

namespace tessera::survey {

Json SurveyJsImport::to_json() const {
  return Json{{"definition", definition}, {"renamed", renamed}, {"ignored", ignored}};
}

Result<SurveyJsImport> import_surveyjs(const Json& surveyjs, const SurveyJsImportOptions& options,
                                       const std::string& path) {
  TESSERA_RETURN_IF_ERROR(check_id(options.id, "/id"));
  surveyjs::Importer importer(options);
  return importer.run(surveyjs, path);
}

Result<SurveyJsImport> import_surveyjs_text(std::string_view text,
                                            const SurveyJsImportOptions& options) {
  TESSERA_ASSIGN_OR_RETURN(Json doc, parse_json(text, options.limits.json_limits()));
  return import_surveyjs(doc, options, "");
}

}  // namespace tessera::survey
