// The "trigger.*" engine calls: page events in, which survey to show out.
// The core keeps no trigger state between calls; the page owns its timers
// and storage and passes the visitor's history each time. See
// docs/triggers.md for the contract, including why a delayed survey is
// checked again when its timer fires.
#include "tessera/engine/engine.hpp"

namespace tessera::engine {
namespace {

constexpr std::int64_t kMaxEpochMs = 253402300799999;

Result<trigger::PageEvent> read_event(const Json& value, const std::string& path) {
  TESSERA_RETURN_IF_ERROR(expect_object(value, path));
  FieldReader r(value, path);
  TESSERA_RETURN_IF_ERROR(
      r.reject_unknown({"type", "url", "percent", "seconds", "selector", "name", "props"}));
  trigger::PageEvent ev;
  TESSERA_ASSIGN_OR_RETURN(std::string type, r.required_string("type", 32));
  TESSERA_ASSIGN_OR_RETURN(ev.url, r.required_string("url", 4096));
  if (type == "page_view") {
    ev.type = trigger::EventType::kPageView;
  } else if (type == "exit_intent") {
    ev.type = trigger::EventType::kExitIntent;
  } else if (type == "scroll") {
    ev.type = trigger::EventType::kScroll;
    TESSERA_ASSIGN_OR_RETURN(ev.detail, r.required_int("percent", 0, 100));
  } else if (type == "dwell") {
    ev.type = trigger::EventType::kDwell;
    TESSERA_ASSIGN_OR_RETURN(ev.detail, r.required_int("seconds", 0, 86400));
  } else if (type == "click") {
    ev.type = trigger::EventType::kClick;
    TESSERA_ASSIGN_OR_RETURN(ev.name, r.required_string("selector", 200));
  } else if (type == "track") {
    ev.type = trigger::EventType::kTrack;
    TESSERA_ASSIGN_OR_RETURN(ev.name, r.required_string("name", 64));
  } else {
    return Status(Code::kInvalidValue,
                  "expected one of page_view, scroll, exit_intent, click, dwell, track",
                  r.path_of("type"));
  }
  return ev;
}

Result<trigger::History> read_history(const Json& value, const std::string& path) {
  TESSERA_RETURN_IF_ERROR(expect_object(value, path));
  FieldReader r(value, path);
  TESSERA_RETURN_IF_ERROR(r.reject_unknown({"shown", "answered", "dismissed", "lastShownAt"}));
  trigger::History h;
  TESSERA_ASSIGN_OR_RETURN(h.shown, r.optional_int("shown", 0, 0, 1'000'000));
  TESSERA_ASSIGN_OR_RETURN(h.answered, r.optional_int("answered", 0, 0, 1'000'000));
  TESSERA_ASSIGN_OR_RETURN(h.dismissed, r.optional_int("dismissed", 0, 0, 1'000'000));
  if (r.has("lastShownAt")) {
    TESSERA_ASSIGN_OR_RETURN(h.last_shown_ms, r.required_int("lastShownAt", 0, kMaxEpochMs));
  }
  return h;
}

Result<trigger::Visitor> read_visitor(const Json& value, const std::string& path) {
  TESSERA_RETURN_IF_ERROR(expect_object(value, path));
  FieldReader r(value, path);
  TESSERA_RETURN_IF_ERROR(r.reject_unknown({"id", "attributes", "tier", "visits", "history"}));
  trigger::Visitor v;
  TESSERA_ASSIGN_OR_RETURN(v.id, r.required_string("id", 128));
  if (v.id.empty()) return Status(Code::kInvalidValue, "expected a visitor id", r.path_of("id"));
  if (const Json* attrs = r.find("attributes")) {
    TESSERA_RETURN_IF_ERROR(expect_object(*attrs, r.path_of("attributes")));
    v.attributes = *attrs;
  }
  if (const Json* tier = r.find("tier")) {
    if (!tier->is_string() && !tier->is_null()) {
      return Status(Code::kInvalidType, "expected a tier name or null", r.path_of("tier"));
    }
    v.tier = *tier;
  }
  TESSERA_ASSIGN_OR_RETURN(v.visits, r.optional_int("visits", 0, 0, 1'000'000'000));
  if (const Json* history = r.find("history")) {
    std::string at = r.path_of("history");
    TESSERA_RETURN_IF_ERROR(expect_object(*history, at));
    if (history->size() > 500) {
      return Status(Code::kLimitExceeded, "at most 500 surveys in a history", at);
    }
    for (const auto& [id, h] : history->items()) {
      TESSERA_ASSIGN_OR_RETURN(v.history[id], read_history(h, pointer_join(at, id)));
    }
  }
  return v;
}

struct CommonArgs {
  trigger::Visitor visitor;
  std::int64_t now = 0;
};

Result<CommonArgs> read_common(const FieldReader& r) {
  CommonArgs c;
  const Json* visitor = r.find("visitor");
  if (visitor == nullptr)
    return Status(Code::kMissingField, "required field is missing", "/visitor");
  TESSERA_ASSIGN_OR_RETURN(c.visitor, read_visitor(*visitor, "/visitor"));
  TESSERA_ASSIGN_OR_RETURN(c.now, r.required_int("now", 0, kMaxEpochMs));
  return c;
}

Json event_json(const trigger::EventRule& e) {
  Json out = {{"type", std::string(trigger::event_type_name(e.type))}};
  switch (e.type) {
    case trigger::EventType::kScroll:
      out["percent"] = e.amount;
      break;
    case trigger::EventType::kDwell:
      out["seconds"] = e.amount;
      break;
    case trigger::EventType::kClick:
      out["selector"] = e.name;
      break;
    case trigger::EventType::kTrack:
      out["name"] = e.name;
      break;
    default:
      break;
  }
  return out;
}

}  // namespace

Result<Json> Engine::trigger_call(std::string_view method, const Json& args) const {
  TESSERA_RETURN_IF_ERROR(expect_object(args, ""));
  FieldReader r(args, "");
  if (method == "trigger.listeners") {
    // What the page must listen for: the loader attaches nothing else.
    TESSERA_RETURN_IF_ERROR(r.reject_unknown({}));
    Json events = Json::array();
    Json surveys = Json::array();
    for (const auto& [id, t] : config_.triggers) {
      for (const auto& e : t.events) {
        Json ej = event_json(e);
        if (std::find(events.begin(), events.end(), ej) == events.end()) events.push_back(ej);
      }
      surveys.push_back({{"surveyId", id},
                         {"placement", std::string(trigger::placement_name(t.placement))},
                         {"delayMs", t.delay_ms}});
    }
    return Json{{"events", events}, {"surveys", surveys}};
  }
  if (method == "trigger.decide") {
    TESSERA_RETURN_IF_ERROR(r.reject_unknown({"event", "visitor", "now"}));
    const Json* event = r.find("event");
    if (event == nullptr) return Status(Code::kMissingField, "required field is missing", "/event");
    TESSERA_ASSIGN_OR_RETURN(trigger::PageEvent ev, read_event(*event, "/event"));
    TESSERA_ASSIGN_OR_RETURN(CommonArgs c, read_common(r));
    Json skipped = Json::array();
    for (const auto& [id, t] : config_.triggers) {
      auto v = trigger::evaluate(t, id, config_.recontact_days, ev, c.visitor, c.now);
      if (v.eligible) {
        return Json{{"show",
                     {{"surveyId", id},
                      {"delayMs", t.delay_ms},
                      {"placement", std::string(trigger::placement_name(t.placement))}}},
                    {"skipped", skipped}};
      }
      // Surveys not fired by this event are left out: they are the common
      // case and would make every answer as long as the config.
      if (v.reason != trigger::Reason::kEvent) {
        skipped.push_back({{"surveyId", id}, {"reason", std::string(reason_name(v.reason))}});
      }
    }
    return Json{{"show", nullptr}, {"skipped", skipped}};
  }
  if (method == "trigger.check" || method == "trigger.routeChanged") {
    // check: a delayed survey's timer fired; is it still due here and now?
    // routeChanged: the URL changed; which pending surveys must be cancelled?
    bool many = method == "trigger.routeChanged";
    TESSERA_RETURN_IF_ERROR(
        r.reject_unknown({many ? "pending" : "surveyId", "url", "visitor", "now"}));
    TESSERA_ASSIGN_OR_RETURN(std::string url, r.required_string("url", 4096));
    TESSERA_ASSIGN_OR_RETURN(CommonArgs c, read_common(r));
    std::vector<std::pair<std::string, std::string>> ids;  // id, pointer
    if (many) {
      const Json* pending = r.find("pending");
      if (pending == nullptr) {
        return Status(Code::kMissingField, "required field is missing", "/pending");
      }
      TESSERA_RETURN_IF_ERROR(expect_array(*pending, "/pending", 0, 100));
      for (std::size_t i = 0; i < pending->size(); ++i) {
        std::string at = pointer_join("/pending", i);
        TESSERA_RETURN_IF_ERROR(
            check_id((*pending)[i].is_string() ? (*pending)[i].get<std::string>() : "", at));
        ids.emplace_back((*pending)[i].get<std::string>(), at);
      }
    } else {
      TESSERA_ASSIGN_OR_RETURN(std::string id, r.required_id("surveyId"));
      ids.emplace_back(id, "/surveyId");
    }
    Json keep = Json::array();
    Json cancel = Json::array();
    for (const auto& [id, at] : ids) {
      const trigger::SurveyTrigger* t = nullptr;
      for (const auto& entry : config_.triggers) {
        if (entry.first == id) t = &entry.second;
      }
      if (t == nullptr)
        return Status(Code::kNotFound, "no survey with a trigger \"" + id + "\"", at);
      auto v = trigger::check_conditions(*t, id, config_.recontact_days, url, c.visitor, c.now);
      if (!many) return Json{{"show", v.eligible}, {"reason", std::string(reason_name(v.reason))}};
      if (v.eligible) {
        keep.push_back(id);
      } else {
        cancel.push_back({{"surveyId", id}, {"reason", std::string(reason_name(v.reason))}});
      }
    }
    return Json{{"keep", keep}, {"cancel", cancel}};
  }
  return Status(Code::kNotFound, "unknown call \"" + std::string(method) + "\"");
}

}  // namespace tessera::engine
