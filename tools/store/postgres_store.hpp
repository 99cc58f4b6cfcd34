// PostgresResponseStore: ResponseStore on a PostgreSQL server through libpq,
// so that several collector processes can share one database.
//
//   StoreOptions options;
//   options.max_connections = 4;
//   auto store = PostgresResponseStore::open("postgresql://tessera@127.0.0.1:5432/tessera",
//                                            options);
//   auto outcome = (*store)->insert(record);  // ON CONFLICT DO NOTHING underneath
//
// Connections: a small pool, opened on demand, one per worker thread that is
// using the database at that moment. A connection that breaks (the server
// restarted, the network dropped) is closed and replaced by the next call,
// so the store recovers by itself once the server is back. A call made on a
// stale pooled connection is retried once on a fresh one; every statement
// is idempotent, so a retry never stores a record twice.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/response_store.hpp"

struct pg_conn;

namespace tessera::store {

class PostgresResponseStore final : public ResponseStore {
 public:
  // Fails only when the URL cannot be parsed; an unreachable server is
  // reported by the calls (and by ping()) until it is reachable.
  static Result<std::unique_ptr<ResponseStore>> open(const std::string& url,
                                                     const StoreOptions& options);
  ~PostgresResponseStore() override;

  Result<InsertOutcome> insert(const StoredResponse& response) override;
  Status insert_report(const LdpReport& report) override;
  Result<std::int64_t> count() override;
  Result<std::int64_t> count_reports() override;
  Status for_each(const std::function<void(const StoredResponse&)>& visit) override;
  Status for_each_report(const std::string& site, const std::string& metric,
                         const std::function<void(const LdpReport&)>& visit) override;
  Status ping() override;
  std::string_view backend() const override { return "postgresql"; }

 private:
  PostgresResponseStore(std::string url, int max_connections)
      : url_(std::move(url)), max_connections_(max_connections) {}

  // A connection ready for the prepared statements, from the pool or new;
  // `fresh` says which. Waits a bounded time when all are busy.
  Result<pg_conn*> acquire(bool& fresh);
  void release(pg_conn* conn);
  Result<pg_conn*> connect();
  // Runs `work` on a pooled connection and, when `may_retry`, once more on
  // a fresh one if the pooled connection turns out to be broken.
  Status with_connection(const std::function<Status(pg_conn*)>& work, bool may_retry = true);
  Result<std::int64_t> count_rows(const char* sql);

  const std::string url_;
  const int max_connections_;
  std::mutex mutex_;
  std::condition_variable idle_available_;
  std::vector<pg_conn*> idle_;
  int open_ = 0;  // idle + leased
};

}  // namespace tessera::store
