// SurveyJS import: one question element -> Tessera question(s). See
// importer.hpp; the mapping table is docs/surveyjs-import.md.
#include <algorithm>

#include "importer.hpp"
#include "props.hpp"
#include "tessera/common/pattern.hpp"
#include "tessera/common/text.hpp"

namespace tessera::survey::surveyjs {
namespace {

std::string both(const std::string& a, const std::string& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return "(" + a + ") and (" + b + ")";
}

bool is_int(const Json* v) {
  return v != nullptr && (v->is_number_integer() || v->is_number_unsigned());
}

// A small integer setting (scale ends, steps, counts): SurveyJS never needs
// more, and the bound keeps the arithmetic below far from overflow.
bool is_small_int(const Json* v) {
  return is_int(v) && (v->is_number_unsigned() ? v->get<std::uint64_t>() <= 1'000'000
                                               : v->get<std::int64_t>() >= -1'000'000 &&
                                                     v->get<std::int64_t>() <= 1'000'000);
}

// The text used to sort choices ("asc"/"desc"): the plain or first text.
std::string sort_key(const Json& choice) {
  auto t = choice.find("text");
  if (t != choice.end() && t->is_string()) return t->get<std::string>();
  if (t != choice.end() && t->is_object() && !t->empty()) return t->begin()->get<std::string>();
  return choice.find("value")->get<std::string>();
}

std::string title_text(const Json& t) {
  if (t.is_string()) return t.get<std::string>();
  if (t.is_object() && !t.empty()) return t.begin()->get<std::string>();
  return {};
}

// A SurveyJS regex matches anywhere in the answer (RegExp.test); a Tessera
// pattern must match the whole answer. Leading ^ and trailing $ anchor;
// otherwise any text may come before or after.
std::string whole_answer_pattern(std::string regex) {
  bool start = !regex.empty() && regex.front() == '^';
  if (start) regex.erase(0, 1);
  bool end = false;
  if (!regex.empty() && regex.back() == '$') {
    std::size_t backslashes = 0;
    for (std::size_t i = regex.size() - 1; i > 0 && regex[i - 1] == '\\'; --i) ++backslashes;
    end = backslashes % 2 == 0;
    if (end) regex.pop_back();
  }
  return (start ? "" : "[^]*") + std::string("(?:") + regex + ")" + (end ? "" : "[^]*");
}

}  // namespace

void Importer::expression_question(const Json& element, const std::string& path) {
  Props p(element, path);
  p.take("type");
  const Json* name = p.take("name");
  const NameInfo* info =
      name != nullptr && name->is_string() ? find_name(name->get<std::string>()) : nullptr;
  const Json* expr = p.take("expression");
  if (info == nullptr || expr == nullptr) {
    problem(path, "an expression question needs a name and an expression");
    return;
  }
  // What SurveyJS shows of it (title, format) has no Tessera counterpart:
  // the value is computed and recorded, not displayed.
  p.ignore({"title", "description", "displayStyle", "currency", "precision", "format",
            "maximumFractionDigits", "minimumFractionDigits", "useGrouping", "visible", "visibleIf",
            "isRequired", "readOnly", "enableIf"});
  calculated_.push_back({info->id, "", pointer_join(path, "expression")});
  if (expr->is_string()) calculated_.back().expression = expr->get<std::string>();
  p.finish(*this);
}

void Importer::question(const Json& element, const std::string& path, const Scope& scope,
                        Json& out) {
  Props p(element, path);
  std::string type = ascii_lower(p.take("type")->get<std::string>());
  static constexpr std::string_view kTypes[] = {"radiogroup", "dropdown", "checkbox", "tagbox",
                                                "ranking",    "rating",   "text",     "comment",
                                                "boolean",    "matrix",   "html"};
  if (std::find(std::begin(kTypes), std::end(kTypes), type) == std::end(kTypes)) {
    problem(path, "the question type \"" + type + "\" has no Tessera counterpart");
    return;
  }
  const Json* name_json = p.take("name");
  std::string name = name_json != nullptr && name_json->is_string() ? name_json->get<std::string>()
                                                                    : std::string();
  Json q = Json::object();
  if (type == "html") {
    q["id"] = claim_id(name, "html");
    Json body = html_text(p.take("html"), p.at("html"));
    // A statement needs a title: the first line is the title, the rest the
    // description.
    auto split = [](const std::string& s) {
      auto nl = s.find('\n');
      return nl == std::string::npos ? std::make_pair(s, std::string())
                                     : std::make_pair(s.substr(0, nl), s.substr(nl + 1));
    };
    Json title = Json::object(), description = Json::object();
    if (body.is_string()) {
      auto [t, d] = split(body.get<std::string>());
      title = t;
      description = d;
    } else if (body.is_object()) {
      for (auto& e : body.items()) {
        auto [t, d] = split(e.value().get<std::string>());
        title[e.key()] = t;
        if (!d.empty()) description[e.key()] = d;
      }
    }
    if (title.is_null() || title_text(title).empty()) {
      ignore(path);  // an empty html element shows nothing
      p.finish(*this);
      return;
    }
    q["type"] = "statement";
    q["title"] = title;
    if (!(description.is_string() ? description.get<std::string>().empty() : description.empty())) {
      q["description"] = description;
    }
  }
  const NameInfo* info = type == "html" ? nullptr : find_name(name);
  if (type != "html") {
    if (info == nullptr) return;  // a missing name was reported by the first pass
    q["id"] = info->id;
  }
  std::string id = q["id"].get<std::string>();

  // Common: texts and logic.
  if (type != "html") {
    Json title = text(p.take("title"), p.at("title"));
    if (type == "boolean" && title.is_null()) title = text(p.take("label"), p.at("label"));
    q["title"] = title.is_null() ? Json(name) : title;
    Json description = text(p.take("description"), p.at("description"));
    if (!description.is_null()) q["description"] = description;
  }
  std::string visible = both(scope.visible_if, expression_or_empty(p, "visibleIf"));
  if (const Json* v = p.take("visible"); v != nullptr && *v == false) visible = "false";
  if (!visible.empty()) q["visibleIf"] = visible;
  std::string enable = both(scope.enable_if, expression_or_empty(p, "enableIf"));
  if (p.flag("readOnly")) enable = "false";
  if (!enable.empty() && type != "html") q["enableIf"] = enable;
  bool required = p.flag("isRequired");
  std::string required_if = expression_or_empty(p, "requiredIf");
  if (required && type != "html") q["required"] = true;
  if (!required_if.empty() && type != "html") q["requiredIf"] = required_if;
  if (const Json* c = p.take("clearIfInvisible"); c != nullptr && *c == "none") {
    problem(p.at("clearIfInvisible"),
            "Tessera always clears the answer of a question that becomes hidden");
  }
  for (const char* key : {"defaultValue", "defaultValueExpression", "setValueIf",
                          "setValueExpression", "resetValueIf", "valueName", "correctAnswer"}) {
    if (p.take(key) != nullptr) {
      problem(p.at(key), std::string("\"") + key +
                             "\" is not supported: Tessera never answers for the respondent");
    }
  }

  if (type == "radiogroup" || type == "dropdown" || type == "checkbox" || type == "tagbox" ||
      type == "ranking") {
    choice_question(p, type, *info, q);
  } else if (type == "rating") {
    rating_question(p, name, q);
  } else if (type == "text" || type == "comment") {
    text_question(p, type, q);
  } else if (type == "boolean") {
    q["type"] = "yesno";
    if (Json t = text(p.take("labelTrue"), p.at("labelTrue")); !t.is_null()) q["yesLabel"] = t;
    if (Json t = text(p.take("labelFalse"), p.at("labelFalse")); !t.is_null()) q["noLabel"] = t;
    for (auto [key, fixed] :
         {std::pair<const char*, bool>{"valueTrue", true}, {"valueFalse", false}}) {
      if (const Json* v = p.take(key); v != nullptr && *v != fixed) {
        problem(p.at(key), "Tessera records a yes/no answer as true or false");
      }
    }
  } else if (type == "matrix") {
    matrix_question(p, id, required, q);
  }
  validators(p, q);
  if (q["type"] == "text" && !q.contains("maxLength")) {
    q["maxLength"] = max_text_length_ > 0
                         ? std::min(max_text_length_, options_.limits.max_text_answer_length)
                         : options_.limits.max_text_answer_length;
  }
  p.finish(*this);
  out.push_back(std::move(q));
  for (Json& extra : pending_) out.push_back(std::move(extra));
  pending_.clear();
}

std::string Importer::expression_or_empty(Props& p, std::string_view key,
                                          const std::optional<std::string>& item) {
  const Json* v = p.take(key);
  return v == nullptr ? std::string() : expression(*v, p.at(key), item);
}

std::vector<Json> Importer::choices(Props& p, std::string_view key, const std::string& question,
                                    const std::string& visible_if_key) {
  std::vector<Json> out;
  const Json* list = p.take(key);
  if (list == nullptr) return out;
  if (!list->is_array()) {
    problem(p.at(key), "expected an array");
    return out;
  }
  const Json* all_visible = visible_if_key.empty() ? nullptr : p.take(visible_if_key);
  std::set<std::string> seen;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const Json& item = (*list)[i];
    std::string at = pointer_join(p.at(key), i);
    Json c = Json::object();
    const Json* value = &item;
    std::string visible;
    if (item.is_object()) {
      Props cp(item, at);
      value = cp.take("value");
      if (value == nullptr) {
        problem(at, "a choice needs a value");
        continue;
      }
      Json t = text(cp.take("text"), cp.at("text"));
      if (!t.is_null()) c["text"] = t;
      visible = expression_or_empty(cp, "visibleIf");
      if (cp.take("enableIf") != nullptr) {
        problem(cp.at("enableIf"), "choices cannot be disabled in Tessera, only hidden");
      }
      cp.ignore({"imageLink", "locText"});
      cp.finish(*this);
    }
    auto v = choice_value(*value, question, at);
    if (!v) continue;
    std::string unique = *v;
    for (int n = 2; !seen.insert(unique).second; ++n) unique = *v + "_" + std::to_string(n);
    c["value"] = unique;
    // Without a text SurveyJS shows the value as written; keep showing that
    // when the value had to become an id ("Late delivery" -> Late_delivery).
    if (!c.contains("text")) {
      std::string shown = value->is_string() ? value->get<std::string>() : dump_json(*value);
      if (shown != unique) c["text"] = shown;
    }
    if (all_visible != nullptr) {
      visible = both(visible, expression(*all_visible, p.at(visible_if_key), unique));
    }
    if (!visible.empty()) c["visibleIf"] = visible;
    out.push_back(std::move(c));
  }
  return out;
}

void Importer::choice_question(Props& p, const std::string& type, const NameInfo& info, Json& q) {
  const std::string& id = info.id;
  bool multi = type == "checkbox" || type == "tagbox";
  bool ranking = type == "ranking";
  q["type"] = multi ? "multi" : ranking ? "ranking" : type == "dropdown" ? "dropdown" : "single";
  std::vector<Json> list = choices(p, "choices", id, "choicesVisibleIf");
  const Json* min = p.take("choicesMin");
  const Json* max = p.take("choicesMax");
  const Json* step = p.take("choicesStep");
  if (list.empty() && is_small_int(min) && is_small_int(max)) {
    // A dropdown of numbers choicesMin..choicesMax.
    std::int64_t s = is_small_int(step) ? std::max<std::int64_t>(1, step->get<std::int64_t>()) : 1;
    for (std::int64_t v = min->get<std::int64_t>();
         v <= max->get<std::int64_t>() && list.size() <= options_.limits.max_choices; v += s) {
      auto value = choice_value(Json(v), id, p.at("choicesMin"));
      if (value) list.push_back(Json{{"value", *value}, {"text", std::to_string(v)}});
    }
  }
  for (const char* key : {"choicesFromQuestion", "choicesFromQuestionMode", "choicesByUrl",
                          "choicesLazyLoadEnabled", "choicesEnableIf"}) {
    if (p.take(key) != nullptr) {
      problem(p.at(key), std::string("\"") + key +
                             "\" is not supported: choices are listed in Tessera definitions");
    }
  }
  if (const Json* order = p.take("choicesOrder"); order != nullptr && order->is_string()) {
    std::string o = order->get<std::string>();
    if (o == "random") {
      q["randomize"] = true;
    } else if (o == "asc" || o == "desc") {
      std::stable_sort(list.begin(), list.end(), [&](const Json& a, const Json& b) {
        return o == "asc" ? sort_key(a) < sort_key(b) : sort_key(b) < sort_key(a);
      });
    } else if (o != "none" && o != "initial") {
      problem(p.at("choicesOrder"), "expected none, asc, desc or random");
    }
  }
  q["choices"] = list;
  bool other = p.flag_either("hasOther", "showOtherItem");
  bool none = p.flag_either("hasNone", "showNoneItem");
  Json other_text = text(p.take("otherText"), p.at("otherText"));
  Json none_text = text(p.take("noneText"), p.at("noneText"));
  if (const Json* store = p.take("storeOthersAsComment"); store != nullptr && *store == false) {
    problem(p.at("storeOthersAsComment"),
            "Tessera records \"other\" as the answer and its text apart (as <id>-other)");
  }
  if (other) {
    if (ranking) {
      problem(p.at("hasOther"), "a ranking has no \"other\" item in Tessera");
    } else {
      q["hasOther"] = true;
      if (!other_text.is_null()) q["otherText"] = other_text;
    }
  }
  if (none) {
    if (!multi) {
      problem(p.at(p.take("hasNone") != nullptr ? "hasNone" : "showNoneItem"),
              "Tessera has an exclusive \"none\" item only for multiple choice (checkbox)");
    } else {
      q["hasNone"] = true;
      if (!none_text.is_null()) q["noneText"] = none_text;
    }
  }
  if (multi) {
    selection_bounds(p, "minSelectedChoices", "maxSelectedChoices", q);
  }
  if (type == "dropdown" || type == "tagbox") {
    Json placeholder = text(p.take_either("placeholder", "optionsCaption"), p.at("placeholder"));
    if (!placeholder.is_null() && type == "dropdown") q["placeholder"] = placeholder;
  }
  if (ranking && p.flag("selectToRankEnabled")) {
    problem(p.at("selectToRankEnabled"),
            "Tessera ranks every choice; partial ranking is not supported");
  }
  // A comment box under the question: its own text question.
  bool comment = p.flag_either("hasComment", "showCommentArea");
  Json comment_text = text(p.take("commentText"), p.at("commentText"));
  if (comment) {
    Json c = {{"id", info.comment_id},
              {"type", "text"},
              {"title", comment_text.is_null() ? Json("Comment") : comment_text},
              {"multiline", true},
              {"maxLength", options_.limits.max_text_answer_length}};
    if (q.contains("visibleIf")) c["visibleIf"] = q["visibleIf"];
    if (q.contains("enableIf")) c["enableIf"] = q["enableIf"];
    pending_.push_back(std::move(c));
  }
}

void Importer::rating_question(Props& p, const std::string& name, Json& q) {
  std::int64_t min = 1, max = 5, step = 1;
  for (const char* key : {"rateMin", "rateMax", "rateStep", "rateCount"}) {
    const Json* v = p.take(key);
    if (v != nullptr && !is_small_int(v)) {
      problem(p.at(key), "expected a whole number from -1000000 to 1000000");
      return;
    }
  }
  if (const Json* v = p.take("rateMin")) min = v->get<std::int64_t>();
  if (const Json* v = p.take("rateStep")) step = std::max<std::int64_t>(1, v->get<std::int64_t>());
  const Json* rate_max = p.take("rateMax");
  const Json* rate_count = p.take("rateCount");
  if (rate_max != nullptr) {
    max = rate_max->get<std::int64_t>();
  } else if (rate_count != nullptr) {
    max = min + (rate_count->get<std::int64_t>() - 1) * step;
  }
  p.take("autoGenerate");
  if (const Json* values = p.take("rateValues");
      values != nullptr && values->is_array() && !values->empty()) {
    // Explicit points: Tessera takes them when they are evenly spaced integers.
    std::vector<std::int64_t> points;
    for (const Json& v : *values) {
      const Json* value = v.is_object() && v.contains("value") ? &v["value"] : &v;
      if (!is_small_int(value)) break;
      points.push_back(value->get<std::int64_t>());
    }
    bool even = points.size() == values->size() && points.size() >= 2 && points[1] > points[0];
    for (std::size_t i = 2; even && i < points.size(); ++i) {
      even = points[i] - points[i - 1] == points[1] - points[0];
    }
    if (!even) {
      problem(p.at("rateValues"),
              "Tessera scales are evenly spaced integers (rateMin..rateMax by rateStep)");
      return;
    }
    min = points.front();
    step = points[1] - points[0];
    max = points.back();
    ignore(p.at("rateValues"));  // their texts: Tessera shows the numbers
  }
  max = min + (max - min) / step * step;  // SurveyJS stops at the last point reached
  std::int64_t count = max >= min ? (max - min) / step + 1 : 0;
  if (count < 2 || count > 11) {
    problem(p.path(), "a Tessera rating has 2 to 11 points; this one has " + std::to_string(count));
    return;
  }
  // A 0-10 scale that asks about recommending is an NPS question: Tessera
  // then records its class and scores it as NPS.
  std::string hint = ascii_lower(name) + " " + ascii_lower(title_text(q["title"]));
  bool nps = min == 0 && max == 10 && step == 1 &&
             (hint.find("nps") != std::string::npos || hint.find("recommend") != std::string::npos);
  q["type"] = nps ? "nps" : "rating";
  if (!nps) {
    q["min"] = min;
    q["max"] = max;
    q["step"] = step;
  }
  if (const Json* t = p.take("rateType"); t != nullptr && t->is_string()) {
    std::string kind = t->get<std::string>();
    if (kind == "stars" || kind == "smileys") q["display"] = kind;
  }
  if (Json t = text(p.take("minRateDescription"), p.at("minRateDescription")); !t.is_null())
    q["minLabel"] = t;
  if (Json t = text(p.take("maxRateDescription"), p.at("maxRateDescription")); !t.is_null())
    q["maxLabel"] = t;
}

void Importer::text_question(Props& p, const std::string& type, Json& q) {
  q["type"] = "text";
  q["multiline"] = type == "comment";
  std::string kind = "text";
  if (const Json* input = p.take("inputType"); input != nullptr && input->is_string()) {
    std::string t = ascii_lower(input->get<std::string>());
    if (t == "email" || t == "number" || t == "url") {
      kind = t;
    } else if (t != "text" && t != "tel" && t != "search") {
      problem(p.at("inputType"), "the input type \"" + t + "\" has no Tessera counterpart");
    }
  }
  if (type == "comment") p.take("inputType");
  q["inputKind"] = kind;
  if (const Json* v = p.take("maxLength"); is_int(v) && v->get<std::int64_t>() > 0) {
    if (v->get<std::int64_t>() > options_.limits.max_text_answer_length) {
      problem(p.at("maxLength"), "Tessera text answers have at most " +
                                     std::to_string(options_.limits.max_text_answer_length) +
                                     " characters");
    } else {
      q["maxLength"] = *v;
    }
  }
  if (Json t = text(p.take("placeholder"), p.at("placeholder")); !t.is_null()) q["placeholder"] = t;
  if (kind == "number") {
    number_bound(p.take("min"), p.at("min"), "minValue", q);
    number_bound(p.take("max"), p.at("max"), "maxValue", q);
  }
  for (const char* key : {"inputMask", "maskType", "maskSettings"}) {
    if (p.take(key) != nullptr) problem(p.at(key), "input masks are not supported");
  }
}

void Importer::matrix_question(Props& p, const std::string& id, bool required, Json& q) {
  q["type"] = "matrix";
  q["rows"] = choices(p, "rows", id, "rowsVisibleIf");
  q["columns"] = choices(p, "columns", id, "");
  for (const Json& c : q["columns"]) {
    if (c.contains("visibleIf")) {
      problem(p.at("columns"), "matrix columns cannot be hidden in Tessera");
      break;
    }
  }
  if (p.take("columnsVisibleIf") != nullptr) {
    problem(p.at("columnsVisibleIf"), "matrix columns cannot be hidden in Tessera");
  }
  bool all_rows = p.flag("isAllRowRequired");
  if (required && !all_rows) {
    // SurveyJS accepts any answered row; Tessera's required matrix needs
    // every row. Refuse rather than ask more than the author meant.
    problem(p.at("isRequired"),
            "a required Tessera matrix needs every row answered; set \"isAllRowRequired\": true "
            "to accept that");
  }
  if (all_rows) q["required"] = true;
  if (const Json* o = p.take("rowsOrder"); o != nullptr && *o == "random") {
    problem(p.at("rowsOrder"), "matrix rows are not shuffled in Tessera");
  }
  if (p.flag("eachRowUnique")) problem(p.at("eachRowUnique"), "not supported");
}

void Importer::selection_bounds(Props& p, const char* min_key, const char* max_key, Json& q) {
  // How many boxes can be ticked: the choices and "other" ("none" stands alone).
  auto options =
      static_cast<std::int64_t>(q["choices"].size()) + (q.value("hasOther", false) ? 1 : 0);
  if (const Json* v = p.take(min_key); is_small_int(v) && v->get<std::int64_t>() > 0) {
    if (v->get<std::int64_t>() > options) {
      problem(p.at(min_key), "asks for more choices than the question has");
    } else {
      q["minSelected"] = *v;
    }
  }
  // A maximum at or above the number of choices limits nothing.
  if (const Json* v = p.take(max_key);
      is_small_int(v) && v->get<std::int64_t>() > 0 && v->get<std::int64_t>() < options) {
    q["maxSelected"] = *v;
  }
}

void Importer::number_bound(const Json* value, const std::string& path, const char* key, Json& q) {
  if (value == nullptr) return;
  if (!is_int(value)) {
    problem(path, "Tessera number limits are whole numbers");
    return;
  }
  q[key] = *value;
}

void Importer::validators(Props& p, Json& q) {
  const Json* list = p.take("validators");
  if (list == nullptr) return;
  if (!list->is_array()) {
    problem(p.at("validators"), "expected an array");
    return;
  }
  std::string type = q["type"].get<std::string>();
  bool text = type == "text";
  for (std::size_t i = 0; i < list->size(); ++i) {
    std::string at = pointer_join(p.at("validators"), i);
    if (!(*list)[i].is_object() || !(*list)[i].contains("type") ||
        !(*list)[i]["type"].is_string()) {
      problem(at, "expected a validator object with a type");
      continue;
    }
    Props v((*list)[i], at);
    std::string kind = ascii_lower(v.take("type")->get<std::string>());
    Json message = this->text(v.take("text"), v.at("text"));
    v.ignore({"text"});
    if (kind == "numeric" && text) {
      q["inputKind"] = "number";
      number_bound(v.take("minValue"), v.at("minValue"), "minValue", q);
      number_bound(v.take("maxValue"), v.at("maxValue"), "maxValue", q);
    } else if (kind == "text" && text) {
      if (const Json* m = v.take("minLength"); is_int(m) && m->get<std::int64_t>() > 0)
        q["minLength"] = *m;
      if (const Json* m = v.take("maxLength"); is_int(m) && m->get<std::int64_t>() > 0)
        q["maxLength"] = *m;
      if (const Json* d = v.take("allowDigits"); d != nullptr && *d == false) {
        problem(v.at("allowDigits"), "not supported; use a regex validator");
      }
    } else if (kind == "email" && text) {
      q["inputKind"] = "email";
    } else if (kind == "regex" && text) {
      const Json* regex = v.take("regex");
      if (q.contains("pattern")) {
        problem(at, "Tessera takes one regex validator per question");
      } else if (regex == nullptr || !regex->is_string()) {
        problem(v.at("regex"), "expected a regular expression");
      } else {
        std::string pattern = whole_answer_pattern(regex->get<std::string>());
        auto compiled = Pattern::compile(pattern, v.at("regex"));
        if (!compiled.ok()) {
          problem(v.at("regex"), "Tessera cannot check this regular expression (" +
                                     compiled.status().message() + ")");
        } else {
          q["pattern"] = pattern;
          if (!message.is_null()) q["patternMessage"] = message;
        }
      }
      if (const Json* ci = v.take("caseInsensitive"); ci != nullptr && *ci == true) {
        problem(v.at("caseInsensitive"), "Tessera patterns are case-sensitive");
      }
    } else if (kind == "answercount" && type == "multi") {
      selection_bounds(v, "minCount", "maxCount", q);
    } else {
      problem(at,
              "the " + kind + " validator has no Tessera counterpart for a " + type + " question");
      continue;
    }
    v.finish(*this);
  }
}

}  // namespace tessera::survey::surveyjs
