// The collector's admission rules (CORS origins, token buckets) and flags.
#include <gtest/gtest.h>

#include "collector/admission.hpp"
#include "collector/options.hpp"

namespace tessera::collector {
namespace {

TEST(OriginPolicy, AllowsOnlyConfiguredOriginsAndItsOwn) {
  OriginPolicy policy({"https://shop.example"});
  EXPECT_TRUE(policy.allows("", "collector.example")) << "no Origin: not a browser page";
  EXPECT_TRUE(policy.allows("https://shop.example", "collector.example"));
  EXPECT_TRUE(policy.allows("http://127.0.0.1:8080", "127.0.0.1:8080")) << "same origin";
  EXPECT_FALSE(policy.allows("https://evil.example", "collector.example"));
  EXPECT_FALSE(policy.allows("https://shop.example.evil", "collector.example"));
  EXPECT_EQ(policy.allow_header("https://shop.example"), "https://shop.example");
  EXPECT_EQ(policy.allow_header("https://evil.example"), "");
  EXPECT_FALSE(policy.allows_any());
}

TEST(OriginPolicy, WildcardOnlyWhenAskedFor) {
  EXPECT_EQ(OriginPolicy().allow_header("https://a.example"), "");
  OriginPolicy any({"*"});
  EXPECT_TRUE(any.allows_any());
  EXPECT_TRUE(any.allows("https://a.example", "c.example"));
  EXPECT_EQ(any.allow_header("https://a.example"), "*");
}

TEST(RateLimiter, SpendsTheBurstThenRefillsAtTheRate) {
  RateLimiter limiter(2.0, 3.0);  // 2 per second, 3 at once
  std::int64_t t = 1000000;
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.admit("a", t).allowed) << i;
  auto refused = limiter.admit("a", t);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after_s, 1);
  EXPECT_TRUE(limiter.admit("b", t).allowed) << "buckets are per client";
  EXPECT_FALSE(limiter.admit("a", t + 400).allowed) << "0.8 of a token is not enough";
  EXPECT_TRUE(limiter.admit("a", t + 600).allowed) << "1.2 tokens after 600 ms";
  EXPECT_FALSE(limiter.admit("a", t + 600).allowed);
  EXPECT_TRUE(limiter.admit("a", t + 60000).allowed) << "refills up to the burst";
}

TEST(RateLimiter, SlowRatesGiveLongerRetryAfter) {
  RateLimiter limiter(1.0 / 60, 1.0);  // one a minute
  EXPECT_TRUE(limiter.admit("a", 0).allowed);
  EXPECT_EQ(limiter.admit("a", 0).retry_after_s, 60);
}

TEST(RateLimiter, OffWhenTheRateIsZeroAndForgetsIdleClients) {
  RateLimiter off(0, 1);
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(off.admit("a", 0).allowed);
  RateLimiter limiter(10.0, 2.0);
  for (int i = 0; i < 5000; ++i) limiter.admit("client-" + std::to_string(i), 0);
  // Every bucket is full again a second later, so the next admit prunes them.
  limiter.admit("late", 1000);
  EXPECT_LT(limiter.tracked_clients(), 10u);
}

TEST(CollectorOptions, ParsesEveryFlag) {
  const char* argv[] = {"tessera-collector",
                        "--db",
                        "postgresql://u@127.0.0.1:5/d",
                        "--port",
                        "0",
                        "--allow-origin",
                        "https://a.example",
                        "--allow-origin",
                        "http://localhost:3000",
                        "--rate",
                        "5/s",
                        "--burst",
                        "10",
                        "--threads",
                        "4",
                        "--db-connections",
                        "2",
                        "--csp"};
  CollectorOptions o;
  ASSERT_EQ(parse_collector_options(static_cast<int>(std::size(argv)), argv, o), "");
  EXPECT_EQ(o.db, "postgresql://u@127.0.0.1:5/d");
  EXPECT_EQ(o.port, 0);
  EXPECT_EQ(o.allow_origins.size(), 2u);
  EXPECT_DOUBLE_EQ(o.rate_per_second, 5.0);
  EXPECT_DOUBLE_EQ(o.burst, 10.0);
  EXPECT_EQ(o.threads, 4);
  EXPECT_EQ(o.db_connections, 2);
  EXPECT_TRUE(o.csp);
}

TEST(CollectorOptions, RefusesBadValues) {
  auto parse = [](std::vector<const char*> args) {
    args.insert(args.begin(), "tessera-collector");
    CollectorOptions o;
    return parse_collector_options(static_cast<int>(args.size()), args.data(), o);
  };
  EXPECT_NE(parse({"--allow-origin", "https://a.example/"}), "") << "an origin has no path";
  EXPECT_NE(parse({"--allow-origin", "a.example"}), "");
  EXPECT_EQ(parse({"--allow-origin", "*"}), "");
  EXPECT_NE(parse({"--rate", "fast"}), "");
  EXPECT_NE(parse({"--port", "70000"}), "");
  EXPECT_NE(parse({"--burst", "0"}), "");
  EXPECT_NE(parse({"--db"}), "");
  EXPECT_NE(parse({"--bogus", "1"}), "");
  double per_second = 0;
  ASSERT_TRUE(parse_rate("30/m", per_second));
  EXPECT_DOUBLE_EQ(per_second, 0.5);
  ASSERT_TRUE(parse_rate("0", per_second));
  EXPECT_DOUBLE_EQ(per_second, 0.0);
}

}  // namespace
}  // namespace tessera::collector
