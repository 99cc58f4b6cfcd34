// ResponseStore: the collector's durable tables, behind one interface with
// two back ends: SQLite (a file; the default, for one collector) and
// PostgreSQL (a URL; for several collectors sharing one database).
//
// The store never sees plaintext: it keeps the routing fields the browser
// sends beside the sealed blob (site, survey, idempotency key, kind) and the
// time it received them. The idempotency key is the primary key, so a record
// delivered twice, to one collector or to two, is stored once. Private
// statistics (local differential privacy) reports are kept in a second table
// with no identifier at all.
//
//   auto store = ResponseStore::open("postgresql://tessera@127.0.0.1:5432/tessera");
//   auto r = (*store)->insert(record);  // kInserted, kDuplicate, or a Status
//   (*store)->for_each([](const StoredResponse& s) { ... });
//
// Every method may be called from many threads at once. A method that
// returns OK has committed: the record survives a crash of the collector or
// of the database server.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "tessera/common/status.hpp"

namespace tessera::store {

struct StoredResponse {
  std::string idempotency_key;
  std::string site;
  std::string survey_id;
  std::string kind;    // "final" | "partial"
  std::string sealed;  // base64 of the sealed box, as received
  std::int64_t received_at_ms = 0;
};

// One randomized report for a population statistic. It carries no key, no
// address and only the hour it arrived: nothing ties it to a person or to
// their survey answers.
struct LdpReport {
  std::string site;
  std::string metric;
  double epsilon = 0;
  std::string encoding;
  std::string report_json;  // the validated report value, compact JSON
  std::int64_t received_hour_ms = 0;
};

enum class InsertOutcome { kInserted, kDuplicate };

struct StoreOptions {
  // PostgreSQL: most connections open at once (one per busy worker thread).
  int max_connections = 4;
};

class ResponseStore {
 public:
  // "postgres://..." or "postgresql://..." opens PostgreSQL through libpq;
  // anything else is a SQLite file, created if needed. A PostgreSQL server
  // that is down when the collector starts is not an error: the first call
  // after it comes up connects (and creates the tables).
  static Result<std::unique_ptr<ResponseStore>> open(const std::string& where,
                                                     const StoreOptions& options = {});
  static bool is_postgres_url(std::string_view where);

  virtual ~ResponseStore() = default;
  ResponseStore() = default;
  ResponseStore(const ResponseStore&) = delete;
  ResponseStore& operator=(const ResponseStore&) = delete;

  virtual Result<InsertOutcome> insert(const StoredResponse& response) = 0;
  virtual Status insert_report(const LdpReport& report) = 0;
  virtual Result<std::int64_t> count() = 0;
  virtual Result<std::int64_t> count_reports() = 0;
  // Visits records in the order they were received.
  virtual Status for_each(const std::function<void(const StoredResponse&)>& visit) = 0;
  // Visits the LDP reports of one site and metric, in no particular order.
  // The visited object is reused between rows: copy what must outlive it.
  virtual Status for_each_report(const std::string& site, const std::string& metric,
                                 const std::function<void(const LdpReport&)>& visit) = 0;
  // A round trip to the database: OK when a write could succeed now.
  virtual Status ping() = 0;
  // "sqlite" or "postgresql", for logs and /healthz.
  virtual std::string_view backend() const = 0;
};

}  // namespace tessera::store
