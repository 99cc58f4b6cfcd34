// Engine::call answers survey.answer on a faster path than dispatch() (the
// view is written from the session's cached JSON text). Both must give the
// same bytes: every golden vector is run through call() in one engine and
// through dispatch() + ok_envelope in another, call by call.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "tessera/engine/engine.hpp"

namespace tessera::engine {
namespace {

namespace fs = std::filesystem;

std::string reference_call(Engine& engine, const std::string& method, const std::string& args) {
  auto parsed = parse_json(args, {1u << 20, 16});
  if (!parsed.ok()) return error_envelope(parsed.status());
  auto result = engine.dispatch(method, *parsed);
  return result.ok() ? ok_envelope(*result) : error_envelope(result.status());
}

TEST(AnswerEnvelope, CallMatchesDispatchOnEveryGoldenVector) {
  int answers = 0;
  for (const auto& e :
       fs::recursive_directory_iterator(fs::path(TESSERA_SOURCE_DIR) / "tests" / "golden")) {
    std::string name = e.path().filename().string();
    if (e.path().extension() != ".json" || name.find(".expected") != std::string::npos) continue;
    std::ifstream in(e.path());
    std::stringstream text;
    text << in.rdbuf();
    Json vector = Json::parse(text.str());
    auto fast = Engine::create(dump_json(vector["config"]));
    auto reference = Engine::create(dump_json(vector["config"]));
    if (!fast.ok() || !reference.ok()) continue;
    for (const Json& c : vector["calls"]) {
      std::string method = c["method"].get<std::string>();
      std::string args = dump_json(c["args"]);
      if (method == "survey.answer") ++answers;
      ASSERT_EQ(fast->call(method, args), reference_call(*reference, method, args))
          << name << ": " << method << " " << args;
    }
  }
  EXPECT_GE(answers, 20);
}

}  // namespace
}  // namespace tessera::engine
