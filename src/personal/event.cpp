// Event types, event JSON and profile configuration parsing; see
// tessera/personal/profile.hpp.
#include <algorithm>
#include <cmath>

#include "read_number.hpp"
#include "tessera/personal/profile.hpp"

namespace tessera::personal {
namespace {

Result<std::vector<std::string>> read_ids(const FieldReader& reader, std::string_view key,
                                          std::size_t max_items) {
  std::vector<std::string> out;
  const Json* v = reader.find(key);
  if (v == nullptr) return out;
  const std::string at = reader.path_of(key);
  TESSERA_RETURN_IF_ERROR(expect_array(*v, at, 0, max_items));
  for (std::size_t i = 0; i < v->size(); ++i) {
    const Json& item = (*v)[i];
    if (!item.is_string()) {
      return Status(Code::kInvalidType, "expected a string id", pointer_join(at, i));
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

// `path` is built only on failure: events are checked on every record.
template <typename PathFn>
Status check_ids(const std::vector<std::string>& ids, const PathFn& path, std::size_t max_items) {
  if (ids.size() > max_items) {
    return Status(Code::kLimitExceeded, "at most " + std::to_string(max_items) + " ids", path());
  }
  for (std::size_t i = 0; i < ids.size(); ++i) {
    Status valid = check_id(ids[i], "");
    if (!valid.ok()) return Status(valid.code(), valid.message(), pointer_join(path(), i));
    if (std::find(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(i), ids[i]) !=
        ids.begin() + static_cast<std::ptrdiff_t>(i)) {
      return Status(Code::kDuplicateId, "listed twice", pointer_join(path(), i));
    }
  }
  return Status::Ok();
}

}  // namespace

std::string_view event_type_name(EventType type) {
  switch (type) {
    case EventType::kView:
      return "view";
    case EventType::kClick:
      return "click";
    case EventType::kAddToCart:
      return "add_to_cart";
    case EventType::kPurchase:
      return "purchase";
    case EventType::kSurveySignal:
      return "survey";
  }
  return "view";
}

Result<EventType> parse_event_type(std::string_view name, const std::string& path) {
  for (EventType t : {EventType::kView, EventType::kClick, EventType::kAddToCart,
                      EventType::kPurchase, EventType::kSurveySignal}) {
    if (event_type_name(t) == name) return t;
  }
  return Status(Code::kInvalidValue, "expected one of: view, click, add_to_cart, purchase, survey",
                path);
}

double EventWeights::of(EventType type) const {
  switch (type) {
    case EventType::kView:
      return view;
    case EventType::kClick:
      return click;
    case EventType::kAddToCart:
      return add_to_cart;
    case EventType::kPurchase:
      return purchase;
    case EventType::kSurveySignal:
      return survey_signal;
  }
  return 0;
}

Status validate_event(const Event& event, const std::string& path) {
  if (event.at_ms < 0 || event.at_ms > kMaxTimestampMs) {
    return Status(Code::kOutOfRange, "expected epoch milliseconds from 1970 to 9999",
                  pointer_join(path, "at"));
  }
  if (event.categories.empty() && event.tags.empty()) {
    return Status(Code::kMissingField, "an event needs at least one category or tag",
                  pointer_join(path, "categories"));
  }
  TESSERA_RETURN_IF_ERROR(check_ids(
      event.categories, [&] { return pointer_join(path, "categories"); }, kMaxCategoriesPerEvent));
  TESSERA_RETURN_IF_ERROR(check_ids(
      event.tags, [&] { return pointer_join(path, "tags"); }, kMaxTagsPerEvent));
  auto context = [&] { return pointer_join(path, "context"); };
  if (event.context.utc_offset_minutes < -840 || event.context.utc_offset_minutes > 840) {
    return Status(Code::kOutOfRange, "expected a UTC offset from -840 to 840 minutes",
                  pointer_join(context(), "utcOffsetMinutes"));
  }
  if (!event.context.page_type.empty()) {
    Status valid = check_id(event.context.page_type, "");
    if (!valid.ok()) {
      return Status(valid.code(), valid.message(), pointer_join(context(), "page"));
    }
  }
  return Status::Ok();
}

Result<Event> parse_event(const Json& value, const std::string& path) {
  TESSERA_RETURN_IF_ERROR(expect_object(value, path));
  FieldReader reader(value, path);
  TESSERA_RETURN_IF_ERROR(reader.reject_unknown({"at", "type", "categories", "tags", "context"}));
  Event event;
  TESSERA_ASSIGN_OR_RETURN(event.at_ms, reader.required_int("at", 0, kMaxTimestampMs));
  TESSERA_ASSIGN_OR_RETURN(std::string type, reader.required_string("type", 16));
  TESSERA_ASSIGN_OR_RETURN(event.type, parse_event_type(type, reader.path_of("type")));
  TESSERA_ASSIGN_OR_RETURN(event.categories,
                           read_ids(reader, "categories", kMaxCategoriesPerEvent));
  TESSERA_ASSIGN_OR_RETURN(event.tags, read_ids(reader, "tags", kMaxTagsPerEvent));
  if (const Json* ctx = reader.find("context")) {
    const std::string at = reader.path_of("context");
    TESSERA_RETURN_IF_ERROR(expect_object(*ctx, at));
    FieldReader c(*ctx, at);
    TESSERA_RETURN_IF_ERROR(c.reject_unknown({"utcOffsetMinutes", "device", "page"}));
    TESSERA_ASSIGN_OR_RETURN(std::int64_t offset, c.optional_int("utcOffsetMinutes", 0, -840, 840));
    event.context.utc_offset_minutes = static_cast<std::int32_t>(offset);
    TESSERA_ASSIGN_OR_RETURN(std::string device, c.optional_string("device", "unknown", 16));
    TESSERA_ASSIGN_OR_RETURN(event.context.device, parse_device_class(device, c.path_of("device")));
    TESSERA_ASSIGN_OR_RETURN(event.context.page_type, c.optional_string("page", "", 64));
  }
  TESSERA_RETURN_IF_ERROR(validate_event(event, path));
  return event;
}

Json event_to_json(const Event& event) {
  Json out{{"at", event.at_ms}, {"type", std::string(event_type_name(event.type))}};
  if (!event.categories.empty()) out["categories"] = event.categories;
  if (!event.tags.empty()) out["tags"] = event.tags;
  Json ctx = Json::object();
  if (event.context.utc_offset_minutes != 0) {
    ctx["utcOffsetMinutes"] = event.context.utc_offset_minutes;
  }
  if (event.context.device != DeviceClass::kUnknown) {
    ctx["device"] = std::string(device_class_name(event.context.device));
  }
  if (!event.context.page_type.empty()) ctx["page"] = event.context.page_type;
  if (!ctx.empty()) out["context"] = std::move(ctx);
  return out;
}

Result<ProfileConfig> parse_profile_config(const Json& value, const std::string& path) {
  using internal::optional_number;
  TESSERA_RETURN_IF_ERROR(expect_object(value, path));
  FieldReader reader(value, path);
  TESSERA_RETURN_IF_ERROR(
      reader.reject_unknown({"halfLifeHours", "retentionDays", "evidenceWindowDays", "maxEvents",
                             "maxCategories", "maxTags", "weights", "contextWeight"}));
  ProfileConfig config;
  // Half-life from 1 minute (exclusive of 0) to a year.
  TESSERA_ASSIGN_OR_RETURN(double half_life_h,
                           optional_number(reader, "halfLifeHours", 168, 0, 8760, true));
  config.half_life_ms = static_cast<std::int64_t>(std::floor(half_life_h * kHourMs + 0.5));
  if (config.half_life_ms < kMinuteMs) {
    return Status(Code::kOutOfRange, "a half-life shorter than a minute forgets at once",
                  reader.path_of("halfLifeHours"));
  }
  TESSERA_ASSIGN_OR_RETURN(std::int64_t retention_days,
                           reader.optional_int("retentionDays", 28, 1, 365));
  config.retention_ms = retention_days * kDayMs;
  TESSERA_ASSIGN_OR_RETURN(std::int64_t window_days,
                           reader.optional_int("evidenceWindowDays", 7, 1, 365));
  if (window_days > retention_days) {
    return Status(Code::kOutOfRange, "the evidence window cannot exceed the retention window",
                  reader.path_of("evidenceWindowDays"));
  }
  config.evidence_window_ms = window_days * kDayMs;
  TESSERA_ASSIGN_OR_RETURN(std::int64_t max_events,
                           reader.optional_int("maxEvents", 1000, 1, 10000));
  TESSERA_ASSIGN_OR_RETURN(std::int64_t max_cats,
                           reader.optional_int("maxCategories", 200, 1, 5000));
  TESSERA_ASSIGN_OR_RETURN(std::int64_t max_tags, reader.optional_int("maxTags", 400, 1, 10000));
  config.max_events = static_cast<std::size_t>(max_events);
  config.max_categories = static_cast<std::size_t>(max_cats);
  config.max_tags = static_cast<std::size_t>(max_tags);
  TESSERA_ASSIGN_OR_RETURN(config.context_weight,
                           optional_number(reader, "contextWeight", 0.25, 0, 4));
  if (const Json* w = reader.find("weights")) {
    const std::string at = reader.path_of("weights");
    TESSERA_RETURN_IF_ERROR(expect_object(*w, at));
    FieldReader weights(*w, at);
    TESSERA_RETURN_IF_ERROR(
        weights.reject_unknown({"view", "click", "add_to_cart", "purchase", "survey"}));
    EventWeights& ew = config.weights;
    TESSERA_ASSIGN_OR_RETURN(ew.view, optional_number(weights, "view", ew.view, 0, 100));
    TESSERA_ASSIGN_OR_RETURN(ew.click, optional_number(weights, "click", ew.click, 0, 100));
    TESSERA_ASSIGN_OR_RETURN(ew.add_to_cart,
                             optional_number(weights, "add_to_cart", ew.add_to_cart, 0, 100));
    TESSERA_ASSIGN_OR_RETURN(ew.purchase,
                             optional_number(weights, "purchase", ew.purchase, 0, 100));
    TESSERA_ASSIGN_OR_RETURN(ew.survey_signal,
                             optional_number(weights, "survey", ew.survey_signal, 0, 100));
    if (ew.view + ew.click + ew.add_to_cart + ew.purchase + ew.survey_signal <= 0) {
      return Status(Code::kInvalidValue, "all weights are zero: nothing would ever count", at);
    }
  }
  return config;
}

}  // namespace tessera::personal
