// Every shipped template parses, compiles its logic, and carries scoring
// metadata; site configs can name them.
#include "tessera/survey/instruments.hpp"

#include <gtest/gtest.h>

#include "tessera/engine/engine.hpp"
#include "tessera/survey/logic.hpp"

namespace tessera::survey {
namespace {

TEST(Instruments, EveryTemplateIsAValidSurvey) {
  auto names = instrument_names();
  EXPECT_EQ(names.size(), 6u);
  for (auto name : names) {
    auto json = instrument(name);
    ASSERT_TRUE(json.ok()) << name;
    auto def = parse_survey(*json);
    ASSERT_TRUE(def.ok()) << name << ": " << def.status().to_string();
    EXPECT_TRUE(SurveyLogic::compile(*def).ok()) << name;
    EXPECT_TRUE(def->scoring.contains("instrument")) << name;
  }
  auto servqual = parse_survey(*instrument("servqual"));
  EXPECT_EQ(servqual->scoring["dimensions"].size(), 5u);
  EXPECT_EQ(servqual->question_count(), 10u) << "expectation and perception per dimension";
}

TEST(Instruments, SiteConfigsNameTemplates) {
  std::string config = R"({"site": "s", "endpoint": "/e",
    "publicKey": "qBffQBqVcpKqYP/N9rRZMvCWok1DPbMiB3VO3jFFlko=",
    "surveys": [{"template": "nps-reason", "id": "after-checkout"}, {"template": "ces"}]})";
  auto engine = engine::Engine::create(config);
  ASSERT_TRUE(engine.ok()) << engine.status().to_string();
  Json info = *engine->dispatch("site.info", Json::object());
  EXPECT_EQ(info["surveys"][0]["id"], "after-checkout");
  EXPECT_EQ(info["surveys"][1]["id"], "ces");

  auto bad = engine::Engine::create(R"({"site": "s", "endpoint": "/e",
    "publicKey": "qBffQBqVcpKqYP/N9rRZMvCWok1DPbMiB3VO3jFFlko=",
    "surveys": [{"template": "nope"}]})");
  EXPECT_EQ(bad.status().code(), Code::kNotFound);
  EXPECT_EQ(bad.status().path(), "/surveys/0/template");
}

}  // namespace
}  // namespace tessera::survey
