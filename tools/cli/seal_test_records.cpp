// `tessera seal-test-records`: synthetic sealed records for the report's
// end-to-end test and benchmark. Hidden from the usage text: its records
// are fake and its ephemeral keys come from a seeded generator, which is
// fine for test data and wrong for anything else.
//
// Surveys match tests/report/site-config.json: "gallery" (NPS, CSAT, CES,
// comment, contact + email) and "service" (NPS, SERVQUAL items with
// weights, delivered value). About one response in eight leaves a partial
// record after its first page, and a third of those never finish.
#include <sqlite3.h>

#include <cstdio>
#include <iostream>
#include <random>
#include <thread>
#include <vector>

#include "cli/report_command.hpp"
#include "store/files.hpp"
#include "store/merchant_key.hpp"
#include "store/response_store.hpp"
#include "tessera/common/json.hpp"
#include "tessera/crypto/encoding.hpp"

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
    bool service = index % 4 == 3;
    int day = uniform(0, days - 1);
    std::int64_t at = kLastDayMs - static_cast<std::int64_t>(days - 1 - day) * 86400000 +
                      uniform(0, 86399) * 1000LL;
    int nps = nps_score(day, days);
    const char* cls = nps <= 6 ? "detractor" : nps <= 8 ? "passive" : "promoter";
    Json answers = {{"nps", nps}};
    Json record = {{"v", 1},
                   {"surveyId", service ? "service" : "gallery"},
                   {"surveyVersion", 1},
                   {"responseId", rid},
                   {"locale", "en"},
                   {"startedAt", at - 60000},
                   {"calculated", Json::object()},
                   {"npsClass", {{"nps", cls}}}};
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
    if (!service) {
      if (uniform(0, 2) > 0) answers["comment"] = kComments[uniform(0, 7)];
      answers["csat"] = std::min(5, std::max(1, nps / 2));
      answers["ces"] = uniform(std::max(1, nps / 2), 7);
      if (nps <= 6 && uniform(0, 1) == 0) {
        answers["contact"] = true;
        answers["email"] = std::string(rid) + "@example.test";
      }
    } else {
      int weights[5] = {20, 30, 20, 15, 15};
      for (int d = 0; d < 5; ++d) {
        std::string stem = std::string("servqual.") + kDimensions[d] + ".1.";
        int e = uniform(5, 7);
        answers[stem + "expectation"] = e;
        answers[stem + "perception"] = std::max(1, std::min(7, e - uniform(-1, 3 - d / 2)));
        answers[std::string("servqual.weight.") + kDimensions[d]] = weights[d];
      }
      for (const char* v : {"product", "service", "personnel", "image"}) {
        answers[std::string("cdv.value.") + v] = uniform(3, 7);
      }
      for (const char* c : {"monetary", "time", "energy", "psychic"}) {
        answers[std::string("cdv.cost.") + c] = uniform(1, 5);
      }
    }
    record["kind"] = "final";
    record["idempotencyKey"] = rid;
    record["completedAt"] = at + 42000;
    record["answers"] = answers;
    push(out, record);
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
  if (db_path.empty() || store::ResponseStore::is_postgres_url(db_path)) {
    return std::cerr << "seal-test-records needs --db SQLITE_FILE\n", 1;
  }
  long long count = std::atoll(get("count", "500").c_str());
  int days = std::atoi(get("days", "30").c_str());
  int threads = std::max(1, std::atoi(get("threads", "1").c_str()));
  long long wrong = std::atoll(get("wrong-key", "0").c_str());
  long long tampered = std::atoll(get("tampered", "0").c_str());
  std::string plain_out = get("plain-out", "");
  if (count < 0 || days < 1) return std::cerr << "bad --count or --days\n", 1;
  {  // creates the collector's tables, exactly as the collector would
    auto store = store::ResponseStore::open(db_path);
    if (!store.ok()) return std::cerr << store.status().message() << "\n", 1;
  }
  // One transaction without fsync per row: a million single-row commits
  // would take an hour, and this is throwaway test data.
  sqlite3* db = nullptr;
  if (sqlite3_open(db_path.c_str(), &db) != SQLITE_OK) return 1;
  sqlite3_exec(db, "PRAGMA synchronous=OFF; BEGIN", nullptr, nullptr, nullptr);
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db,
                     "INSERT OR IGNORE INTO responses (idempotency_key, site, survey_id, kind, "
                     "sealed, received_at_ms) VALUES (?, 'demo-shop', ?, ?, ?, ?)",
                     -1, &insert, nullptr);
  std::FILE* plain = plain_out.empty() ? nullptr : std::fopen(plain_out.c_str(), "wb");
  RecordMaker maker(std::stoull(get("seed", "7")));
  crypto::PublicKey stranger = crypto::generate_keypair().public_key;
  std::int64_t received = kLastDayMs, stored = 0;
  std::vector<Pending> batch;
  auto flush = [&]() {
    seal_all(batch, keys->public_key, stranger, threads);
    for (const Pending& p : batch) {
      sqlite3_bind_text(insert, 1, p.key.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(insert, 2, p.survey.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(insert, 3, p.kind.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(insert, 4, p.sealed.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64(insert, 5, ++received);
      if (sqlite3_step(insert) == SQLITE_DONE) ++stored;
      sqlite3_reset(insert);
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
  sqlite3_finalize(insert);
  bool ok = sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK;
  sqlite3_close(db);
  if (plain != nullptr) std::fclose(plain);
  std::cerr << "seal-test-records: " << stored << " records stored\n";
  return ok ? 0 : 1;
}

}  // namespace tessera::cli
