// `tessera seal-test-records`: synthetic sealed records for the report's
// end-to-end test and benchmark. Hidden from the usage text: its records
// are fake and its ephemeral keys come from a seeded generator, which is
// fine for test data and wrong for anything else.
//
// Surveys match tests/report/site-config.json: "gallery" (NPS, comment,
// CSAT, CES, and a recovery step for detractors, half of whom leave an
// address), "service" (the shipped SERVQUAL template: 1-7 matrices of
// expectations, then perceptions) and "value" (the shipped customer
// delivered value template). About one response in eight leaves a partial
// record after its first page, and a third of those never finish.
// --ldp N adds N private-statistics reports per metric of that config,
// randomized by the core's mechanisms from a known distribution.
#include <sqlite3.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <random>
#include <thread>
#include <vector>

#include "cli/report_command.hpp"
#include "store/files.hpp"
#include "store/merchant_key.hpp"
#include "store/response_store.hpp"
#include "tessera/common/json.hpp"
#include "tessera/crypto/encoding.hpp"
#include "tessera/privacy/mechanism.hpp"

namespace tessera::cli {
namespace {

constexpr std::int64_t kLastDayMs = 1763856000000;  // 2025-11-23T00:00:00Z
constexpr const char* kDimensions[] = {"tangibles", "reliability", "responsiveness", "assurance",
                                       "empathy"};
constexpr const char* kComments[] = {
    "Fast delivery, great fit.",
    "The parcel was late & the box was damaged.",
    "Support never answered my e-mail.",
    "<script>alert('x')</script> nice try",
    "<img src=\"http://example.com/pixel.png\"> Good value \"for money\"",
    "Sizes run small; had to return twice.",
    "Lovely packaging 🎁 and quick refund.",
    "OK I guess."};

struct Pending {
  std::string key, survey, kind, plain;
  crypto::EphemeralSecret ephemeral{};
  int damage = 0;  // 0 none, 1 wrong key, 2 tampered
  std::string sealed;
};

class RecordMaker {
 public:
  explicit RecordMaker(std::uint64_t seed) : rng_(seed) {}

  int uniform(int low, int high) { return std::uniform_int_distribution<int>(low, high)(rng_); }

  // Scores drift upwards over the period so the trend chart has a shape.
  int nps_score(int day, int days) {
    double lift = days > 1 ? 1.2 * day / (days - 1) : 0;
    int s = static_cast<int>(std::normal_distribution<double>(6.8 + lift, 2.6)(rng_) + 0.5);
    return std::min(10, std::max(0, s));
  }

  crypto::EphemeralSecret ephemeral() {
    crypto::EphemeralSecret e;
    for (auto& b : e) b = static_cast<std::uint8_t>(rng_());
    return e;
  }

  // One response: a final record and maybe a partial before it.
  void response(std::int64_t index, int days, std::vector<Pending>& out) {
    char rid[40];
    std::snprintf(rid, sizeof rid, "r-%08lld", static_cast<long long>(index));
    const char* survey = index % 4 == 2 ? "service" : index % 4 == 3 ? "value" : "gallery";
    bool gallery = std::string_view(survey) == "gallery";
    int day = uniform(0, days - 1);
    std::int64_t at = kLastDayMs - static_cast<std::int64_t>(days - 1 - day) * 86400000 +
                      uniform(0, 86399) * 1000LL;
    int nps = nps_score(day, days);
    Json record = {{"v", 1},
                   {"surveyId", survey},
                   {"surveyVersion", 1},
                   {"responseId", rid},
                   {"locale", "en"},
                   {"startedAt", at - 60000},
                   {"calculated", Json::object()},
                   {"npsClass", Json::object()},
                   {"variant", nullptr},
                   {"followUp", nullptr}};
    // First page, then the rest.
    Json answers = Json::object();
    if (gallery) {
      answers["nps"] = nps;
      record["npsClass"]["nps"] = nps <= 6 ? "detractor" : nps <= 8 ? "passive" : "promoter";
    } else if (std::string_view(survey) == "service") {
      for (int d = 0; d < 5; ++d) {
        answers[std::string("expectation_") + kDimensions[d]] = servqual_matrix(d, 5, 7);
      }
    } else {
      answers["cdv_value"] = Json::object();
      for (const char* v : {"product", "service", "personnel", "image"}) {
        answers["cdv_value"][v] = std::to_string(uniform(3, 7));
      }
    }
    // 1 in 24 abandons after the first page, 2 in 24 finish after a partial.
    int roll = uniform(0, 23);
    int partial = roll == 0 ? 1 : roll <= 2 ? 2 : 0;
    if (partial != 0) {
      Json p = record;
      p["kind"] = "partial";
      p["idempotencyKey"] = std::string(rid) + "-p1";
      p["completedAt"] = at;
      p["answers"] = answers;
      push(out, p);
      if (partial == 1) return;  // abandoned after the first page
    }
    if (gallery) {
      if (uniform(0, 2) > 0) answers["comment"] = kComments[uniform(0, 7)];
      answers["csat"] = std::min(5, std::max(1, nps / 2));
      answers["ces"] = uniform(std::max(1, nps / 2), 7);
      if (nps <= 6) {  // the recovery step's condition in the config
        bool consent = uniform(0, 1) == 0;
        answers["recovery_contact"] = consent;
        Json follow = {
            {"needed", true}, {"consent", consent}, {"channel", "email"}, {"goodwillPoints", 0}};
        if (consent) {
          answers["recovery_channel"] = std::string(rid) + "@example.test";
          follow["address"] = answers["recovery_channel"];
        }
        record["followUp"] = follow;
      } else {
        record["followUp"] = {
            {"needed", false}, {"consent", false}, {"channel", "email"}, {"goodwillPoints", 0}};
      }
    } else if (std::string_view(survey) == "service") {
      // Perceptions fall short of expectations, more so on the first dimensions.
      for (int d = 0; d < 5; ++d) {
        Json p = Json::object();
        for (const auto& cell : answers[std::string("expectation_") + kDimensions[d]].items()) {
          int e = std::stoi(cell.value().get<std::string>());
          p[cell.key()] = std::to_string(std::max(1, std::min(7, e - uniform(-1, 3 - d / 2))));
        }
        answers[std::string("perception_") + kDimensions[d]] = p;
      }
    } else {
      answers["cdv_cost"] = Json::object();
      for (const char* c : {"monetary", "time", "energy", "psychic"}) {
        answers["cdv_cost"][c] = std::to_string(uniform(1, 5));
      }
    }
    record["kind"] = "final";
    record["idempotencyKey"] = rid;
    record["completedAt"] = at + 42000;
    record["answers"] = answers;
    push(out, record);
  }

  // One SERVQUAL dimension's matrix: three items, "low".."high".
  Json servqual_matrix(int dimension, int low, int high) {
    Json m = Json::object();
    for (int item = 1; item <= 3; ++item) {
      m[std::string(kDimensions[dimension]) + std::to_string(item)] =
          std::to_string(uniform(low, high));
    }
    return m;
  }

  void push(std::vector<Pending>& out, const Json& record) {
    Pending p;
    p.key = record["idempotencyKey"];
    p.survey = record["surveyId"];
    p.kind = record["kind"];
    p.plain = dump_json(record);
    p.ephemeral = ephemeral();
    out.push_back(std::move(p));
  }

 private:
  std::mt19937_64 rng_;
};

// Private-statistics metrics of tests/report/site-config.json, each with
// the true distribution its devices are drawn from (weights in percent).
struct LdpMetric {
  const char* metric;
  const char* encoding;
  std::uint32_t domain;
  std::int64_t epsilon_millis;
  std::vector<int> weights;
};

const std::vector<LdpMetric>& ldp_metrics() {
  static const std::vector<LdpMetric> metrics = {
      {"favourite-category", "rr", 5, 1000, {40, 25, 15, 12, 8}},
      {"interests", "oue", 16, 2000, {20, 15, 12, 10, 8, 7, 6, 5, 4, 3, 3, 2, 2, 1, 1, 1}}};
  return metrics;
}

// Where the records go. SQLite: one transaction without fsync per row (a
// million single-row commits would take an hour, and this is throwaway test
// data). PostgreSQL: through the collector's own store, row by row.
class Sink {
 public:
  virtual ~Sink() = default;
  virtual bool response(const store::StoredResponse& r) = 0;  // false: not stored
  virtual bool report(const store::LdpReport& r) = 0;
  virtual bool finish() { return true; }
};

class SqliteBulkSink final : public Sink {
 public:
  explicit SqliteBulkSink(const std::string& path) {
    ok_ = sqlite3_open(path.c_str(), &db_) == SQLITE_OK &&
          sqlite3_exec(db_, "PRAGMA synchronous=OFF; BEGIN", nullptr, nullptr, nullptr) ==
              SQLITE_OK &&
          sqlite3_prepare_v2(db_,
                             "INSERT OR IGNORE INTO responses (idempotency_key, site, survey_id, "
                             "kind, sealed, received_at_ms) VALUES (?, ?, ?, ?, ?, ?)",
                             -1, &insert_, nullptr) == SQLITE_OK &&
          sqlite3_prepare_v2(db_,
                             "INSERT INTO ldp_reports (site, metric, epsilon, encoding, report, "
                             "received_hour_ms) VALUES (?, ?, ?, ?, ?, ?)",
                             -1, &insert_report_, nullptr) == SQLITE_OK;
  }
  ~SqliteBulkSink() override {
    sqlite3_finalize(insert_);
    sqlite3_finalize(insert_report_);
    sqlite3_close(db_);
  }
  bool ok() const { return ok_; }
  bool response(const store::StoredResponse& r) override {
    int i = 0;
    for (const std::string* t : {&r.idempotency_key, &r.site, &r.survey_id, &r.kind, &r.sealed}) {
      sqlite3_bind_text(insert_, ++i, t->c_str(), -1, SQLITE_TRANSIENT);
    }
    sqlite3_bind_int64(insert_, 6, r.received_at_ms);
    bool done = sqlite3_step(insert_) == SQLITE_DONE && sqlite3_changes(db_) == 1;
    sqlite3_reset(insert_);
    return done;
  }
  bool report(const store::LdpReport& r) override {
    sqlite3_bind_text(insert_report_, 1, r.site.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert_report_, 2, r.metric.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_double(insert_report_, 3, r.epsilon);
    sqlite3_bind_text(insert_report_, 4, r.encoding.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert_report_, 5, r.report_json.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(insert_report_, 6, r.received_hour_ms);
    bool done = sqlite3_step(insert_report_) == SQLITE_DONE;
    sqlite3_reset(insert_report_);
    return done;
  }
  bool finish() override {
    return sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK;
  }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
  sqlite3_stmt* insert_report_ = nullptr;
  bool ok_ = false;
};

class StoreSink final : public Sink {
 public:
  explicit StoreSink(store::ResponseStore& store) : store_(store) {}
  bool response(const store::StoredResponse& r) override {
    auto outcome = store_.insert(r);
    return outcome.ok() && *outcome == store::InsertOutcome::kInserted;
  }
  bool report(const store::LdpReport& r) override { return store_.insert_report(r).ok(); }

 private:
  store::ResponseStore& store_;
};

// Stores `count` randomized reports per metric; prints each metric's true
// counts as a JSON line on standard error ("ldp-truth {...}") for the test
// to compare with.
bool insert_ldp_reports(Sink& sink, long long count, std::uint64_t seed) {
  std::mt19937_64 truth_rng(seed);
  SeededRandom coins(seed_from_u64(seed), kStreamPrivacy);
  bool ok = true;
  for (const LdpMetric& m : ldp_metrics()) {
    auto epsilon = privacy::Epsilon::from_millis(m.epsilon_millis);
    auto rr = privacy::RandomizedResponse::create(m.domain, epsilon);
    auto oue = privacy::OptimizedUnaryEncoding::create(m.domain, epsilon);
    std::discrete_distribution<std::uint32_t> pick(m.weights.begin(), m.weights.end());
    std::vector<long long> truth(m.domain, 0);
    for (long long i = 0; i < count; ++i) {
      std::uint32_t value = pick(truth_rng);
      ++truth[value];
      std::string report = std::string_view(m.encoding) == "rr"
                               ? std::to_string(rr->encode(value, coins))
                               : dump_json(Json(crypto::base64_encode(oue->encode(value, coins))));
      store::LdpReport stored{"demo-shop", m.metric, static_cast<double>(m.epsilon_millis) / 1000,
                              m.encoding,  report,   kLastDayMs};
      ok = sink.report(stored) && ok;
    }
    std::cerr << "ldp-truth " << dump_json(Json{{"metric", m.metric}, {"counts", truth}}) << "\n";
  }
  return ok;
}

void seal_all(std::vector<Pending>& batch, const crypto::PublicKey& to,
              const crypto::PublicKey& stranger, int threads) {
  auto work = [&](std::size_t first) {
    for (std::size_t i = first; i < batch.size(); i += static_cast<std::size_t>(threads)) {
      Pending& p = batch[i];
      auto box = crypto::seal(p.plain, p.damage == 1 ? stranger : to, p.ephemeral);
      if (!box.ok()) continue;
      if (p.damage == 2) (*box)[box->size() / 2] ^= 0x01;
      p.sealed = crypto::base64_encode(*box);
    }
  };
  std::vector<std::thread> workers;
  for (int t = 1; t < threads; ++t) workers.emplace_back(work, static_cast<std::size_t>(t));
  work(0);
  for (auto& w : workers) w.join();
}

}  // namespace

int run_seal_test_records(const Options& options) {
  auto get = [&](const char* name, const char* fallback) {
    auto it = options.find(name);
    return it == options.end() || it->second.empty() ? std::string(fallback) : it->second;
  };
  auto keys = store::load_key_file(get("key", ""));
  if (!keys.ok()) return std::cerr << keys.status().to_string() << "\n", 1;
  std::string db_path = get("db", "");
  if (db_path.empty()) return std::cerr << "seal-test-records needs --db WHERE\n", 1;
  long long count = std::atoll(get("count", "500").c_str());
  int days = std::atoi(get("days", "30").c_str());
  int threads = std::max(1, std::atoi(get("threads", "1").c_str()));
  long long wrong = std::atoll(get("wrong-key", "0").c_str());
  long long tampered = std::atoll(get("tampered", "0").c_str());
  std::string plain_out = get("plain-out", "");
  long long ldp = std::atoll(get("ldp", "0").c_str());
  if (count < 0 || days < 1) return std::cerr << "bad --count or --days\n", 1;
  // Opening creates the collector's tables, exactly as the collector would.
  auto store = store::ResponseStore::open(db_path);
  if (!store.ok()) return std::cerr << store.status().message() << "\n", 1;
  std::unique_ptr<Sink> sink;
  if (store::ResponseStore::is_postgres_url(db_path)) {
    sink = std::make_unique<StoreSink>(**store);
  } else {
    store->reset();  // the bulk writer takes the file
    auto bulk = std::make_unique<SqliteBulkSink>(db_path);
    if (!bulk->ok()) return std::cerr << "cannot write " << db_path << "\n", 1;
    sink = std::move(bulk);
  }
  std::FILE* plain = plain_out.empty() ? nullptr : std::fopen(plain_out.c_str(), "wb");
  RecordMaker maker(std::stoull(get("seed", "7")));
  crypto::PublicKey stranger = crypto::generate_keypair().public_key;
  std::int64_t received = kLastDayMs, stored = 0;
  std::vector<Pending> batch;
  auto flush = [&]() {
    seal_all(batch, keys->public_key, stranger, threads);
    for (const Pending& p : batch) {
      if (sink->response({p.key, "demo-shop", p.survey, p.kind, p.sealed, ++received})) ++stored;
      if (plain != nullptr && p.damage == 0) std::fprintf(plain, "%s\n", p.plain.c_str());
    }
    batch.clear();
  };
  for (long long i = 0; i < count + wrong + tampered; ++i) {
    std::size_t before = batch.size();
    maker.response(i, days, batch);
    int damage = i < count ? 0 : i < count + wrong ? 1 : 2;
    for (std::size_t k = before; k < batch.size(); ++k) batch[k].damage = damage;
    if (batch.size() >= 8192) flush();
  }
  flush();
  bool ok = ldp <= 0 || insert_ldp_reports(*sink, ldp, std::stoull(get("seed", "7")));
  ok = sink->finish() && ok;
  if (plain != nullptr) std::fclose(plain);
  std::cerr << "seal-test-records: " << stored << " records stored\n";
  return ok ? 0 : 1;
}

}  // namespace tessera::cli
