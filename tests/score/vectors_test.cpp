// Golden vectors for the score module: tests/score/vectors/*.json, each a
// small hand-written dataset, the summary JSON expected from it, and a "why"
// that works the numbers out by hand. The computed JSON must match byte for
// byte (the wasm build computes with the same IEEE operations, see
// summary.cpp), and the expected JSON must read back into the same summary.
// TESSERA_PRINT_SCORE_VECTORS=1 prints the computed JSON instead of checking
// it, for writing a new vector; verify each number against its "why".
//
// Vector shape: {"name", "why": [lines], "kind", "input": {...}, "expected"}
//   kind "nps"            input {"answers": [0..10, ...]}
//   kind "csat"           input {"low", "points", "answers"}
//   kind "ces"            input {"points", "answers"}
//   kind "servqual"       input {"responses": [servqual_response_from_json shape]}
//   kind "deliveredValue" input {"low", "high", "responses": [...]}
//   kind "npsByVariant" / "npsByBucket"
//                         input {"answers": [{"key", "answer"}, ...]}
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "tessera/score/delivered_value.hpp"
#include "tessera/score/nps.hpp"
#include "tessera/score/rating.hpp"
#include "tessera/score/servqual.hpp"
#include "tessera/score/split.hpp"

namespace tessera::score {
namespace {

namespace fs = std::filesystem;

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<fs::path> vector_files() {
  std::vector<fs::path> files;
  for (const auto& e :
       fs::directory_iterator(fs::path(TESSERA_SOURCE_DIR) / "tests" / "score" / "vectors")) {
    if (e.path().extension() == ".json") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

template <typename Key>
Result<Json> nps_split(const Json& input) {
  SplitSummary<NpsSummary, Key> split;
  for (const Json& a : input["answers"]) {
    TESSERA_ASSIGN_OR_RETURN(NpsSummary * part, split.part(a["key"].get<Key>()));
    TESSERA_RETURN_IF_ERROR(part->add_answer(a["answer"].get<std::int64_t>()));
  }
  return split.to_json();
}

// The summary JSON computed from a vector's input.
Result<Json> compute(const std::string& kind, const Json& input) {
  if (kind == "nps") {
    NpsSummary s;
    for (const Json& a : input["answers"]) TESSERA_RETURN_IF_ERROR(s.add_answer(a.get<int>()));
    return s.to_json();
  }
  if (kind == "csat") {
    TESSERA_ASSIGN_OR_RETURN(CsatSummary s,
                             CsatSummary::create({input["low"].get<std::int64_t>(),
                                                  input["points"].get<std::int64_t>()}));
    for (const Json& a : input["answers"]) TESSERA_RETURN_IF_ERROR(s.add(a.get<int>()));
    return s.to_json();
  }
  if (kind == "ces") {
    TESSERA_ASSIGN_OR_RETURN(CesSummary s, CesSummary::create(input["points"].get<std::int64_t>()));
    for (const Json& a : input["answers"]) TESSERA_RETURN_IF_ERROR(s.add(a.get<int>()));
    return s.to_json();
  }
  if (kind == "servqual") {
    ServqualSummary s;
    const Json& responses = input["responses"];
    for (std::size_t i = 0; i < responses.size(); ++i) {
      TESSERA_ASSIGN_OR_RETURN(
          ServqualResponse r,
          servqual_response_from_json(responses[i], pointer_join("/input/responses", i)));
      TESSERA_RETURN_IF_ERROR(s.add(r));
    }
    return s.to_json();
  }
  if (kind == "deliveredValue") {
    const DeliveredValueScale scale{input["low"].get<std::int64_t>(),
                                    input["high"].get<std::int64_t>()};
    TESSERA_ASSIGN_OR_RETURN(DeliveredValueSummary s, DeliveredValueSummary::create(scale));
    const Json& responses = input["responses"];
    for (std::size_t i = 0; i < responses.size(); ++i) {
      TESSERA_ASSIGN_OR_RETURN(DeliveredValueResponse r,
                               delivered_value_response_from_json(
                                   responses[i], scale, pointer_join("/input/responses", i)));
      TESSERA_RETURN_IF_ERROR(s.add(r));
    }
    return s.to_json();
  }
  if (kind == "npsByVariant") return nps_split<std::string>(input);
  if (kind == "npsByBucket") return nps_split<std::int64_t>(input);
  return Status(Code::kInvalidValue, "unknown kind " + kind, "/kind");
}

// The expected JSON read back with from_json and written again: a stored
// summary must reproduce itself byte for byte.
template <typename S>
Result<Json> reread(const Json& expected) {
  TESSERA_ASSIGN_OR_RETURN(S s, S::from_json(expected, "/expected"));
  return s.to_json();
}

Result<Json> reread(const std::string& kind, const Json& expected) {
  if (kind == "nps") return reread<NpsSummary>(expected);
  if (kind == "csat") return reread<CsatSummary>(expected);
  if (kind == "ces") return reread<CesSummary>(expected);
  if (kind == "servqual") return reread<ServqualSummary>(expected);
  if (kind == "deliveredValue") return reread<DeliveredValueSummary>(expected);
  if (kind == "npsByVariant") return reread<ByVariant<NpsSummary>>(expected);
  if (kind == "npsByBucket") return reread<ByBucket<NpsSummary>>(expected);
  return Status(Code::kInvalidValue, "unknown kind " + kind, "/kind");
}

TEST(ScoreVectors, ComputedJsonMatchesTheHandWorkedExpectation) {
  auto files = vector_files();
  ASSERT_GE(files.size(), 8u) << "score vectors missing";
  for (const auto& file : files) {
    SCOPED_TRACE(file.filename().string());
    auto vector = parse_json(read_all(file));
    ASSERT_TRUE(vector.ok()) << vector.status().to_string();
    const Json& v = *vector;
    ASSERT_TRUE(v.contains("why") && v["why"].is_array() && !v["why"].empty())
        << "every vector explains its numbers";
    ASSERT_TRUE(v.contains("kind") && v["kind"].is_string());
    ASSERT_TRUE(v.contains("input") && v.contains("expected"));
    const std::string kind = v["kind"].get<std::string>();
    auto got = compute(kind, v["input"]);
    ASSERT_TRUE(got.ok()) << got.status().to_string();
    if (std::getenv("TESSERA_PRINT_SCORE_VECTORS") != nullptr) {
      // For writing a new vector: check every printed number against "why".
      std::printf("%s %s\n", file.filename().string().c_str(), dump_json(*got).c_str());
      continue;
    }
    EXPECT_EQ(dump_json(*got), dump_json(v["expected"]));
    auto again = reread(kind, v["expected"]);
    ASSERT_TRUE(again.ok()) << again.status().to_string();
    EXPECT_EQ(dump_json(*again), dump_json(v["expected"]));
  }
}

}  // namespace
}  // namespace tessera::score
