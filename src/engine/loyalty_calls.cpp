// loyalty.* engine calls: signed grants in, the member's loyalty state out.
// See docs/engine-api.md ("Loyalty") and loyalty_state.hpp.
#include <algorithm>

#include "loyalty_state.hpp"
#include "tessera/common/text.hpp"
#include "tessera/crypto/encoding.hpp"
#include "tessera/engine/engine.hpp"
#include "tessera/loyalty/ui_strings.hpp"

namespace tessera::engine {
namespace {

constexpr std::int64_t kMaxNow = 253402300799999;  // year 9999, as in engine.cpp

Status shifted(const Status& st, const std::string& base) {
  return Status(st.code(), st.message(), base + st.path());
}

Json rejection_json(const std::string& key, const Status& st) {
  return Json{{"key", key},
              {"code", std::string(code_name(st.code()))},
              {"message", st.message()},
              {"path", st.path()}};
}

// A grant is an event the merchant signed. Errors point below `path`.
Result<loyalty::Event> read_grant(const LoyaltyState& s, const Json& doc, const std::string& path) {
  TESSERA_ASSIGN_OR_RETURN(Json payload, crypto::verify_document(doc, s.key, path));
  return loyalty::parse_event_json(payload, pointer_join(path, "payload"));
}

// A claim is what the browser saw happen (a survey completed, a review
// written): only named events, never points, purchases or refunds.
Result<loyalty::Event> read_claim(const Json& doc, const std::string& path) {
  TESSERA_ASSIGN_OR_RETURN(loyalty::Event e, loyalty::parse_event_json(doc, path));
  if (e.kind != loyalty::EventKind::kCustom) {
    return Status(Code::kCryptoError,
                  "only named events can be claimed; a " +
                      std::string(loyalty::event_kind_name(e.kind)) +
                      " must be signed by the merchant",
                  pointer_join(path, "type"));
  }
  return e;
}

std::size_t rejections_of(const loyalty::Ledger& ledger, const std::string& key) {
  return static_cast<std::size_t>(
      std::count_if(ledger.rejections().begin(), ledger.rejections().end(),
                    [&](const loyalty::Rejection& r) { return r.key == key; }));
}

Result<std::int64_t> read_now(const FieldReader& r) { return r.required_int("now", 0, kMaxNow); }

}  // namespace

Result<Json> Engine::loyalty_call(std::string_view method, const Json& args) {
  if (method == "loyalty.strings") {
    // The elements' interface strings; needs no program, so a page can
    // render its frame before the member's ledger is loaded.
    TESSERA_RETURN_IF_ERROR(expect_object(args, ""));
    FieldReader r(args, "");
    TESSERA_RETURN_IF_ERROR(r.reject_unknown({"locale"}));
    TESSERA_ASSIGN_OR_RETURN(std::string locale, r.required_string("locale", 35));
    TESSERA_RETURN_IF_ERROR(check_locale(locale, r.path_of("locale")));
    return loyalty::loyalty_ui_strings(locale);
  }
  if (!loyalty_) {
    return Status(Code::kFailedPrecondition, "this site config has no loyalty section");
  }
  LoyaltyState& s = *loyalty_;
  TESSERA_RETURN_IF_ERROR(expect_object(args, ""));
  FieldReader r(args, "");

  if (method == "loyalty.load") {
    // Replaces the member's ledger: a stored ledger (loyalty.export) whose
    // chain must hold, and/or signed grants fresh from the merchant.
    TESSERA_RETURN_IF_ERROR(r.reject_unknown({"ledger", "events"}));
    std::vector<std::pair<std::string, Json>> docs;  // kind, doc
    if (const Json* stored = r.find("ledger")) {
      TESSERA_RETURN_IF_ERROR(verify_chain(*stored, "/ledger"));
      for (const Json& e : (*stored)["entries"]) {
        docs.emplace_back(e["kind"].get<std::string>(), e["doc"]);
      }
    }
    std::size_t from_ledger = docs.size();
    if (const Json* events = r.find("events")) {
      TESSERA_RETURN_IF_ERROR(expect_array(*events, "/events", 0, 1u << 20));
      for (const Json& e : *events) docs.emplace_back("grant", e);
    }
    auto fresh = std::make_shared<LoyaltyState>();
    fresh->key = s.key;
    fresh->program_doc = s.program_doc;
    fresh->program = s.program;
    fresh->conditions = s.conditions;
    std::vector<loyalty::Event> grants;
    Json rejected = Json::array();
    for (std::size_t i = 0; i < docs.size(); ++i) {
      const auto& [kind, doc] = docs[i];
      std::string path = i < from_ledger ? pointer_join(pointer_join("/ledger/entries", i), "doc")
                                         : pointer_join("/events", i - from_ledger);
      auto e = kind == "grant" ? read_grant(s, doc, path) : read_claim(doc, path);
      if (!e.ok()) {
        rejected.push_back(rejection_json("", e.status()));
        continue;
      }
      std::string canonical = dump_json(doc);
      if (kind == "grant") {
        if (!fresh->grant_docs.insert(canonical).second) continue;  // the same grant again
        fresh->grant_keys.insert(e->key);
        grants.push_back(*e);
      } else if (!fresh->claim_keys.insert(e->key).second) {
        continue;
      }
      fresh->append(kind, doc, e->key);
    }
    fresh->rebuild(std::move(grants));
    for (const loyalty::Rejection& rj : fresh->ledger->rejections()) {
      rejected.push_back(rejection_json(rj.key, rj.status));
    }
    loyalty_ = fresh;
    crypto::Hash h = fresh->head();
    return Json{{"entries", fresh->entries.size()},
                {"rejected", std::move(rejected)},
                {"head", crypto::hex_encode(h.data(), h.size())}};
  }

  if (method == "loyalty.apply" || method == "loyalty.claim") {
    // One event. Idempotent: the same signed grant (or claim key) again
    // changes nothing and says so.
    TESSERA_RETURN_IF_ERROR(r.reject_unknown({"event"}));
    const Json* doc = r.find("event");
    if (doc == nullptr) return Status(Code::kMissingField, "required field is missing", "/event");
    bool grant = method == "loyalty.apply";
    TESSERA_ASSIGN_OR_RETURN(loyalty::Event e,
                             grant ? read_grant(s, *doc, "/event") : read_claim(*doc, "/event"));
    Json out = {{"key", e.key}, {"duplicate", false}};
    if (grant) {
      if (s.grant_docs.count(dump_json(*doc)) != 0) {
        out["duplicate"] = true;
        out["accepted"] = rejections_of(*s.ledger, e.key) == 0;
        return out;
      }
      std::size_t before = rejections_of(*s.ledger, e.key);
      s.grant_docs.insert(dump_json(*doc));
      s.grant_keys.insert(e.key);
      s.append("grant", *doc, e.key);
      s.ledger->add({e});
      out["confirmsClaim"] = s.claim_keys.count(e.key) != 0;
      if (rejections_of(*s.ledger, e.key) > before) {
        const loyalty::Rejection* last = nullptr;
        for (const auto& rj : s.ledger->rejections()) {
          if (rj.key == e.key) last = &rj;
        }
        out["accepted"] = false;
        out["rejected"] = rejection_json(e.key, last->status);
      } else {
        out["accepted"] = true;
      }
    } else {
      out["confirmed"] = s.grant_keys.count(e.key) != 0;
      if (!s.claim_keys.insert(e.key).second) {
        out["duplicate"] = true;
      } else {
        s.append("claim", *doc, e.key);
      }
      out["accepted"] = true;
    }
    crypto::Hash h = s.head();
    out["head"] = crypto::hex_encode(h.data(), h.size());
    return out;
  }

  if (method == "loyalty.state") {
    TESSERA_RETURN_IF_ERROR(r.reject_unknown({"now"}));
    TESSERA_ASSIGN_OR_RETURN(std::int64_t now, read_now(r));
    return loyalty_state_view(s, now);
  }

  if (method == "loyalty.history") {
    TESSERA_RETURN_IF_ERROR(r.reject_unknown({"now"}));
    TESSERA_ASSIGN_OR_RETURN(std::int64_t now, read_now(r));
    Json full = loyalty::to_json(*s.ledger, now);
    return Json{{"entries", std::move(full["history"])}, {"rejected", std::move(full["rejected"])}};
  }

  if (method == "loyalty.preview") {
    TESSERA_RETURN_IF_ERROR(r.reject_unknown({"cart", "now"}));
    TESSERA_ASSIGN_OR_RETURN(std::int64_t now, read_now(r));
    const Json* cart = r.find("cart");
    if (cart == nullptr) return Status(Code::kMissingField, "required field is missing", "/cart");
    TESSERA_RETURN_IF_ERROR(expect_object(*cart, "/cart"));
    // A cart is not an event yet: it has no key, and it happens now.
    Json event = *cart;
    if (!event.contains("key")) event["key"] = "preview";
    if (!event.contains("at")) event["at"] = std::max(now, s.ledger->as_of());
    if (!event.contains("type")) event["type"] = "purchase";
    TESSERA_ASSIGN_OR_RETURN(loyalty::Event e, loyalty::parse_event_json(event, "/cart"));
    auto preview = s.ledger->preview(e, now);
    if (!preview.ok()) return shifted(preview.status(), "/cart");
    return loyalty::to_json(*preview, *s.program);
  }

  if (method == "loyalty.export") {
    TESSERA_RETURN_IF_ERROR(r.reject_unknown({}));
    return s.export_json();
  }

  return Status(Code::kNotFound, "unknown call \"" + std::string(method) + "\"");
}

}  // namespace tessera::engine
