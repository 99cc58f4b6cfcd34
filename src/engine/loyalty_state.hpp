// What an engine holds for its site's loyalty program: the verified program,
// the merchant's signing key, the stored ledger (signed grants and browser
// claims, hash-chained) and the ledger replayed from it. Private to
// src/engine; the calls are documented in docs/engine-api.md.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "tessera/crypto/sign.hpp"
#include "tessera/loyalty/ledger.hpp"

namespace tessera::engine {

// One stored ledger entry. Its hash covers the previous entry's hash and
// dump_json({"kind", "doc"}), so editing, dropping or reordering stored
// entries breaks the chain from that entry on.
struct StoredEntry {
  std::string kind;  // "grant" (doc is a signed event) or "claim" (doc is an event)
  Json doc;
  std::string key;  // the event's idempotency key
  crypto::Hash hash{};
};

struct LoyaltyState {
  crypto::SigningPublicKey key{};
  Json program_doc;  // the signed program, exported with the ledger
  std::shared_ptr<const loyalty::Program> program;
  loyalty::ConditionEvaluator conditions;
  std::vector<StoredEntry> entries;
  std::set<std::string> grant_docs;  // canonical bytes of stored grants: idempotency
  std::set<std::string> grant_keys;
  std::set<std::string> claim_keys;
  std::optional<loyalty::Ledger> ledger;  // grants only: what the merchant vouched for

  // Appends an entry to the hash chain.
  void append(std::string kind, Json doc, std::string event_key);
  crypto::Hash head() const;
  // The signed program and every entry with its hash (hex).
  Json export_json() const;
  // Replays the grants from scratch (after a load).
  void rebuild(std::vector<loyalty::Event> grants);
};

// Checks the chain of a stored ledger ({v, entries: [{kind, doc, hash}]})
// at `path`; kCryptoError names the first entry whose hash does not match.
Status verify_chain(const Json& stored, const std::string& path);

}  // namespace tessera::engine

namespace tessera::engine {

// The loyalty.state view: what <tessera-badge> renders (docs/engine-api.md).
Json loyalty_state_view(const LoyaltyState& state, std::int64_t now);

}  // namespace tessera::engine
