// `tessera-collector`: receives sealed survey records and private-statistics
// reports and stores them, in SQLite or PostgreSQL, without being able to
// read them (it never holds the merchant's secret key). It can also serve
// static folders, so that the demo shop and the web build come from one
// 127.0.0.1 origin.
//
//   tessera-collector --db postgresql://tessera@127.0.0.1:5432/tessera --port 8080
//       --allow-origin https://shop.example --rate 20/s --burst 60
//
// API (docs/collector.md):
//   POST /v1/responses  201 stored | 200 duplicate (same idempotency key)
//   POST /v1/ldp        201 stored
//   both: 400 malformed {error:{code,message,path}} | 403 origin not allowed
//         413 too large | 429 over the rate (Retry-After) | 503 database down
//   OPTIONS /v1/...     CORS preflight for --allow-origin origins
//   GET  /healthz       200 {"ok":true,...} | 503 when the database is down
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <iostream>
#include <string>
#include <thread>

#include "collector/admission.hpp"
#include "collector/options.hpp"
#include "collector/static_cache.hpp"
#include "store/intake.hpp"
#include "store/response_store.hpp"
#include "tessera/common/json.hpp"

namespace {

using tessera::collector::CollectorOptions;
using tessera::store::ResponseStore;

std::atomic<bool> g_stop{false};
void on_signal(int) { g_stop = true; }

// A strict policy: no inline script or style, no eval; wasm compilation is
// allowed explicitly. The widget must work under it (tested in Chromium).
constexpr const char* kStrictCsp =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

std::int64_t wall_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// The rate limiter measures intervals, which must not jump with the wall clock.
std::int64_t steady_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

void reply_json(httplib::Response& res, int status, const tessera::Json& body) {
  res.status = status;
  res.set_content(tessera::dump_json(body), "application/json");
}

void reply_error(httplib::Response& res, int status, const std::string& code,
                 const std::string& message, const std::string& path = "") {
  reply_json(res, status, {{"error", {{"code", code}, {"message", message}, {"path", path}}}});
}

void reply_refused(httplib::Response& res, const tessera::Status& st) {
  int status = st.code() == tessera::Code::kLimitExceeded ? 413 : 400;
  reply_error(res, status, std::string(tessera::code_name(st.code())), st.message(), st.path());
}

// While the database is down every request fails the same way; one line a
// second says so without flooding the log.
void log_storage_error(const char* what, const tessera::Status& st) {
  static std::atomic<std::int64_t> last_ms{0};
  std::int64_t now = steady_ms();
  std::int64_t last = last_ms.load();
  if (now - last < 1000 || !last_ms.compare_exchange_strong(last, now)) return;
  std::cerr << "tessera-collector: " << what << ": " << st.message() << std::endl;
}

// Not acknowledged: the client keeps the record and sends it again later.
void reply_unavailable(httplib::Response& res, const tessera::Status& st) {
  log_storage_error("storage", st);
  res.set_header("Retry-After", "1");
  reply_error(res, 503, "unavailable", "storage is unavailable; retry later");
}

class Collector {
 public:
  Collector(const CollectorOptions& opt, ResponseStore& store)
      : opt_(opt),
        store_(store),
        origins_(opt.allow_origins),
        limiter_(opt.rate_per_second, opt.burst) {}

  void install(httplib::Server& server) {
    server.Post("/v1/responses", [this](const httplib::Request& req, httplib::Response& res) {
      if (admit(req, res)) post_response(req, res);
    });
    server.Post("/v1/ldp", [this](const httplib::Request& req, httplib::Response& res) {
      if (admit(req, res)) post_report(req, res);
    });
    server.Options(R"(/v1/.*)", [this](const httplib::Request& req, httplib::Response& res) {
      preflight(req, res);
    });
    server.Get("/healthz",
               [this](const httplib::Request&, httplib::Response& res) { health(res); });
    server.set_post_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      res.set_header("X-Content-Type-Options", "nosniff");
      res.set_header("Referrer-Policy", "no-referrer");
      if (!res.has_header("Cache-Control")) {
        // Only a file actually served may be kept for a year; a 404 on a
        // hashed URL must not be.
        bool served = (req.method == "GET" || req.method == "HEAD") && res.status == 200;
        res.set_header("Cache-Control",
                       served ? std::string(tessera::collector::static_cache_control(req.path))
                              : std::string("no-cache"));
      }
      if (opt_.csp) res.set_header("Content-Security-Policy", kStrictCsp);
      add_cors_headers(req, res);
    });
    // Oversized bodies are refused by httplib before any handler runs.
    server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
      if (res.status == 413) reply_error(res, 413, "limit_exceeded", "body too large");
    });
  }

 private:
  // Origin first (a foreign page gets 403 whatever its rate), then the
  // client's token bucket. Keyed on the socket's address: X-Forwarded-For is
  // not trusted, since any client can write it.
  bool admit(const httplib::Request& req, httplib::Response& res) {
    std::string origin = req.get_header_value("Origin");
    if (!origins_.allows(origin, req.get_header_value("Host"))) {
      reply_error(res, 403, "origin_not_allowed", "this origin may not post here");
      return false;
    }
    auto decision = limiter_.admit(req.remote_addr, steady_ms());
    if (!decision.allowed) {
      res.set_header("Retry-After", std::to_string(decision.retry_after_s));
      reply_error(res, 429, "rate_limited", "too many requests; retry later");
      return false;
    }
    return true;
  }

  void post_response(const httplib::Request& req, httplib::Response& res) {
    auto delivery = tessera::store::parse_delivery(req.body, wall_ms());
    if (!delivery.ok()) return reply_refused(res, delivery.status());
    auto outcome = store_.insert(*delivery);
    if (!outcome.ok()) return reply_unavailable(res, outcome.status());
    bool inserted = *outcome == tessera::store::InsertOutcome::kInserted;
    reply_json(res, inserted ? 201 : 200, {{"stored", inserted}, {"duplicate", !inserted}});
  }

  void post_report(const httplib::Request& req, httplib::Response& res) {
    if (req.body.size() > tessera::store::kMaxLdpBody) {
      return reply_error(res, 413, "limit_exceeded", "body too large");
    }
    auto report = tessera::store::parse_ldp_report(req.body, wall_ms());
    if (!report.ok()) return reply_refused(res, report.status());
    auto st = store_.insert_report(*report);
    if (!st.ok()) return reply_unavailable(res, st);
    reply_json(res, 201, {{"stored", true}});
  }

  void preflight(const httplib::Request& req, httplib::Response& res) {
    std::string origin = req.get_header_value("Origin");
    if (origins_.allow_header(origin).empty()) {
      res.status = 403;
      return;
    }
    res.status = 204;
    res.set_header("Access-Control-Allow-Methods", "POST, OPTIONS");
    res.set_header("Access-Control-Allow-Headers", "Content-Type, Idempotency-Key");
    res.set_header("Access-Control-Max-Age", "600");
  }

  void add_cors_headers(const httplib::Request& req, httplib::Response& res) {
    std::string allow = origins_.allow_header(req.get_header_value("Origin"));
    // Vary even when refused: a cache must not hand one origin's answer to another.
    if (!origins_.allows_any()) res.set_header("Vary", "Origin");
    if (allow.empty()) return;
    res.set_header("Access-Control-Allow-Origin", allow);
    res.set_header("Access-Control-Expose-Headers", "Retry-After");
  }

  void health(httplib::Response& res) {
    std::string backend(store_.backend());
    auto records = store_.count();
    if (!records.ok()) {
      log_storage_error("health", records.status());
      res.set_header("Retry-After", "1");
      reply_json(res, 503, {{"ok", false}, {"db", backend}});
      return;
    }
    reply_json(res, 200, {{"ok", true}, {"db", backend}, {"records", *records}});
  }

  const CollectorOptions& opt_;
  ResponseStore& store_;
  tessera::collector::OriginPolicy origins_;
  tessera::collector::RateLimiter limiter_;
};

}  // namespace

int main(int argc, char** argv) {
  CollectorOptions opt;
  std::string error = tessera::collector::parse_collector_options(argc, argv, opt);
  if (!error.empty()) {
    std::cerr << "tessera-collector: " << error << "\n" << tessera::collector::kCollectorUsage;
    return 1;
  }
  tessera::store::StoreOptions store_options;
  store_options.max_connections = opt.db_connections;
  auto opened = ResponseStore::open(opt.db, store_options);
  if (!opened.ok()) {
    std::cerr << "tessera-collector: " << opened.status().message() << "\n";
    return 1;
  }
  std::unique_ptr<ResponseStore> store = std::move(opened).value();
  // A database that is down at start is not fatal: requests get 503 until
  // it is back, and an orchestrator may well start us first.
  if (auto st = store->ping(); !st.ok()) {
    std::cerr << "tessera-collector: warning: " << st.message() << "\n";
  }

  httplib::Server server;
  const int threads = opt.threads;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  // httplib writes headers and body separately; with Nagle's algorithm on,
  // the body waits for the client's delayed ACK (~40 ms on Linux) on every
  // kept-alive response.
  server.set_tcp_nodelay(true);
  server.set_payload_max_length(tessera::store::kMaxSealedBase64 + 4096);
  server.set_file_extension_and_mimetype_mapping("mjs", "text/javascript");
  server.set_file_extension_and_mimetype_mapping("js", "text/javascript");
  server.set_file_extension_and_mimetype_mapping("wasm", "application/wasm");
  for (const auto& [prefix, dir] : opt.mounts) {
    if (!server.set_mount_point(prefix, dir)) {
      std::cerr << "tessera-collector: cannot serve " << dir << "\n";
      return 1;
    }
  }
  Collector collector(opt, *store);
  collector.install(server);

  int port = opt.port;
  if (port == 0) {
    port = server.bind_to_any_port(opt.host);
  } else if (!server.bind_to_port(opt.host, port)) {
    port = -1;
  }
  if (port < 0) {
    std::cerr << "tessera-collector: cannot listen on " << opt.host << ":" << opt.port << "\n";
    return 1;
  }
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  std::thread stopper([&] {
    while (!g_stop) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    server.stop();
  });
  std::cout << "tessera-collector listening on http://" << opt.host << ":" << port << "/ ("
            << store->backend() << ")" << std::endl;
  server.listen_after_bind();
  g_stop = true;
  stopper.join();
  return 0;
}
