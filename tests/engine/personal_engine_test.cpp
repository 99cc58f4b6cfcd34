// personal.rank through Engine::call (its value written as text) and
// through dispatch (parsed back for native callers) agree, for the config's
// offers, offers set at run time and a one-off list; errors are the same.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "tessera/engine/engine.hpp"

namespace tessera::engine {
namespace {

Json golden(const char* name) {
  std::ifstream in(std::string(TESSERA_SOURCE_DIR) + "/tests/golden/personal/" + name);
  std::ostringstream ss;
  ss << in.rdbuf();
  return *parse_json(ss.str(), {4u << 20, 64});
}

TEST(PersonalRank, TextAndDispatchAgree) {
  const Json vector = golden("05-offers-interest-delivery.json");
  auto engine = Engine::create(dump_json(vector["config"]));
  ASSERT_TRUE(engine.ok()) << engine.status().to_string();
  int ranks = 0;
  for (const Json& c : vector["calls"]) {
    const std::string method = c["method"].get<std::string>();
    if (method == "personal.rank") {
      const std::string text = engine->call(method, dump_json(c["args"]));
      auto direct = engine->dispatch(method, c["args"]);
      if (direct.ok()) {
        EXPECT_EQ(text, "{\"ok\":true,\"value\":" + dump_json(*direct) + "}");
        ++ranks;
      } else {
        EXPECT_EQ(text, error_envelope(direct.status()));
      }
    } else {
      engine->call(method, dump_json(c["args"]));
    }
  }
  EXPECT_GE(ranks, 5);
}

TEST(PersonalRank, WithoutPersonalizationIsAPreconditionError) {
  auto engine = Engine::create(
      R"({"site":"s","endpoint":"/v1/responses","publicKey":"qBffQBqVcpKqYP/N9rRZMvCWok1DPbMiB3VO3jFFlko=","surveys":[]})");
  ASSERT_TRUE(engine.ok()) << engine.status().to_string();
  const std::string out = engine->call("personal.rank", R"({"now":0,"seed":"00"})");
  EXPECT_NE(out.find("failed_precondition"), std::string::npos) << out;
}

}  // namespace
}  // namespace tessera::engine
