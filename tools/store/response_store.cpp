// SQLite-backed response store; see response_store.hpp.
#include "store/response_store.hpp"

#include <sqlite3.h>

namespace tessera::store {
namespace {

constexpr const char* kSchema = R"sql(
  CREATE TABLE IF NOT EXISTS responses (
    idempotency_key TEXT PRIMARY KEY,
    site            TEXT NOT NULL,
    survey_id       TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('final', 'partial')),
    sealed          TEXT NOT NULL,
    received_at_ms  INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS responses_by_survey ON responses (site, survey_id, received_at_ms);
)sql";

Status sqlite_error(sqlite3* db, const std::string& what) {
  return Status(Code::kInternal, what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

// Finalizes a statement on every path out of a function.
struct Statement {
  sqlite3_stmt* stmt = nullptr;
  ~Statement() { sqlite3_finalize(stmt); }
};

}  // namespace

Result<std::unique_ptr<ResponseStore>> ResponseStore::open(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    Status st = sqlite_error(db, "cannot open " + path);
    sqlite3_close(db);
    return st;
  }
  std::unique_ptr<ResponseStore> store(new ResponseStore(db));
  sqlite3_busy_timeout(db, 5000);
  char* err = nullptr;
  std::string setup = std::string("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;") + kSchema;
  if (sqlite3_exec(db, setup.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    return Status(Code::kInternal, "cannot set up " + path + ": " + msg);
  }
  return store;
}

ResponseStore::~ResponseStore() { sqlite3_close(db_); }

Result<InsertOutcome> ResponseStore::insert(const StoredResponse& r) {
  Statement s;
  const char* sql =
      "INSERT INTO responses (idempotency_key, site, survey_id, kind, sealed, received_at_ms) "
      "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING";
  if (sqlite3_prepare_v2(db_, sql, -1, &s.stmt, nullptr) != SQLITE_OK) {
    return sqlite_error(db_, "prepare insert");
  }
  sqlite3_bind_text(s.stmt, 1, r.idempotency_key.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(s.stmt, 2, r.site.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(s.stmt, 3, r.survey_id.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(s.stmt, 4, r.kind.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(s.stmt, 5, r.sealed.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(s.stmt, 6, r.received_at_ms);
  if (sqlite3_step(s.stmt) != SQLITE_DONE) return sqlite_error(db_, "insert");
  return sqlite3_changes(db_) == 1 ? InsertOutcome::kInserted : InsertOutcome::kDuplicate;
}

Result<std::int64_t> ResponseStore::count() {
  Statement s;
  if (sqlite3_prepare_v2(db_, "SELECT COUNT(*) FROM responses", -1, &s.stmt, nullptr) !=
          SQLITE_OK ||
      sqlite3_step(s.stmt) != SQLITE_ROW) {
    return sqlite_error(db_, "count");
  }
  return static_cast<std::int64_t>(sqlite3_column_int64(s.stmt, 0));
}

Status ResponseStore::for_each(const std::function<void(const StoredResponse&)>& visit) {
  Statement s;
  const char* sql =
      "SELECT idempotency_key, site, survey_id, kind, sealed, received_at_ms FROM responses "
      "ORDER BY received_at_ms, idempotency_key";
  if (sqlite3_prepare_v2(db_, sql, -1, &s.stmt, nullptr) != SQLITE_OK) {
    return sqlite_error(db_, "prepare select");
  }
  auto text = [&](int col) {
    const unsigned char* t = sqlite3_column_text(s.stmt, col);
    return t ? std::string(reinterpret_cast<const char*>(t)) : std::string();
  };
  int rc;
  while ((rc = sqlite3_step(s.stmt)) == SQLITE_ROW) {
    StoredResponse r{text(0), text(1), text(2),
                     text(3), text(4), static_cast<std::int64_t>(sqlite3_column_int64(s.stmt, 5))};
    visit(r);
  }
  if (rc != SQLITE_DONE) return sqlite_error(db_, "select");
  return Status::Ok();
}

}  // namespace tessera::store
