// PostgreSQL-backed response store; see postgres_store.hpp.
#include "store/postgres_store.hpp"

#include <libpq-fe.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace tessera::store {
namespace {

// Two collectors starting at once would both run CREATE TABLE IF NOT EXISTS
// and one could fail on the catalog's unique index; a transaction-scoped
// advisory lock makes the second wait for the first instead.
constexpr const char* kSchema = R"sql(
  BEGIN;
  SELECT pg_advisory_xact_lock(7302186541);
  CREATE TABLE IF NOT EXISTS responses (
    idempotency_key text PRIMARY KEY,
    site            text NOT NULL,
    survey_id       text NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('final', 'partial')),
    sealed          text NOT NULL,
    received_at_ms  bigint NOT NULL
  );
  CREATE INDEX IF NOT EXISTS responses_by_survey ON responses (site, survey_id, received_at_ms);
  CREATE TABLE IF NOT EXISTS ldp_reports (
    site             text NOT NULL,
    metric           text NOT NULL,
    epsilon          double precision NOT NULL,
    encoding         text NOT NULL,
    report           text NOT NULL,
    received_hour_ms bigint NOT NULL
  );
  CREATE INDEX IF NOT EXISTS ldp_reports_by_metric ON ldp_reports (site, metric, received_hour_ms);
  COMMIT;
)sql";

constexpr const char* kInsertResponse = "tessera_insert_response";
constexpr const char* kInsertReport = "tessera_insert_report";

// How long a call waits for a pooled connection before answering "busy".
constexpr auto kAcquireTimeout = std::chrono::seconds(5);

// Clears a result on every path out of a function.
struct PgResult {
  PGresult* res;
  explicit PgResult(PGresult* r) : res(r) {}
  ~PgResult() { PQclear(res); }
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;
  ExecStatusType status() const { return PQresultStatus(res); }
};

Status pg_error(PGconn* conn, const std::string& what) {
  std::string message = conn ? PQerrorMessage(conn) : "out of memory";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  return Status(Code::kInternal, what + ": " + message);
}

Status expect(PGconn* conn, const PgResult& r, ExecStatusType want, const std::string& what) {
  if (r.status() == want) return Status::Ok();
  return pg_error(conn, what);
}

}  // namespace

Result<std::unique_ptr<ResponseStore>> PostgresResponseStore::open(const std::string& url,
                                                                   const StoreOptions& options) {
  char* err = nullptr;
  PQconninfoOption* parsed = PQconninfoParse(url.c_str(), &err);
  if (!parsed) {
    std::string message = err ? err : "out of memory";
    PQfreemem(err);
    return Status(Code::kInvalidValue, "not a PostgreSQL URL: " + message);
  }
  PQconninfoFree(parsed);
  int max = options.max_connections > 0 ? options.max_connections : 1;
  return std::unique_ptr<ResponseStore>(new PostgresResponseStore(url, max));
}

PostgresResponseStore::~PostgresResponseStore() {
  for (PGconn* conn : idle_) PQfinish(conn);
}

Result<PGconn*> PostgresResponseStore::connect() {
  // Defaults first: the URL may override them. synchronous_commit=on makes
  // "committed" mean "flushed to the server's WAL" even on a server whose
  // default was relaxed; the timeouts keep a hung server from holding a
  // worker thread forever; client_min_messages keeps the schema's "already
  // exists" notices out of the log.
  const char* keywords[] = {"connect_timeout", "application_name", "options", "dbname", nullptr};
  const char* values[] = {
      "5", "tessera-collector",
      "-c synchronous_commit=on -c statement_timeout=10000 -c client_min_messages=warning",
      url_.c_str(), nullptr};
  PGconn* conn = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (!conn || PQstatus(conn) != CONNECTION_OK) {
    Status st = pg_error(conn, "cannot connect to PostgreSQL");
    PQfinish(conn);
    return st;
  }
  Status st = [&]() -> Status {
    PgResult schema(PQexec(conn, kSchema));
    TESSERA_RETURN_IF_ERROR(expect(conn, schema, PGRES_COMMAND_OK, "cannot create the schema"));
    PgResult insert(PQprepare(conn, kInsertResponse,
                              "INSERT INTO responses (idempotency_key, site, survey_id, kind, "
                              "sealed, received_at_ms) VALUES ($1, $2, $3, $4, $5, $6::bigint) "
                              "ON CONFLICT (idempotency_key) DO NOTHING",
                              6, nullptr));
    TESSERA_RETURN_IF_ERROR(expect(conn, insert, PGRES_COMMAND_OK, "prepare insert"));
    PgResult report(PQprepare(conn, kInsertReport,
                              "INSERT INTO ldp_reports (site, metric, epsilon, encoding, report, "
                              "received_hour_ms) VALUES ($1, $2, $3::double precision, $4, $5, "
                              "$6::bigint)",
                              6, nullptr));
    return expect(conn, report, PGRES_COMMAND_OK, "prepare report insert");
  }();
  if (!st.ok()) {
    PQfinish(conn);
    return st;
  }
  return conn;
}

Result<PGconn*> PostgresResponseStore::acquire(bool& fresh) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (!idle_available_.wait_for(lock, kAcquireTimeout,
                                [&] { return !idle_.empty() || open_ < max_connections_; })) {
    return Status(Code::kInternal, "all " + std::to_string(max_connections_) +
                                       " PostgreSQL connections stayed busy");
  }
  if (!idle_.empty()) {
    PGconn* conn = idle_.back();
    idle_.pop_back();
    fresh = false;
    return conn;
  }
  ++open_;
  lock.unlock();
  // Connect outside the lock: a slow server must not stall threads that
  // could use an idle connection meanwhile.
  auto conn = connect();
  if (!conn.ok()) {
    lock.lock();
    --open_;
    idle_available_.notify_one();
    return conn.status();
  }
  fresh = true;
  return *conn;
}

void PostgresResponseStore::release(PGconn* conn) {
  bool reusable = PQstatus(conn) == CONNECTION_OK && PQtransactionStatus(conn) == PQTRANS_IDLE;
  if (!reusable) PQfinish(conn);
  std::lock_guard<std::mutex> lock(mutex_);
  if (reusable) {
    idle_.push_back(conn);
  } else {
    --open_;
  }
  idle_available_.notify_one();
}

Status PostgresResponseStore::with_connection(const std::function<Status(PGconn*)>& work,
                                              bool may_retry) {
  for (int attempt = 0;; ++attempt) {
    bool fresh = false;
    TESSERA_ASSIGN_OR_RETURN(PGconn * conn, acquire(fresh));
    Status st = work(conn);
    bool broken = PQstatus(conn) != CONNECTION_OK;
    release(conn);
    // Only a pooled connection that broke since its last use is worth a
    // second try; a fresh one failing means the server is really down.
    if (st.ok() || !broken || fresh || !may_retry || attempt > 0) return st;
  }
}

Result<InsertOutcome> PostgresResponseStore::insert(const StoredResponse& r) {
  std::string received = std::to_string(r.received_at_ms);
  const char* params[] = {r.idempotency_key.c_str(), r.site.c_str(),
                          r.survey_id.c_str(),       r.kind.c_str(),
                          r.sealed.c_str(),          received.c_str()};
  InsertOutcome outcome = InsertOutcome::kDuplicate;
  // Not TESSERA_RETURN_IF_ERROR around the lambda: nested, its locals shadow.
  Status st = with_connection([&](PGconn* conn) -> Status {
    PgResult res(PQexecPrepared(conn, kInsertResponse, 6, params, nullptr, nullptr, 0));
    TESSERA_RETURN_IF_ERROR(expect(conn, res, PGRES_COMMAND_OK, "insert"));
    // "1" when this call stored the row, "0" when the key was already there.
    outcome = std::string(PQcmdTuples(res.res)) == "1" ? InsertOutcome::kInserted
                                                       : InsertOutcome::kDuplicate;
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return outcome;
}

Status PostgresResponseStore::insert_report(const LdpReport& r) {
  char epsilon[32];
  std::snprintf(epsilon, sizeof epsilon, "%.17g", r.epsilon);
  std::string hour = std::to_string(r.received_hour_ms);
  const char* params[] = {r.site.c_str(),     r.metric.c_str(),      epsilon,
                          r.encoding.c_str(), r.report_json.c_str(), hour.c_str()};
  // Not retried: a report has no key to deduplicate it, and a report counted
  // twice would bias the estimate more than a report lost.
  return with_connection(
      [&](PGconn* conn) {
        PgResult res(PQexecPrepared(conn, kInsertReport, 6, params, nullptr, nullptr, 0));
        return expect(conn, res, PGRES_COMMAND_OK, "report insert");
      },
      /*may_retry=*/false);
}

Result<std::int64_t> PostgresResponseStore::count_rows(const char* sql) {
  std::int64_t n = 0;
  Status st = with_connection([&](PGconn* conn) -> Status {
    PgResult res(PQexec(conn, sql));
    TESSERA_RETURN_IF_ERROR(expect(conn, res, PGRES_TUPLES_OK, "count"));
    if (PQntuples(res.res) != 1) return Status(Code::kInternal, "count: no row");
    n = std::strtoll(PQgetvalue(res.res, 0, 0), nullptr, 10);
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return n;
}

Result<std::int64_t> PostgresResponseStore::count() {
  return count_rows("SELECT count(*) FROM responses");
}

Result<std::int64_t> PostgresResponseStore::count_reports() {
  return count_rows("SELECT count(*) FROM ldp_reports");
}

Status PostgresResponseStore::ping() {
  auto one = count_rows("SELECT 1");
  return one.ok() ? Status::Ok() : one.status();
}

Status PostgresResponseStore::for_each(const std::function<void(const StoredResponse&)>& visit) {
  // Row by row, so that opening a large table does not hold it all in memory.
  // Not retried: rows already visited would be visited again.
  return with_connection(
      [&](PGconn* conn) -> Status {
        const char* sql =
            "SELECT idempotency_key, site, survey_id, kind, sealed, received_at_ms "
            "FROM responses ORDER BY received_at_ms, idempotency_key";
        if (!PQsendQuery(conn, sql) || !PQsetSingleRowMode(conn)) return pg_error(conn, "select");
        Status st;
        // Every result must be drained, even after an error, before the
        // connection can run another statement.
        while (PGresult* raw = PQgetResult(conn)) {
          PgResult res(raw);
          if (res.status() == PGRES_SINGLE_TUPLE) {
            if (!st.ok()) continue;
            StoredResponse r{
                PQgetvalue(raw, 0, 0), PQgetvalue(raw, 0, 1),
                PQgetvalue(raw, 0, 2), PQgetvalue(raw, 0, 3),
                PQgetvalue(raw, 0, 4), std::strtoll(PQgetvalue(raw, 0, 5), nullptr, 10)};
            visit(r);
          } else if (res.status() != PGRES_TUPLES_OK && st.ok()) {
            st = pg_error(conn, "select");
          }
        }
        return st;
      },
      /*may_retry=*/false);
}

Status PostgresResponseStore::for_each_report(const std::string& site, const std::string& metric,
                                              const std::function<void(const LdpReport&)>& visit) {
  // Row by row, as for_each; not retried for the same reason.
  return with_connection(
      [&](PGconn* conn) -> Status {
        const char* sql =
            "SELECT epsilon, encoding, report, received_hour_ms FROM ldp_reports "
            "WHERE site = $1 AND metric = $2";
        const char* params[] = {site.c_str(), metric.c_str()};
        if (!PQsendQueryParams(conn, sql, 2, nullptr, params, nullptr, nullptr, 0) ||
            !PQsetSingleRowMode(conn)) {
          return pg_error(conn, "report select");
        }
        Status st;
        LdpReport r;
        r.site = site;
        r.metric = metric;
        while (PGresult* raw = PQgetResult(conn)) {
          PgResult res(raw);
          if (res.status() == PGRES_SINGLE_TUPLE) {
            if (!st.ok()) continue;
            r.epsilon = std::strtod(PQgetvalue(raw, 0, 0), nullptr);
            r.encoding = PQgetvalue(raw, 0, 1);
            r.report_json = PQgetvalue(raw, 0, 2);
            r.received_hour_ms = std::strtoll(PQgetvalue(raw, 0, 3), nullptr, 10);
            visit(r);
          } else if (res.status() != PGRES_TUPLES_OK && st.ok()) {
            st = pg_error(conn, "report select");
          }
        }
        return st;
      },
      /*may_retry=*/false);
}

}  // namespace tessera::store
