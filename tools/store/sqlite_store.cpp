// SQLite-backed response store; see sqlite_store.hpp.
#include "store/sqlite_store.hpp"

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
  CREATE TABLE IF NOT EXISTS ldp_reports (
    site             TEXT NOT NULL,
    metric           TEXT NOT NULL,
    epsilon          REAL NOT NULL,
    encoding         TEXT NOT NULL,
    report           TEXT NOT NULL,
    received_hour_ms INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS ldp_reports_by_metric ON ldp_reports (site, metric, received_hour_ms);
)sql";

Status sqlite_error(sqlite3* db, const std::string& what) {
  return Status(Code::kInternal, what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

// Finalizes a statement on every path out of a function.
struct Statement {
  sqlite3_stmt* stmt = nullptr;
  ~Statement() { sqlite3_finalize(stmt); }
};

void bind(sqlite3_stmt* stmt, int index, const std::string& text) {
  sqlite3_bind_text(stmt, index, text.c_str(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

}  // namespace

Result<std::unique_ptr<ResponseStore>> SqliteResponseStore::open(const std::string& path) {
  sqlite3* db = nullptr;
  // FULLMUTEX as a second line of defence; the store's own mutex is what
  // keeps sqlite3_changes() paired with the statement that caused it.
  if (sqlite3_open_v2(path.c_str(), &db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    Status st = sqlite_error(db, "cannot open " + path);
    sqlite3_close(db);
    return st;
  }
  std::unique_ptr<SqliteResponseStore> store(new SqliteResponseStore(db));
  sqlite3_busy_timeout(db, 5000);
  char* err = nullptr;
  std::string setup = std::string("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;") + kSchema;
  if (sqlite3_exec(db, setup.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    return Status(Code::kInternal, "cannot set up " + path + ": " + msg);
  }
  return std::unique_ptr<ResponseStore>(std::move(store));
}

SqliteResponseStore::~SqliteResponseStore() { sqlite3_close(db_); }

Result<InsertOutcome> SqliteResponseStore::insert(const StoredResponse& r) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement s;
  const char* sql =
      "INSERT INTO responses (idempotency_key, site, survey_id, kind, sealed, received_at_ms) "
      "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING";
  if (sqlite3_prepare_v2(db_, sql, -1, &s.stmt, nullptr) != SQLITE_OK) {
    return sqlite_error(db_, "prepare insert");
  }
  bind(s.stmt, 1, r.idempotency_key);
  bind(s.stmt, 2, r.site);
  bind(s.stmt, 3, r.survey_id);
  bind(s.stmt, 4, r.kind);
  bind(s.stmt, 5, r.sealed);
  sqlite3_bind_int64(s.stmt, 6, r.received_at_ms);
  if (sqlite3_step(s.stmt) != SQLITE_DONE) return sqlite_error(db_, "insert");
  return sqlite3_changes(db_) == 1 ? InsertOutcome::kInserted : InsertOutcome::kDuplicate;
}

Status SqliteResponseStore::insert_report(const LdpReport& r) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement s;
  const char* sql =
      "INSERT INTO ldp_reports (site, metric, epsilon, encoding, report, received_hour_ms) "
      "VALUES (?, ?, ?, ?, ?, ?)";
  if (sqlite3_prepare_v2(db_, sql, -1, &s.stmt, nullptr) != SQLITE_OK) {
    return sqlite_error(db_, "prepare report insert");
  }
  bind(s.stmt, 1, r.site);
  bind(s.stmt, 2, r.metric);
  sqlite3_bind_double(s.stmt, 3, r.epsilon);
  bind(s.stmt, 4, r.encoding);
  bind(s.stmt, 5, r.report_json);
  sqlite3_bind_int64(s.stmt, 6, r.received_hour_ms);
  if (sqlite3_step(s.stmt) != SQLITE_DONE) return sqlite_error(db_, "report insert");
  return Status::Ok();
}

Result<std::int64_t> SqliteResponseStore::count_rows(const char* sql) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement s;
  if (sqlite3_prepare_v2(db_, sql, -1, &s.stmt, nullptr) != SQLITE_OK ||
      sqlite3_step(s.stmt) != SQLITE_ROW) {
    return sqlite_error(db_, "count");
  }
  return static_cast<std::int64_t>(sqlite3_column_int64(s.stmt, 0));
}

Result<std::int64_t> SqliteResponseStore::count() {
  return count_rows("SELECT COUNT(*) FROM responses");
}

Result<std::int64_t> SqliteResponseStore::count_reports() {
  return count_rows("SELECT COUNT(*) FROM ldp_reports");
}

Status SqliteResponseStore::ping() {
  auto n = count_rows("SELECT 1");
  return n.ok() ? Status::Ok() : n.status();
}

Status SqliteResponseStore::for_each(const std::function<void(const StoredResponse&)>& visit) {
  std::lock_guard<std::mutex> lock(mutex_);
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

Status SqliteResponseStore::for_each_report(const std::string& site, const std::string& metric,
                                            const std::function<void(const LdpReport&)>& visit) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement s;
  const char* sql =
      "SELECT epsilon, encoding, report, received_hour_ms FROM ldp_reports "
      "WHERE site = ? AND metric = ?";
  if (sqlite3_prepare_v2(db_, sql, -1, &s.stmt, nullptr) != SQLITE_OK) {
    return sqlite_error(db_, "prepare report select");
  }
  bind(s.stmt, 1, site);
  bind(s.stmt, 2, metric);
  LdpReport r;
  r.site = site;
  r.metric = metric;
  auto assign = [&](std::string& out, int col) {
    const unsigned char* t = sqlite3_column_text(s.stmt, col);
    out.assign(t ? reinterpret_cast<const char*>(t) : "",
               static_cast<std::size_t>(sqlite3_column_bytes(s.stmt, col)));
  };
  int rc;
  while ((rc = sqlite3_step(s.stmt)) == SQLITE_ROW) {
    r.epsilon = sqlite3_column_double(s.stmt, 0);
    assign(r.encoding, 1);
    assign(r.report_json, 2);
    r.received_hour_ms = static_cast<std::int64_t>(sqlite3_column_int64(s.stmt, 3));
    visit(r);
  }
  if (rc != SQLITE_DONE) return sqlite_error(db_, "report select");
  return Status::Ok();
}

}  // namespace tessera::store
