// The engine's loyalty program and stored ledger: the signed program is
// checked once at createEngine, and the stored ledger is a hash chain of
// signed grants and browser claims. See loyalty_state.hpp.
#include "loyalty_state.hpp"
#include "tessera/crypto/encoding.hpp"
#include "tessera/engine/engine.hpp"
#include "tessera/loyalty/conditions.hpp"

namespace tessera::engine {
namespace {

Json entry_body(const std::string& kind, const Json& doc) {
  return Json{{"kind", kind}, {"doc", doc}};
}

}  // namespace

void LoyaltyState::append(std::string kind, Json doc, std::string event_key) {
  StoredEntry e{std::move(kind), std::move(doc), std::move(event_key), {}};
  e.hash = crypto::chain_hash(head(), dump_json(entry_body(e.kind, e.doc)));
  entries.push_back(std::move(e));
}

crypto::Hash LoyaltyState::head() const {
  return entries.empty() ? crypto::Hash{} : entries.back().hash;
}

Json LoyaltyState::export_json() const {
  Json list = Json::array();
  for (const StoredEntry& e : entries) {
    list.push_back(Json{{"kind", e.kind},
                        {"doc", e.doc},
                        {"hash", crypto::hex_encode(e.hash.data(), e.hash.size())}});
  }
  crypto::Hash h = head();
  return Json{{"v", 1},
              {"program", program_doc},
              {"entries", std::move(list)},
              {"head", crypto::hex_encode(h.data(), h.size())}};
}

void LoyaltyState::rebuild(std::vector<loyalty::Event> grants) {
  ledger.emplace(loyalty::Ledger::replay(*program, std::move(grants), conditions));
}

Status verify_chain(const Json& stored, const std::string& path) {
  TESSERA_RETURN_IF_ERROR(expect_object(stored, path));
  FieldReader r(stored, path);
  TESSERA_RETURN_IF_ERROR(r.reject_unknown({"v", "program", "entries", "head"}));
  TESSERA_ASSIGN_OR_RETURN(auto v, r.required_int("v", 1, 1));
  (void)v;
  const Json* entries = r.find("entries");
  if (entries == nullptr)
    return Status(Code::kMissingField, "required field is missing", r.path_of("entries"));
  TESSERA_RETURN_IF_ERROR(expect_array(*entries, r.path_of("entries"), 0, 1u << 20));
  crypto::Hash previous{};
  for (std::size_t i = 0; i < entries->size(); ++i) {
    std::string at = pointer_join(r.path_of("entries"), i);
    const Json& e = (*entries)[i];
    TESSERA_RETURN_IF_ERROR(expect_object(e, at));
    FieldReader er(e, at);
    TESSERA_RETURN_IF_ERROR(er.reject_unknown({"kind", "doc", "hash"}));
    TESSERA_ASSIGN_OR_RETURN(std::string kind, er.required_string("kind", 8));
    if (kind != "grant" && kind != "claim") {
      return Status(Code::kInvalidValue, "expected \"grant\" or \"claim\"", er.path_of("kind"));
    }
    const Json* doc = er.find("doc");
    if (doc == nullptr)
      return Status(Code::kMissingField, "required field is missing", er.path_of("doc"));
    TESSERA_ASSIGN_OR_RETURN(std::string hash_hex, er.required_string("hash", 64));
    crypto::Hash expected = crypto::chain_hash(previous, dump_json(entry_body(kind, *doc)));
    if (hash_hex != crypto::hex_encode(expected.data(), expected.size())) {
      return Status(Code::kCryptoError,
                    "hash chain broken: the stored ledger was edited at or before this entry",
                    er.path_of("hash"));
    }
    previous = expected;
  }
  if (r.has("head")) {
    TESSERA_ASSIGN_OR_RETURN(std::string head, r.required_string("head", 64));
    if (head != crypto::hex_encode(previous.data(), previous.size())) {
      return Status(Code::kCryptoError, "head does not match the last entry (entries dropped?)",
                    r.path_of("head"));
    }
  }
  return Status();
}

Status Engine::init_loyalty() {
  const Json& section = config_.loyalty;
  if (section.is_null()) return Status();
  TESSERA_RETURN_IF_ERROR(expect_object(section, "/loyalty"));
  FieldReader r(section, "/loyalty");
  TESSERA_RETURN_IF_ERROR(r.reject_unknown({"program", "signingKey"}));
  auto state = std::make_shared<LoyaltyState>();
  TESSERA_ASSIGN_OR_RETURN(std::string key, r.required_string("signingKey", 64));
  TESSERA_ASSIGN_OR_RETURN(state->key,
                           crypto::base64_decode_fixed<32>(key, r.path_of("signingKey")));
  const Json* program = r.find("program");
  if (program == nullptr) {
    return Status(Code::kMissingField, "required field is missing", r.path_of("program"));
  }
  // The program is only trusted when the merchant signed it: an edited page
  // must not be able to raise its own earning rates.
  TESSERA_ASSIGN_OR_RETURN(Json payload,
                           crypto::verify_document(*program, state->key, r.path_of("program")));
  std::string base = pointer_join(r.path_of("program"), "payload");
  auto parsed = loyalty::parse_program_json(payload);
  if (!parsed.ok()) {
    return Status(parsed.status().code(), parsed.status().message(), base + parsed.status().path());
  }
  TESSERA_ASSIGN_OR_RETURN(state->conditions, loyalty::compile_conditions(*parsed, payload, base));
  state->program = std::make_shared<const loyalty::Program>(std::move(parsed).value());
  state->program_doc = *program;
  state->rebuild({});
  loyalty_ = std::move(state);
  return Status();
}

}  // namespace tessera::engine
