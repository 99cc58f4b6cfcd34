// `tessera-collector`: receives sealed survey records and stores them in
// SQLite without being able to read them (it never holds the merchant's
// secret key). It can also serve static folders, so that the demo shop and
// the web build come from one 127.0.0.1 origin.
//
//   tessera-collector --db var/responses.sqlite --port 8080
//       --mount /=examples/demo --mount /tessera=build/web --csp
//
// API (docs/collector.md):
//   POST /v1/responses  body from the engine's survey.complete delivery
//                       201 stored | 200 duplicate (same idempotency key)
//                       400 malformed (JSON error with a pointer) | 413 too large
//   GET  /healthz       200 {"ok":true,"records":N}
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/intake.hpp"
#include "store/response_store.hpp"
#include "tessera/common/json.hpp"

namespace {

std::atomic<bool> g_stop{false};
void on_signal(int) { g_stop = true; }

// A strict policy: no inline script or style, no eval; wasm compilation is
// allowed explicitly. The widget must work under it (tested in Chromium).
constexpr const char* kStrictCsp =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

struct Options {
  std::string db = "var/responses.sqlite";
  std::string host = "127.0.0.1";
  int port = 8080;
  bool csp = false;
  std::vector<std::pair<std::string, std::string>> mounts;
};

bool parse_options(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--db") {
      o.db = value();
    } else if (a == "--host") {
      o.host = value();
    } else if (a == "--port") {
      o.port = std::atoi(value().c_str());
    } else if (a == "--csp") {
      o.csp = true;
    } else if (a == "--mount") {
      std::string m = value();
      auto eq = m.find('=');
      if (eq == std::string::npos) return false;
      o.mounts.emplace_back(m.substr(0, eq), m.substr(eq + 1));
    } else {
      return false;
    }
  }
  return o.port >= 0 && o.port <= 65535;
}

std::int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

void reply_json(httplib::Response& res, int status, const tessera::Json& body) {
  res.status = status;
  res.set_content(tessera::dump_json(body), "application/json");
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  if (!parse_options(argc, argv, opt)) {
    std::cerr << "usage: tessera-collector [--db FILE] [--host 127.0.0.1] [--port 8080] "
                 "[--mount /prefix=DIR]... [--csp]\n";
    return 1;
  }
  auto opened = tessera::store::ResponseStore::open(opt.db);
  if (!opened.ok()) {
    std::cerr << "tessera-collector: " << opened.status().message() << "\n";
    return 1;
  }
  std::unique_ptr<tessera::store::ResponseStore> store = std::move(opened).value();
  std::mutex store_mutex;

  httplib::Server server;
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
  server.set_post_routing_handler([&](const httplib::Request&, httplib::Response& res) {
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    if (!res.has_header("Cache-Control")) res.set_header("Cache-Control", "no-cache");
    if (opt.csp) res.set_header("Content-Security-Policy", kStrictCsp);
  });

  server.Post("/v1/responses", [&](const httplib::Request& req, httplib::Response& res) {
    auto delivery = tessera::store::parse_delivery(req.body, now_ms());
    if (!delivery.ok()) {
      const auto& st = delivery.status();
      int status = st.code() == tessera::Code::kLimitExceeded ? 413 : 400;
      reply_json(res, status,
                 {{"error",
                   {{"code", std::string(tessera::code_name(st.code()))},
                    {"message", st.message()},
                    {"path", st.path()}}}});
      return;
    }
    std::lock_guard<std::mutex> lock(store_mutex);
    auto outcome = store->insert(*delivery);
    if (!outcome.ok()) {
      std::cerr << "tessera-collector: " << outcome.status().message() << "\n";
      reply_json(res, 503, {{"error", {{"code", "unavailable"}, {"message", "storage failed"}}}});
      return;
    }
    bool inserted = *outcome == tessera::store::InsertOutcome::kInserted;
    reply_json(res, inserted ? 201 : 200, {{"stored", inserted}, {"duplicate", !inserted}});
  });
  server.Get("/healthz", [&](const httplib::Request&, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(store_mutex);
    auto n = store->count();
    if (!n.ok()) {
      reply_json(res, 503, {{"ok", false}});
      return;
    }
    reply_json(res, 200, {{"ok", true}, {"records", *n}});
  });
  // Oversized bodies are refused by httplib before our handler runs.
  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.status == 413) {
      reply_json(res, 413,
                 {{"error", {{"code", "limit_exceeded"}, {"message", "body too large"}}}});
    }
  });

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
  std::cout << "tessera-collector listening on http://" << opt.host << ":" << port << "/"
            << std::endl;
  server.listen_after_bind();
  g_stop = true;
  stopper.join();
  return 0;
}
