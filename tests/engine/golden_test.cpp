// Golden vectors: each tests/golden/<area>/<name>.json holds a site config
// and a list of engine calls; <name>.expected.jsonl holds, line by line, the
// envelope of creating the engine (its site.info) and of every call. The
// wasm build runs the same files in Node (tests/wasm/golden.test.mjs), so
// native and wasm must agree byte for byte.
//
// TESSERA_UPDATE_GOLDEN=1 rewrites the expected files; review the diff.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "tessera/engine/engine.hpp"

namespace tessera::engine {
namespace {

namespace fs = std::filesystem;

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs one vector and returns its output lines joined with '\n'.
std::string run_vector(const Json& vector) {
  std::string out;
  auto engine = Engine::create(dump_json(vector["config"]));
  if (!engine.ok()) return error_envelope(engine.status()) + "\n";
  out += engine->call("site.info", "{}") + "\n";
  for (const Json& c : vector["calls"]) {
    out += engine->call(c["method"].get<std::string>(), dump_json(c["args"])) + "\n";
  }
  return out;
}

std::vector<fs::path> vectors() {
  std::vector<fs::path> files;
  for (const auto& e :
       fs::recursive_directory_iterator(fs::path(TESSERA_SOURCE_DIR) / "tests" / "golden")) {
    std::string name = e.path().filename().string();
    if (e.path().extension() == ".json" && name.find(".expected") == std::string::npos) {
      files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(Golden, NativeMatchesExpectedFiles) {
  auto files = vectors();
  ASSERT_GE(files.size(), 5u) << "golden vectors missing";
  bool update = std::getenv("TESSERA_UPDATE_GOLDEN") != nullptr;
  for (const auto& file : files) {
    auto vector = parse_json(read_all(file), {4u << 20, 64});
    ASSERT_TRUE(vector.ok()) << file << ": " << vector.status().to_string();
    std::string actual = run_vector(*vector);
    fs::path expected_file = file;
    expected_file.replace_extension(".expected.jsonl");
    if (update) {
      std::ofstream(expected_file, std::ios::binary) << actual;
      continue;
    }
    ASSERT_TRUE(fs::exists(expected_file)) << expected_file << " missing";
    EXPECT_EQ(actual, read_all(expected_file)) << "vector " << file;
  }
}

}  // namespace
}  // namespace tessera::engine
