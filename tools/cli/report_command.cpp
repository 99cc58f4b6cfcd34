// `tessera report`: opens every sealed record of a store with the
// merchant's key and writes the aggregate report; see report_command.hpp.
//
// Records are opened in batches: decryption (the costly part) runs on
// --threads workers, then the opened records are parsed and aggregated in
// store order on one thread, so the output does not depend on scheduling.
#include "cli/report_command.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <map>
#include <thread>
#include <vector>

#include "report/aggregate.hpp"
#include "report/render.hpp"
#include "store/files.hpp"
#include "store/merchant_key.hpp"
#include "store/response_store.hpp"
#include "tessera/crypto/encoding.hpp"

namespace tessera::cli {
namespace {

using Clock = std::chrono::steady_clock;

std::string get(const Options& o, const std::string& name, const std::string& fallback = "") {
  auto it = o.find(name);
  return it == o.end() || it->second.empty() ? fallback : it->second;
}

int fail(const std::string& message) {
  std::cerr << "tessera report: " << message << "\n";
  return 1;
}

struct Opened {
  std::string plain;
  std::string error;  // empty when opened
};

Opened open_one(const crypto::KeyPair& keys, const std::string& sealed_b64) {
  auto sealed = crypto::base64_decode(sealed_b64, "/sealed");
  if (!sealed.ok()) return {"", "not base64: " + sealed.status().message()};
  auto plain = crypto::open_sealed(*sealed, keys);
  if (!plain.ok()) return {"", plain.status().message()};
  return {std::move(*plain), ""};
}

struct Timing {
  double open_s = 0;       // base64 + decryption, wall time
  double aggregate_s = 0;  // JSON parsing + aggregation
};

class BatchOpener {
 public:
  BatchOpener(const crypto::KeyPair& keys, report::ReportBuilder& builder, int threads,
              Timing& timing)
      : keys_(keys), builder_(builder), threads_(threads), timing_(timing) {}

  void add(const store::StoredResponse& r) {
    batch_.push_back(r);
    if (batch_.size() == kBatch) flush();
  }

  void flush() {
    auto t0 = Clock::now();
    std::vector<Opened> opened(batch_.size());
    auto work = [&](std::size_t first) {
      for (std::size_t i = first; i < batch_.size(); i += static_cast<std::size_t>(threads_)) {
        opened[i] = open_one(keys_, batch_[i].sealed);
      }
    };
    std::vector<std::thread> workers;
    for (int t = 1; t < threads_; ++t) workers.emplace_back(work, static_cast<std::size_t>(t));
    work(0);
    for (auto& w : workers) w.join();
    auto t1 = Clock::now();
    for (std::size_t i = 0; i < batch_.size(); ++i) {
      const std::string& key = batch_[i].idempotency_key;
      if (!opened[i].error.empty()) {
        builder_.add_failure(key, opened[i].error);
        continue;
      }
      auto doc = parse_json(opened[i].plain, {1u << 20, 16});
      if (!doc.ok()) {
        builder_.add_failure(key, "opened, but not JSON: " + doc.status().message());
        continue;
      }
      builder_.add_record(*doc, key);
    }
    auto t2 = Clock::now();
    timing_.open_s += std::chrono::duration<double>(t1 - t0).count();
    timing_.aggregate_s += std::chrono::duration<double>(t2 - t1).count();
    batch_.clear();
  }

 private:
  static constexpr std::size_t kBatch = 4096;
  const crypto::KeyPair& keys_;
  report::ReportBuilder& builder_;
  int threads_;
  Timing& timing_;
  std::vector<store::StoredResponse> batch_;
};

std::string utc_now() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
  return buf;
}

}  // namespace

int run_report(const Options& options) {
  std::string format = get(options, "format", "html");
  if (format != "html" && format != "csv" && format != "json") {
    return fail("--format is html, csv or json");
  }
  if (get(options, "db").empty()) return fail("report needs --db SQLITE_FILE|POSTGRES_URL");
  auto keys = store::load_key_file(get(options, "key"));
  if (!keys.ok()) return fail(keys.status().to_string());
  int threads = std::atoi(get(options, "threads", "1").c_str());
  if (threads < 1 || threads > 64) return fail("--threads is 1..64");

  report::SurveyCatalog catalog;
  std::map<std::string, privacy::MetricSpec> metric_specs;
  std::string site;
  if (!get(options, "config").empty()) {
    auto text = store::read_file(get(options, "config"));
    if (!text.ok()) return fail(text.status().message());
    auto doc = parse_json(*text, {8u << 20, 64});
    if (!doc.ok()) return fail("--config: " + doc.status().to_string());
    auto parsed = report::SurveyCatalog::from_site_config(*doc);
    if (!parsed.ok()) return fail("--config: " + parsed.status().to_string());
    catalog = std::move(*parsed);
    auto specs = report::metric_specs_from_site_config(*doc);
    if (!specs.ok()) return fail("--config: " + specs.status().to_string());
    metric_specs = std::move(*specs);
    if (doc->contains("site") && (*doc)["site"].is_string()) site = (*doc)["site"];
  }

  auto start = Clock::now();
  auto store = store::ResponseStore::open(get(options, "db"));
  if (!store.ok()) return fail(store.status().message());
  report::ReportBuilder builder(std::move(catalog));
  Timing timing;
  BatchOpener opener(*keys, builder, threads, timing);
  Status st = (*store)->for_each([&](const store::StoredResponse& r) { opener.add(r); });
  if (!st.ok()) return fail(st.message());
  opener.flush();
  // Private statistics are not sealed (they carry nothing personal): decoded as stored.
  report::PrivateStatsBuilder stats(std::move(metric_specs));
  st = (*store)->for_each_report([&](const store::LdpReport& r) {
    stats.add(r.site, r.metric, r.epsilon, r.encoding, r.report_json);
  });
  if (!st.ok()) return fail(st.message());
  auto t_render = Clock::now();
  report::Report result = builder.finish();
  result.private_stats = stats.finish();

  std::string out;
  if (format == "html") {
    std::string heading = site.empty() ? "Survey report" : "Survey report · " + site;
    // --generated fixes the subtitle, so tests can compare whole files.
    out = report::render_html(result, {heading, get(options, "generated", utc_now())});
  } else {
    out = format == "json" ? report::render_json(result) : report::render_csv(result);
  }
  std::string path = get(options, "out", "-");
  if (path == "-") {
    std::cout << out;
  } else {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr || std::fwrite(out.data(), 1, out.size(), f) != out.size() ||
        std::fclose(f) != 0) {
      return fail("cannot write " + path);
    }
  }
  auto end = Clock::now();
  double total = std::chrono::duration<double>(end - start).count();
  double read = total - timing.open_s - timing.aggregate_s -
                std::chrono::duration<double>(end - t_render).count();
  std::cerr << "tessera report: " << result.opened << " opened, " << result.failed.size()
            << " failed\n";
  if (options.count("timing") != 0) {
    std::fprintf(stderr,
                 "tessera report: total %.2f s; open (base64 + decrypt, %d thread%s) %.2f s "
                 "(%.0f%%); parse + aggregate %.2f s (%.0f%%); store read %.2f s; "
                 "finish + render %.2f s\n",
                 total, threads, threads == 1 ? "" : "s", timing.open_s,
                 100 * timing.open_s / total, timing.aggregate_s, 100 * timing.aggregate_s / total,
                 read, std::chrono::duration<double>(end - t_render).count());
  }
  return result.failed.empty() ? 0 : 2;
}

}  // namespace tessera::cli
