// Golden scenarios: tests/loyalty/scenarios/*.json hold a program, events
// and checks written by hand; each check's "expect" is compared as a subset
// of to_json(ledger, at) (objects: listed keys only; arrays: same length,
// element by element). The arithmetic is explained in each "why".
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "tessera/loyalty/ledger.hpp"
#include "tessera/loyalty/referral.hpp"

namespace tessera::loyalty {
namespace {

namespace fs = std::filesystem;

std::string subset_mismatch(const Json& want, const Json& got, const std::string& path) {
  if (want.is_object() && got.is_object()) {
    for (auto it = want.begin(); it != want.end(); ++it) {
      if (!got.contains(it.key())) return path + "/" + it.key() + " missing";
      std::string m = subset_mismatch(*it, got[it.key()], path + "/" + it.key());
      if (!m.empty()) return m;
    }
    return "";
  }
  if (want.is_array() && got.is_array()) {
    if (want.size() != got.size()) return path + ": length " + std::to_string(got.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
      std::string m = subset_mismatch(want[i], got[i], path + "/" + std::to_string(i));
      if (!m.empty()) return m;
    }
    return "";
  }
  return want == got ? "" : path + ": want " + want.dump() + ", got " + got.dump();
}

TEST(Scenarios, MatchHandWrittenExpectations) {
  std::vector<fs::path> files;
  for (const auto& e :
       fs::directory_iterator(fs::path(TESSERA_SOURCE_DIR) / "tests" / "loyalty" / "scenarios")) {
    if (e.path().extension() == ".json") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 3u);
  for (const auto& file : files) {
    std::ifstream in(file);
    std::stringstream ss;
    ss << in.rdbuf();
    auto doc = parse_json(ss.str());
    ASSERT_TRUE(doc.ok()) << file;
    auto program = parse_program_json((*doc)["program"]);
    ASSERT_TRUE(program.ok()) << file << ": " << program.status().to_string();
    std::vector<Event> events;
    for (std::size_t i = 0; i < (*doc)["events"].size(); ++i) {
      auto e = parse_event_json((*doc)["events"][i], "/events/" + std::to_string(i));
      ASSERT_TRUE(e.ok()) << file << ": " << e.status().to_string();
      events.push_back(*e);
    }
    for (const Json& check : (*doc)["checks"]) {
      std::int64_t at = check["at"].get<std::int64_t>();
      // The state at `at` is the replay of the events up to `at`.
      std::vector<Event> known;
      for (const Event& e : events) {
        if (e.at <= at) known.push_back(e);
      }
      Ledger ledger = Ledger::replay(*program, known);
      Json got = to_json(ledger, at);
      if (check.contains("preview")) {
        auto cart = parse_event_json(check["preview"], "/preview");
        ASSERT_TRUE(cart.ok());
        auto p = ledger.preview(*cart, at);
        ASSERT_TRUE(p.ok());
        got["preview"] = to_json(*p, ledger.program());
      }
      std::string m = subset_mismatch(check["expect"], got, "");
      EXPECT_TRUE(m.empty()) << file.filename() << " at " << at << ": " << m
                             << "\n  why: " << check.value("why", "") << "\n  got: " << got.dump();
    }
  }
}

TEST(Referral, CodesAreStableKeyedAndForgiving) {
  ReferralKey key{};
  key[0] = 1;
  auto code = referral_code("member-42", key, 8);
  ASSERT_TRUE(code.ok());
  EXPECT_EQ(code->size(), 8u);
  EXPECT_EQ(*referral_code("member-42", key, 8), *code);
  EXPECT_TRUE(check_referral_code("member-42", *code, key));
  std::string lower = *code;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_TRUE(check_referral_code("member-42", lower, key));
  EXPECT_FALSE(check_referral_code("member-43", *code, key));
  ReferralKey other = key;
  other[1] = 9;
  EXPECT_NE(*referral_code("member-42", other, 8), *code);
  EXPECT_FALSE(referral_code("", key, 8).ok());
}

}  // namespace
}  // namespace tessera::loyalty
