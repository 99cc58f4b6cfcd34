// PostgresResponseStore against a real server. Skipped unless TESSERA_PG_URL
// names a database (tests/collector/postgres.test.mjs starts a throw-away
// cluster and runs these with it set):
//   TESSERA_PG_URL=postgresql://postgres@127.0.0.1:PORT/gtest tessera_tool_tests
#include <atomic>
#include <cstdlib>
#include <random>
#include <set>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "store/response_store.hpp"

namespace tessera::store {
namespace {

// Keys unique to this run, so that reruns on one database do not collide.
std::string run_key(int i) {
  static const std::string prefix = [] {
    std::random_device rd;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%08x", static_cast<unsigned>(rd()));
    return std::string(buf);
  }();
  char tail[16];
  std::snprintf(tail, sizeof tail, "%012d", i);
  return prefix + "-0000-4000-8000-" + tail;
}

StoredResponse record(const std::string& key) {
  return StoredResponse{key, "shop", "nps", "final", "c2VhbGVk", 1700000000000};
}

class PostgresStore : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* url = std::getenv("TESSERA_PG_URL");
    if (!url || !*url) GTEST_SKIP() << "TESSERA_PG_URL is not set";
    StoreOptions options;
    options.max_connections = 3;
    auto opened = ResponseStore::open(url, options);
    ASSERT_TRUE(opened.ok()) << opened.status().to_string();
    store_ = std::move(opened).value();
    ASSERT_TRUE(store_->ping().ok()) << store_->ping().to_string();
  }
  std::unique_ptr<ResponseStore> store_;
};

TEST_F(PostgresStore, StoresOnceAndReadsBack) {
  EXPECT_EQ(store_->backend(), "postgresql");
  auto before = store_->count();
  ASSERT_TRUE(before.ok()) << before.status().to_string();
  StoredResponse r = record(run_key(1));
  EXPECT_EQ(*store_->insert(r), InsertOutcome::kInserted);
  EXPECT_EQ(*store_->insert(r), InsertOutcome::kDuplicate);
  EXPECT_EQ(*store_->count(), *before + 1);
  int seen = 0;
  ASSERT_TRUE(store_
                  ->for_each([&](const StoredResponse& s) {
                    if (s.idempotency_key != r.idempotency_key) return;
                    ++seen;
                    EXPECT_EQ(s.sealed, r.sealed);
                    EXPECT_EQ(s.received_at_ms, r.received_at_ms);
                    EXPECT_EQ(s.kind, "final");
                  })
                  .ok());
  EXPECT_EQ(seen, 1);
}

TEST_F(PostgresStore, ConcurrentInsertsOfOneKeySetStoreEachKeyOnce) {
  // Eight threads race on the same 25 keys through a pool of 3 connections.
  constexpr int kThreads = 8;
  constexpr int kKeys = 25;
  std::atomic<int> inserted{0};
  std::atomic<int> failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int k = 0; k < kKeys; ++k) {
        auto outcome = store_->insert(record(run_key(100 + k)));
        if (!outcome.ok()) {
          ++failed;
        } else if (*outcome == InsertOutcome::kInserted) {
          ++inserted;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(inserted.load(), kKeys);
}

TEST_F(PostgresStore, KeepsReportsWithoutKeys) {
  auto before = store_->count_reports();
  ASSERT_TRUE(before.ok()) << before.status().to_string();
  LdpReport report{"shop", "nps-bucket", 0.5,
                   "grr",  "[0,1]",      1700000000000 - 1700000000000 % 3600000};
  ASSERT_TRUE(store_->insert_report(report).ok());
  ASSERT_TRUE(store_->insert_report(report).ok()) << "reports have no key; both are kept";
  EXPECT_EQ(*store_->count_reports(), *before + 2);
  // Read back as tessera report does (it groups by site, metric, encoding).
  const std::string metric = "m-" + run_key(7).substr(0, 8);
  LdpReport mine{"shop", metric, 1.5, "rr-6", "5", report.received_hour_ms};
  ASSERT_TRUE(store_->insert_report(mine).ok());
  int seen = 0;
  ASSERT_TRUE(store_
                  ->for_each_report([&](const LdpReport& r) {
                    if (r.metric != metric) return;
                    ++seen;
                    EXPECT_EQ(r.encoding, "rr-6");
                    EXPECT_EQ(r.epsilon, 1.5);
                    EXPECT_EQ(r.report_json, "5");
                    EXPECT_EQ(r.received_hour_ms, report.received_hour_ms);
                  })
                  .ok());
  EXPECT_EQ(seen, 1);
}

TEST(PostgresStoreUrl, RefusesAnUnparsableUrl) {
  EXPECT_TRUE(ResponseStore::is_postgres_url("postgres://u@127.0.0.1/db"));
  EXPECT_TRUE(ResponseStore::is_postgres_url("postgresql://u@127.0.0.1/db"));
  EXPECT_FALSE(ResponseStore::is_postgres_url("var/responses.sqlite"));
  EXPECT_FALSE(ResponseStore::open("postgresql://u@127.0.0.1:notaport/db?bogus_option=1").ok());
}

TEST(PostgresStoreUrl, AnUnreachableServerIsReportedByCallsNotByOpen) {
  // Port 1 on loopback: nothing listens there, so connecting fails at once.
  auto store = ResponseStore::open("postgresql://u@127.0.0.1:1/db?connect_timeout=2");
  ASSERT_TRUE(store.ok()) << store.status().to_string();
  EXPECT_FALSE((*store)->ping().ok());
  EXPECT_FALSE((*store)->insert(record(run_key(0))).ok());
}

}  // namespace
}  // namespace tessera::store
