// Event parsing; see tessera/loyalty/event.hpp.
#include "tessera/loyalty/event.hpp"

#include "program_parse.hpp"
#include "tessera/loyalty/calendar.hpp"

namespace tessera::loyalty {
namespace {

constexpr std::size_t kMaxLines = 1000;
constexpr std::int64_t kMaxQty = 1'000'000;
constexpr std::int64_t kMaxPrice = 1'000'000'000'000;  // 10^10 major units at 2 digits

// FNV-1a over the canonical dump: only needs to be stable, not secret.
std::uint64_t fingerprint_of(const Json& value) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : dump_json(value)) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

Status read_lines(const FieldReader& r, Event& e, bool refund) {
  const Json* v = r.find("lines");
  std::string at = r.path_of("lines");
  if (v == nullptr) return Status(Code::kMissingField, "required field is missing", at);
  TESSERA_RETURN_IF_ERROR(expect_array(*v, at, 1, kMaxLines));
  for (std::size_t i = 0; i < v->size(); ++i) {
    std::string li = pointer_join(at, i);
    TESSERA_RETURN_IF_ERROR(expect_object((*v)[i], li));
    FieldReader l((*v)[i], li);
    OrderLine line;
    if (refund) {
      TESSERA_RETURN_IF_ERROR(l.reject_unknown({"sku", "qty"}));
    } else {
      TESSERA_RETURN_IF_ERROR(
          l.reject_unknown({"sku", "category", "tags", "qty", "unitPriceMinor"}));
      TESSERA_ASSIGN_OR_RETURN(line.category, l.optional_string("category", "", 100));
      TESSERA_ASSIGN_OR_RETURN(line.tags, detail::read_string_list(l, "tags", 50));
      TESSERA_ASSIGN_OR_RETURN(line.unit_price_minor,
                               l.required_int("unitPriceMinor", 0, kMaxPrice));
    }
    TESSERA_ASSIGN_OR_RETURN(line.sku, l.required_string("sku", 100));
    if (line.sku.empty()) return Status(Code::kInvalidValue, "empty sku", l.path_of("sku"));
    TESSERA_ASSIGN_OR_RETURN(line.qty, l.required_int("qty", 1, kMaxQty));
    e.lines.push_back(std::move(line));
  }
  return Status::Ok();
}

}  // namespace

std::string_view event_kind_name(EventKind kind) {
  switch (kind) {
    case EventKind::kPurchase:
      return "purchase";
    case EventKind::kRefund:
      return "refund";
    case EventKind::kRedeem:
      return "redeem";
    case EventKind::kAdjust:
      return "adjust";
    case EventKind::kCustom:
      return "event";
  }
  return "event";
}

Result<Event> parse_event_json(const Json& value, const std::string& path) {
  TESSERA_RETURN_IF_ERROR(expect_object(value, path));
  FieldReader r(value, path);
  Event e;
  TESSERA_ASSIGN_OR_RETURN(std::string type, r.required_string("type", 16));
  TESSERA_ASSIGN_OR_RETURN(e.key, r.required_string("key", 200));
  if (e.key.empty()) return Status(Code::kInvalidValue, "empty key", r.path_of("key"));
  TESSERA_ASSIGN_OR_RETURN(e.at, r.required_int("at", kMinTimestamp, kMaxTimestamp));
  if (type == "purchase") {
    e.kind = EventKind::kPurchase;
    TESSERA_RETURN_IF_ERROR(r.reject_unknown(
        {"type", "key", "at", "orderId", "currency", "lines", "shippingMinor", "taxMinor"}));
    TESSERA_ASSIGN_OR_RETURN(e.order_id, r.required_string("orderId", 100));
    TESSERA_ASSIGN_OR_RETURN(e.currency, r.required_string("currency", 3));
    TESSERA_RETURN_IF_ERROR(read_lines(r, e, false));
    TESSERA_ASSIGN_OR_RETURN(e.shipping_minor, r.optional_int("shippingMinor", 0, 0, kMaxPrice));
    TESSERA_ASSIGN_OR_RETURN(e.tax_minor, r.optional_int("taxMinor", 0, 0, kMaxPrice));
  } else if (type == "refund") {
    e.kind = EventKind::kRefund;
    TESSERA_RETURN_IF_ERROR(
        r.reject_unknown({"type", "key", "at", "orderId", "lines", "amountMinor"}));
    TESSERA_ASSIGN_OR_RETURN(e.order_id, r.required_string("orderId", 100));
    if (r.has("lines") == r.has("amountMinor")) {
      return Status(Code::kInvalidValue, "a refund needs exactly one of lines or amountMinor",
                    path);
    }
    if (r.has("lines")) {
      TESSERA_RETURN_IF_ERROR(read_lines(r, e, true));
    } else {
      TESSERA_ASSIGN_OR_RETURN(e.amount_minor, r.required_int("amountMinor", 1, kMaxPrice));
    }
  } else if (type == "redeem") {
    e.kind = EventKind::kRedeem;
    TESSERA_RETURN_IF_ERROR(r.reject_unknown({"type", "key", "at", "reward"}));
    TESSERA_ASSIGN_OR_RETURN(e.reward, r.required_id("reward"));
  } else if (type == "adjust") {
    e.kind = EventKind::kAdjust;
    TESSERA_RETURN_IF_ERROR(r.reject_unknown({"type", "key", "at", "points", "reason"}));
    TESSERA_ASSIGN_OR_RETURN(e.points,
                             r.required_int("points", -detail::kMaxAmount, detail::kMaxAmount));
    if (e.points == 0) return Status(Code::kInvalidValue, "zero adjustment", r.path_of("points"));
    TESSERA_ASSIGN_OR_RETURN(e.reason, r.required_string("reason", 500));
    if (e.reason.empty()) {
      return Status(Code::kInvalidValue, "every adjustment needs a reason", r.path_of("reason"));
    }
  } else if (type == "event") {
    e.kind = EventKind::kCustom;
    TESSERA_RETURN_IF_ERROR(r.reject_unknown({"type", "key", "at", "name", "attributes"}));
    TESSERA_ASSIGN_OR_RETURN(e.name, r.required_id("name"));
    if (e.name == "purchase") {
      return Status(Code::kInvalidValue, "send purchases as type \"purchase\"", r.path_of("name"));
    }
    if (const Json* a = r.find("attributes")) {
      TESSERA_RETURN_IF_ERROR(expect_object(*a, r.path_of("attributes")));
      e.attributes = *a;
    }
  } else {
    return Status(Code::kInvalidValue,
                  "unknown event type \"" + type +
                      "\"; expected one of: purchase, refund, redeem, adjust, event",
                  r.path_of("type"));
  }
  e.fingerprint = fingerprint_of(value);
  return e;
}

Result<Event> parse_event(std::string_view text, const std::string& path) {
  TESSERA_ASSIGN_OR_RETURN(Json doc, parse_json(text));
  return parse_event_json(doc, path);
}

Result<std::vector<Event>> parse_events(std::string_view text) {
  // Event logs are larger than definitions: 64 MiB of text.
  TESSERA_ASSIGN_OR_RETURN(Json doc, parse_json(text, {64u << 20, 32}));
  TESSERA_RETURN_IF_ERROR(expect_array(doc, "", 0, 10'000'000));
  std::vector<Event> out;
  out.reserve(doc.size());
  for (std::size_t i = 0; i < doc.size(); ++i) {
    TESSERA_ASSIGN_OR_RETURN(Event e, parse_event_json(doc[i], pointer_join("", i)));
    out.push_back(std::move(e));
  }
  return out;
}

Json event_to_json(const Event& e) {
  Json j = Json::object();
  j["type"] = std::string(event_kind_name(e.kind));
  j["key"] = e.key;
  j["at"] = e.at;
  auto lines = [&](bool refund) {
    Json arr = Json::array();
    for (const OrderLine& l : e.lines) {
      Json lj = {{"sku", l.sku}, {"qty", l.qty}};
      if (!refund) {
        if (!l.category.empty()) lj["category"] = l.category;
        if (!l.tags.empty()) lj["tags"] = l.tags;
        lj["unitPriceMinor"] = l.unit_price_minor;
      }
      arr.push_back(std::move(lj));
    }
    return arr;
  };
  switch (e.kind) {
    case EventKind::kPurchase:
      j["orderId"] = e.order_id;
      j["currency"] = e.currency;
      j["lines"] = lines(false);
      if (e.shipping_minor != 0) j["shippingMinor"] = e.shipping_minor;
      if (e.tax_minor != 0) j["taxMinor"] = e.tax_minor;
      break;
    case EventKind::kRefund:
      j["orderId"] = e.order_id;
      if (e.amount_minor >= 0) {
        j["amountMinor"] = e.amount_minor;
      } else {
        j["lines"] = lines(true);
      }
      break;
    case EventKind::kRedeem:
      j["reward"] = e.reward;
      break;
    case EventKind::kAdjust:
      j["points"] = e.points;
      j["reason"] = e.reason;
      break;
    case EventKind::kCustom:
      j["name"] = e.name;
      if (e.attributes.is_object()) j["attributes"] = e.attributes;
      break;
  }
  return j;
}

}  // namespace tessera::loyalty
