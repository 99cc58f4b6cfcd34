// SqliteResponseStore: ResponseStore in one SQLite file, for a single
// collector process (SQLite serialises writers anyway, so the worker threads
// share one connection behind a mutex).
//
//   auto store = SqliteResponseStore::open("var/responses.sqlite");
//   auto outcome = (*store)->insert(record);
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "store/response_store.hpp"

struct sqlite3;

namespace tessera::store {

class SqliteResponseStore final : public ResponseStore {
 public:
  // Opens (creating if needed) the database file and its schema. WAL mode
  // with synchronous=FULL: an acknowledged record survives a power cut.
  static Result<std::unique_ptr<ResponseStore>> open(const std::string& path);
  ~SqliteResponseStore() override;

  Result<InsertOutcome> insert(const StoredResponse& response) override;
  Status insert_report(const LdpReport& report) override;
  Result<std::int64_t> count() override;
  Result<std::int64_t> count_reports() override;
  Status for_each(const std::function<void(const StoredResponse&)>& visit) override;
  Status for_each_report(const std::string& site, const std::string& metric,
                         const std::function<void(const LdpReport&)>& visit) override;
  Status ping() override;
  std::string_view backend() const override { return "sqlite"; }

 private:
  explicit SqliteResponseStore(sqlite3* db) : db_(db) {}
  Result<std::int64_t> count_rows(const char* sql);

  std::mutex mutex_;
  sqlite3* db_;
};

}  // namespace tessera::store
