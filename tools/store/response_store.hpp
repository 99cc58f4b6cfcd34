// ResponseStore: the collector's durable table of sealed records, in SQLite.
//
// The store never sees plaintext: it keeps the routing fields the browser
// sends beside the sealed blob (site, survey, idempotency key, kind) and the
// time it received them. The idempotency key is the primary key, so a record
// delivered twice is stored once.
//
//   auto store = ResponseStore::open("var/responses.sqlite");
//   auto r = store->insert(record, received_at_ms);  // Inserted or Duplicate
//   store->for_each([](const StoredResponse& s) { ... });
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "tessera/common/status.hpp"

struct sqlite3;

namespace tessera::store {

struct StoredResponse {
  std::string idempotency_key;
  std::string site;
  std::string survey_id;
  std::string kind;    // "final" | "partial"
  std::string sealed;  // base64 of the sealed box, as received
  std::int64_t received_at_ms = 0;
};

enum class InsertOutcome { kInserted, kDuplicate };

class ResponseStore {
 public:
  // Opens (creating if needed) the database file and its schema. WAL mode
  // with synchronous=FULL: an acknowledged record survives a power cut.
  static Result<std::unique_ptr<ResponseStore>> open(const std::string& path);
  ~ResponseStore();
  ResponseStore(const ResponseStore&) = delete;
  ResponseStore& operator=(const ResponseStore&) = delete;

  Result<InsertOutcome> insert(const StoredResponse& response);
  Result<std::int64_t> count();
  // Visits records in the order they were received.
  Status for_each(const std::function<void(const StoredResponse&)>& visit);

 private:
  explicit ResponseStore(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

}  // namespace tessera::store
