// Decoding stored LDP reports in the report: encodings with and without
// their domain, and every way a stored row can fail to fit.
#include <gtest/gtest.h>

#include "report/private_stats.hpp"

namespace tessera::report {
namespace {

std::map<std::string, privacy::MetricSpec> specs() {
  Json config = parse_json(R"({"personalization":{"privacy":{"metrics":[
      {"metric":"size","mechanism":"rr","domain":4,"epsilon":2},
      {"metric":"fav","mechanism":"oue","domain":3,"epsilon":1}]}}})")
                    .value();
  return metric_specs_from_site_config(config).value();
}

const PrivateStatistic& find(const std::vector<PrivateStatistic>& all, const std::string& enc) {
  for (const auto& s : all) {
    if (s.encoding == enc) return s;
  }
  ADD_FAILURE() << "no group " << enc;
  return all.front();
}

TEST(PrivateStats, DomainInTheEncodingIsCheckedAgainstTheConfig) {
  PrivateStatsBuilder stats(specs());
  for (int i = 0; i < 10; ++i) stats.add("shop", "size", 2.0, "rr-4", std::to_string(i % 4));
  stats.add("shop", "size", 2.0, "rr", "3");    // bare: the config's domain
  stats.add("shop", "size", 2.0, "rr-5", "4");  // made under another config
  stats.add("shop", "size", 2.0, "rr-x", "1");
  stats.add("shop", "size", 2.0, "rr-4", "4");  // outside the domain
  auto all = stats.finish();
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(find(all, "rr-4").reports, 10);
  EXPECT_EQ(find(all, "rr-4").rejected, 1);
  EXPECT_EQ(find(all, "rr-4").estimates.size(), 4u);
  EXPECT_EQ(find(all, "rr").reports, 1);
  EXPECT_EQ(find(all, "rr-5").rejected, 1);
  EXPECT_NE(find(all, "rr-5").note.find("another domain"), std::string::npos);
  EXPECT_EQ(find(all, "rr-x").rejected, 1);
  EXPECT_NE(find(all, "rr-x").note.find("unknown encoding"), std::string::npos);
}

TEST(PrivateStats, UnaryReportsAsBase64OrBitArrays) {
  PrivateStatsBuilder stats(specs());
  // The core's delivery form: base64 only.
  stats.add("shop", "fav", 1.0, "oue-3", "\"BQ==\"");  // bits 0 and 2
  stats.add("shop", "fav", 1.0, "oue-3", "\"CA==\"");  // bit 3 is padding
  stats.add("shop", "fav", 1.0, "oue-3", "[0,1,0]");
  // Bare "oue": base64 or one 0/1 per value.
  stats.add("shop", "fav", 1.0, "oue", "\"BQ==\"");
  stats.add("shop", "fav", 1.0, "oue", "[0,1,0]");
  stats.add("shop", "fav", 1.0, "oue", "[0,1]");  // not one bit per value
  stats.add("shop", "fav", 1.0, "oue", "[0,2,0]");
  stats.add("shop", "fav", 1.0, "oue", "\"CA==\"");
  stats.add("shop", "nope", 1.0, "oue-3", "\"BQ==\"");  // no spec
  auto all = stats.finish();
  EXPECT_EQ(find(all, "oue-3").reports, 1);
  EXPECT_EQ(find(all, "oue-3").rejected, 2);
  EXPECT_EQ(find(all, "oue").reports, 2);
  EXPECT_EQ(find(all, "oue").rejected, 3);
  bool nope = false;
  for (const auto& s : all) {
    if (s.metric == "nope") {
      nope = true;
      EXPECT_EQ(s.rejected, 1);
      EXPECT_NE(s.note.find("no metric"), std::string::npos);
    }
  }
  EXPECT_TRUE(nope);
}

}  // namespace
}  // namespace tessera::report
