// Scoring a survey's response records (tessera/survey/scoring.hpp): which
// record of a response counts, which answers feed which summary, and the
// property every summary promises: summaries of disjoint parts, merged in
// any grouping (some after a JSON round trip), equal the summary of the
// whole, byte for byte. The engine calls are covered by the golden vectors
// in tests/golden/score/.
#include <gtest/gtest.h>

#include "tessera/common/random.hpp"
#include "tessera/survey/instruments.hpp"
#include "tessera/survey/scoring.hpp"

namespace tessera::survey {
namespace {

SurveyDefinition definition() {
  auto def = parse_survey_text(R"({
    "id": "s", "pages": [{"id": "p", "questions": [
      {"id": "nps", "type": "nps", "title": "NPS"},
      {"id": "csat", "type": "csat", "title": "CSAT"},
      {"id": "ces", "type": "ces", "points": 5, "title": "CES"}]}],
    "variants": [{"id": "a"}, {"id": "b"}]})");
  EXPECT_TRUE(def.ok()) << def.status().to_string();
  return *def;
}

Json record(const std::string& id, Json answers, const std::string& kind = "final",
            const std::string& variant = "a", std::int64_t at = 1735689600000) {
  return Json{{"kind", kind},       {"surveyId", "s"},    {"responseId", id},
              {"answers", answers}, {"variant", variant}, {"completedAt", at}};
}

TEST(SurveyScoring, OneRecordPerResponseAndOnlyAnswers) {
  auto summary = SurveySummary::create(definition());
  ASSERT_TRUE(summary.ok());
  Json records = Json::array(
      {record("r1", {{"nps", 0}}, "partial"), record("r1", {{"nps", 10}, {"csat", 5}}),
       record("r2", {{"nps", 8}}, "partial"), record("r2", {{"nps", 8}, {"ces", 4}}, "partial"),
       record("r3", {{"csat", 2}}),   // no NPS answer: NPS n does not count it
       record("r4", {{"nps", "9"}}),  // wrong type: invalid, not counted
       Json{{"kind", "final"},
            {"surveyId", "other"},
            {"responseId", "x"},
            {"answers", {{"nps", 1}}}},
       Json("junk")});
  ASSERT_TRUE(summary->add_records(records, "/records").ok());
  auto total = summary->total();
  ASSERT_TRUE(total.ok());
  EXPECT_EQ(total->responses, 4);
  EXPECT_EQ(summary->skipped(), 2);
  const auto& nps = total->nps.at("nps");
  EXPECT_EQ(nps.promoters, 1);  // r1's final 10, not its partial 0
  EXPECT_EQ(nps.passives, 1);   // r2's fuller partial
  EXPECT_EQ(nps.detractors, 0);
  EXPECT_EQ(total->invalid_answers, 1);  // r4's "9" is text, not a score
  EXPECT_EQ(total->csat.at("csat").n(), 2);
  EXPECT_EQ(total->ces.at("ces").n(), 1);
  EXPECT_FALSE(summary->add_records(Json::object(), "/records").ok());
}

TEST(SurveyScoring, SplitsAddUpToTheWhole) {
  SurveyDefinition def = definition();
  Json records = Json::array({record("r1", {{"nps", 10}}, "final", "a", 1735689600000),
                              record("r2", {{"nps", 2}}, "final", "b", 1735689600000 + 86400000),
                              record("r3", {{"nps", 7}}, "final", "", 1735689600000)});
  auto whole = SurveySummary::create(def);
  auto by_variant = SurveySummary::create(def, {SplitBy::kVariant});
  auto by_day = SurveySummary::create(def, {SplitBy::kDay, -60});
  for (auto* s : {&whole, &by_variant, &by_day}) {
    ASSERT_TRUE(s->ok());
    ASSERT_TRUE((*s)->add_records(records, "/records").ok());
  }
  EXPECT_EQ(by_variant->parts().size(), 3u);  // a, b and "none" (no variant)
  EXPECT_EQ(by_variant->parts().count("none"), 1u);
  // At UTC-1 the first two records fall on 2024-12-31 and 2025-01-01.
  EXPECT_EQ(by_day->parts().count("2024-12-31"), 1u);
  EXPECT_EQ(by_day->parts().count("2025-01-01"), 1u);
  EXPECT_EQ(dump_json(by_variant->total()->to_json()), dump_json(whole->total()->to_json()));
  EXPECT_EQ(dump_json(by_day->total()->to_json()), dump_json(whole->total()->to_json()));
}

TEST(SurveyScoring, PartsMergeExactlyIntoTheWhole) {
  SurveyDefinition def = definition();
  SeededRandom rng(seed_from_u64(20251123), kStreamRanking);
  for (int round = 0; round < 40; ++round) {
    // Random responses; each response's records (partials and a final)
    // stay in one part, as a store sharded by response would hold them.
    std::vector<Json> responses;
    int n = 1 + static_cast<int>(rng.next_u64() % 60);
    for (int i = 0; i < n; ++i) {
      Json group = Json::array();
      std::string id = "r" + std::to_string(i);
      std::string variant = rng.next_u64() % 3 == 0 ? "b" : "a";
      std::int64_t at = 1735689600000 + static_cast<std::int64_t>(rng.next_u64() % 10) * 86400000;
      Json answers = Json::object();
      if (rng.next_u64() % 5 != 0) answers["nps"] = static_cast<std::int64_t>(rng.next_u64() % 12);
      if (rng.next_u64() % 3 != 0)
        answers["csat"] = 1 + static_cast<std::int64_t>(rng.next_u64() % 5);
      if (rng.next_u64() % 2 != 0)
        answers["ces"] = 1 + static_cast<std::int64_t>(rng.next_u64() % 5);
      if (rng.next_u64() % 4 == 0)
        group.push_back(record(id, {{"nps", 5}}, "partial", variant, at));
      group.push_back(
          record(id, answers, rng.next_u64() % 6 == 0 ? "partial" : "final", variant, at));
      responses.push_back(group);
    }
    for (SplitBy by : {SplitBy::kNone, SplitBy::kVariant, SplitBy::kDay}) {
      auto whole = SurveySummary::create(def, {by});
      Json all = Json::array();
      for (const Json& g : responses) all.insert(all.end(), g.begin(), g.end());
      ASSERT_TRUE(whole->add_records(all, "/records").ok());
      // Three parts, merged as ((p2 + p0) + json(p1)).
      std::vector<Json> parts(3, Json::array());
      for (const Json& g : responses) {
        Json& part = parts[rng.next_u64() % 3];
        part.insert(part.end(), g.begin(), g.end());
      }
      std::vector<SurveySummary> summaries;
      for (const Json& p : parts) {
        auto s = SurveySummary::create(def, {by});
        ASSERT_TRUE(s->add_records(p, "/records").ok());
        summaries.push_back(std::move(s).value());
      }
      SurveySummary merged = summaries[2];
      ASSERT_TRUE(merged.merge(summaries[0]).ok());
      auto round_trip = SurveySummary::from_json(summaries[1].to_json());
      ASSERT_TRUE(round_trip.ok()) << round_trip.status().to_string();
      ASSERT_TRUE(merged.merge(*round_trip).ok());
      EXPECT_EQ(dump_json(merged.to_json()), dump_json(whole->to_json())) << "round " << round;
    }
  }
}

TEST(SurveyScoring, MergeRefusesOtherSurveysAndSplits) {
  SurveyDefinition def = definition();
  auto a = SurveySummary::create(def, {SplitBy::kVariant});
  auto b = SurveySummary::create(def, {SplitBy::kDay});
  EXPECT_EQ(a->merge(*b).code(), Code::kFailedPrecondition);
  auto read = SurveySummary::from_json(a->to_json());
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->add_records(Json::array(), "/records").code(), Code::kFailedPrecondition);
}

TEST(SurveyScoring, TemplatesCarryTheirScoringMetadata) {
  for (const char* name : {"servqual", "customer-delivered-value", "nps-reason", "csat", "ces"}) {
    auto json = instrument(name);
    ASSERT_TRUE(json.ok());
    auto def = parse_survey(*json);
    ASSERT_TRUE(def.ok()) << name;
    EXPECT_TRUE(SurveySummary::create(*def).ok()) << name;
  }
}

}  // namespace
}  // namespace tessera::survey
