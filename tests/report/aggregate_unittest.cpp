// Report aggregation (tools/report): completion by responseId, NPS by day,
// the rating instruments, SERVQUAL/delivered value from scoring metadata,
// follow-ups from the recovery step,
// failures, escaping and deterministic output.
#include "report/aggregate.hpp"

#include <gtest/gtest.h>

#include "report/render.hpp"
#include "report/svg.hpp"

namespace tessera::report {
namespace {

constexpr std::int64_t kDay = 86400000;
constexpr std::int64_t kNov23 = 1763856000000;  // 2025-11-23T00:00:00Z

Json record(const std::string& survey, const std::string& rid, const std::string& kind,
            std::int64_t at, Json answers) {
  return {{"v", 1},
          {"kind", kind},
          {"surveyId", survey},
          {"surveyVersion", 1},
          {"responseId", rid},
          {"idempotencyKey", rid + kind},
          {"completedAt", at},
          {"answers", answers},
          {"calculated", Json::object()}};
}

SurveyCatalog gallery_catalog() {
  Json config = {{"surveys",
                  {{{"id", "gallery"},
                    {"title", "Gallery"},
                    {"pages",
                     {{{"id", "p"},
                       {"questions",
                        {{{"id", "nps"}, {"type", "nps"}, {"title", "NPS"}},
                         {{"id", "comment"}, {"type", "text"}, {"title", "Why?"}},
                         {{"id", "csat"}, {"type", "csat"}, {"title", "CSAT"}},
                         {{"id", "ces"}, {"type", "ces"}, {"points", 5}, {"title", "CES"}}}}}}},
                    {"recovery", {{"when", "{nps} <= 6"}, {"apology", "Sorry"}}}}}}};
  auto catalog = SurveyCatalog::from_site_config(config);
  EXPECT_TRUE(catalog.ok()) << catalog.status().to_string();
  return *catalog;
}

TEST(UtcDay, CivilDates) {
  EXPECT_EQ(utc_day(0), "1970-01-01");
  EXPECT_EQ(utc_day(kNov23), "2025-11-23");
  EXPECT_EQ(utc_day(kNov23 - 1), "2025-11-22");
  EXPECT_EQ(utc_day(951782400000), "2000-02-29");
  EXPECT_EQ(utc_day(-1), "1969-12-31");
}

TEST(ReportBuilder, CompletionGroupsPartialsByResponse) {
  ReportBuilder b(gallery_catalog());
  b.add_record(record("gallery", "a", "partial", kNov23, {{"nps", 3}}), "a1");
  b.add_record(record("gallery", "a", "final", kNov23, {{"nps", 4}}), "a2");
  b.add_record(record("gallery", "b", "partial", kNov23, {{"nps", 9}}), "b1");
  b.add_record(record("gallery", "b", "partial", kNov23, {{"nps", 10}, {"csat", 5}}), "b2");
  b.add_record(record("gallery", "c", "final", kNov23, {{"nps", 9}}), "c1");
  Report r = b.finish();
  const SurveyReport& s = r.surveys.at("gallery");
  EXPECT_EQ(s.responses, 3);
  EXPECT_EQ(s.complete, 2);
  EXPECT_EQ(s.partial, 1);
  EXPECT_EQ(s.partial_records, 3);
  EXPECT_EQ(s.final_records, 2);
  // a counts its final (4), b its fullest partial (10), c its final (9).
  const NpsQuestionReport& nps = s.nps.at("nps");
  EXPECT_EQ(nps.total.n(), 3);
  EXPECT_EQ(nps.distribution[4], 1);
  EXPECT_EQ(nps.distribution[10], 1);
  EXPECT_EQ(nps.distribution[3], 0);
  EXPECT_EQ(s.csat.at("csat").n(), 1);
}

TEST(ReportBuilder, NpsByDayAndRatings) {
  ReportBuilder b(gallery_catalog());
  b.add_record(record("gallery", "1", "final", kNov23, {{"nps", 10}, {"csat", 5}, {"ces", 5}}),
               "1");
  b.add_record(record("gallery", "2", "final", kNov23 + 5, {{"nps", 0}, {"csat", 2}, {"ces", 1}}),
               "2");
  b.add_record(record("gallery", "3", "final", kNov23 + kDay, {{"nps", 9}, {"csat", 4}}), "3");
  b.add_record(record("gallery", "4", "final", kNov23 + kDay, {{"nps", 11}, {"csat", 9}}), "4");
  Report r = b.finish();
  const SurveyReport& s = r.surveys.at("gallery");
  const NpsQuestionReport& nps = s.nps.at("nps");
  EXPECT_EQ(nps.total.n(), 3);
  EXPECT_EQ(nps.by_day.at("2025-11-23").score(), 0.0);
  EXPECT_EQ(nps.by_day.at("2025-11-24").score(), 100.0);
  EXPECT_EQ(s.invalid_answers, 2);  // nps 11, csat 9
  EXPECT_DOUBLE_EQ(*s.csat.at("csat").top2_box_pct(), 200.0 / 3);
  EXPECT_EQ(s.ces.at("ces").distribution().high(), 5);
  EXPECT_DOUBLE_EQ(*s.ces.at("ces").mean(), 3.0);
}

Json follow_up(bool needed, bool consent, const std::string& address) {
  Json f = {{"needed", needed}, {"consent", consent}, {"channel", "email"}, {"goodwillPoints", 0}};
  if (consent) f["address"] = address;
  return f;
}

TEST(ReportBuilder, FollowUpsComeFromTheRecoveryStep) {
  ReportBuilder b(gallery_catalog());
  Json yes = record("gallery", "d", "final", kNov23,
                    {{"nps", 2},
                     {"comment", "late"},
                     {"recovery_contact", true},
                     {"recovery_channel", "x@example.test"}});
  yes["followUp"] = follow_up(true, true, "x@example.test");
  b.add_record(yes, "d");
  Json no = record("gallery", "e", "final", kNov23, {{"nps", 2}, {"recovery_contact", false}});
  no["followUp"] = follow_up(true, false, "");
  b.add_record(no, "e");
  // Consent without the condition holding (the record says not needed).
  Json promoter = record("gallery", "f", "final", kNov23, {{"nps", 10}});
  promoter["followUp"] = follow_up(false, true, "z@example.test");
  b.add_record(promoter, "f");
  Report r = b.finish();
  const SurveyReport& s = r.surveys.at("gallery");
  ASSERT_EQ(s.follow_ups.size(), 1u);
  EXPECT_EQ(s.follow_ups[0].address, "x@example.test");
  EXPECT_EQ(s.follow_ups[0].channel, "email");
  EXPECT_EQ(s.follow_ups[0].score, 2);
  EXPECT_EQ(s.follow_ups[0].comment, "late");
  EXPECT_EQ(s.texts.at("detractor").size(), 1u);
  // The address is a contact, not a free-text answer.
  EXPECT_EQ(s.text_counts.at("detractor"), 1);
}

// Answers to a 1-7 matrix, one cell per row.
Json matrix(std::initializer_list<std::pair<const char*, int>> cells) {
  Json m = Json::object();
  for (const auto& [row, n] : cells) m[row] = std::to_string(n);
  return m;
}

TEST(ReportBuilder, ServqualFromTheShippedTemplate) {
  auto catalog =
      SurveyCatalog::from_site_config({{"surveys", {{{"template", "servqual"}, {"id", "svc"}}}}});
  ASSERT_TRUE(catalog.ok()) << catalog.status().to_string();
  ReportBuilder b(*catalog);
  // Reliability: items 1 and 2 paired (gaps -3 and 0), item 3 has no
  // perception and does not count. Empathy: one item, gap +1.
  Json answers = {{"expectation_reliability",
                   matrix({{"reliability1", 7}, {"reliability2", 6}, {"reliability3", 5}})},
                  {"perception_reliability", matrix({{"reliability1", 4}, {"reliability2", 6}})},
                  {"expectation_empathy", matrix({{"empathy1", 5}})},
                  {"perception_empathy", matrix({{"empathy2", 2}, {"empathy1", 6}})}};
  b.add_record(record("svc", "1", "final", kNov23, answers), "1");
  Report r = b.finish();
  const SurveyReport& s = r.surveys.at("svc");
  ASSERT_TRUE(s.servqual.has_value());
  EXPECT_DOUBLE_EQ(*s.servqual->gap(score::ServqualDimension::kReliability), -1.5);
  EXPECT_DOUBLE_EQ(*s.servqual->gap(score::ServqualDimension::kEmpathy), 1.0);
  EXPECT_FALSE(s.servqual->gap(score::ServqualDimension::kTangibles).has_value());
  EXPECT_EQ(s.invalid_answers, 0);
}

TEST(ReportBuilder, DeliveredValueFromTheShippedTemplate) {
  auto catalog = SurveyCatalog::from_site_config(
      {{"surveys", {{{"template", "customer-delivered-value"}, {"id", "cdv"}}}}});
  ASSERT_TRUE(catalog.ok()) << catalog.status().to_string();
  ReportBuilder b(*catalog);
  Json full = {
      {"cdv_value", matrix({{"product", 6}, {"service", 6}, {"personnel", 6}, {"image", 6}})},
      {"cdv_cost", matrix({{"monetary", 2}, {"time", 2}, {"energy", 2}, {"psychic", 2}})}};
  b.add_record(record("cdv", "1", "final", kNov23, full), "1");
  // Half a response: left out, never counted as zeros.
  Json half = {{"cdv_value", matrix({{"product", 7}})}};
  b.add_record(record("cdv", "2", "final", kNov23, half), "2");
  Report r = b.finish();
  const SurveyReport& s = r.surveys.at("cdv");
  ASSERT_TRUE(s.delivered_value.has_value());
  EXPECT_DOUBLE_EQ(*s.delivered_value->mean_difference(), 16.0);
  EXPECT_DOUBLE_EQ(*s.delivered_value->ratio_of_sums(), 3.0);
  EXPECT_EQ(s.delivered_value->n(), 1);
  EXPECT_EQ(s.invalid_answers, 0);
}

// A merchant's own SERVQUAL on single ratings, with importance points.
Json custom_servqual(const std::string& weight_for_empathy) {
  Json questions = Json::array();
  Json dims = Json::object(), weights = Json::object();
  for (const char* d : {"tangibles", "reliability", "responsiveness", "assurance", "empathy"}) {
    for (const char* half : {"e", "p"}) {
      questions.push_back({{"id", std::string(d) + "_" + half},
                           {"type", "rating"},
                           {"min", 1},
                           {"max", 7},
                           {"title", d}});
    }
    questions.push_back(
        {{"id", std::string(d) + "_w"}, {"type", "text"}, {"inputKind", "number"}, {"title", d}});
    dims[d] = {{"expectation", std::string(d) + "_e"}, {"perception", std::string(d) + "_p"}};
    weights[d] = std::string(d) + "_w";
  }
  weights["empathy"] = weight_for_empathy;
  return {
      {"surveys",
       {{{"id", "own"},
         {"title", "Own"},
         {"pages", {{{"id", "p"}, {"questions", questions}}}},
         {"scoring", {{"instrument", "servqual"}, {"dimensions", dims}, {"weights", weights}}}}}}};
}

TEST(ReportBuilder, ServqualOnRatingsWithImportanceWeights) {
  auto catalog = SurveyCatalog::from_site_config(custom_servqual("empathy_w"));
  ASSERT_TRUE(catalog.ok()) << catalog.status().to_string();
  ReportBuilder b(*catalog);
  Json answers = Json::object();
  int points[] = {10, 40, 20, 20, 10};
  int i = 0;
  for (const char* d : {"tangibles", "reliability", "responsiveness", "assurance", "empathy"}) {
    answers[std::string(d) + "_e"] = 6;
    answers[std::string(d) + "_p"] = i == 1 ? 2 : 6;  // reliability gap -4, others 0
    answers[std::string(d) + "_w"] = std::to_string(points[i++]);
  }
  b.add_record(record("own", "1", "final", kNov23, answers), "1");
  Report r = b.finish();
  const SurveyReport& s = r.surveys.at("own");
  ASSERT_TRUE(s.servqual.has_value());
  ASSERT_TRUE(s.servqual->unweighted_gap().has_value());
  EXPECT_DOUBLE_EQ(*s.servqual->unweighted_gap(), -0.8);
  ASSERT_TRUE(s.servqual->weighted_gap().has_value());
  EXPECT_DOUBLE_EQ(*s.servqual->weighted_gap(), -1.6);  // -4 x 40 / 100
  EXPECT_TRUE(s.texts.empty());                         // weights are numbers, not comments
}

TEST(SurveyCatalog, ScoringThatNamesNoQuestionIsRefusedWithItsPointer) {
  auto bad = SurveyCatalog::from_site_config(custom_servqual("nowhere"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().path(), "/surveys/0/scoring/weights/empathy");
  Json config = custom_servqual("empathy_w");
  config["surveys"][0]["scoring"]["dimensions"]["kindness"] = {{"expectation", "empathy_e"},
                                                               {"perception", "empathy_p"}};
  auto unknown = SurveyCatalog::from_site_config(config);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().path(), "/surveys/0/scoring/dimensions/kindness");
  config = custom_servqual("empathy_w");
  config["surveys"][0]["scoring"]["dimensions"]["empathy"]["perception"] = "empathy_w";
  auto text = SurveyCatalog::from_site_config(config);
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.status().path(), "/surveys/0/scoring/dimensions/empathy/perception");
}

TEST(ReportBuilder, WithoutConfigNpsComesFromNpsClass) {
  ReportBuilder b{SurveyCatalog()};
  Json r1 = record("p", "1", "final", kNov23, {{"likely", 9}, {"why", "great"}});
  r1["npsClass"] = {{"likely", "promoter"}};
  b.add_record(r1, "1");
  Report r = b.finish();
  EXPECT_EQ(r.surveys.at("p").nps.at("likely").total.promoters, 1);
  EXPECT_EQ(r.surveys.at("p").texts.at("promoter")[0].text, "great");
}

TEST(ReportBuilder, FailuresAreListed) {
  ReportBuilder b{SurveyCatalog()};
  b.add_failure("k1", "not sealed to this key");
  b.add_record(Json::array(), "k2");
  Report r = b.finish();
  ASSERT_EQ(r.failed.size(), 2u);
  EXPECT_EQ(r.failed[1].idempotency_key, "k2");
  EXPECT_NE(render_html(r).find("2 records did not open"), std::string::npos);
  EXPECT_NE(render_csv(r).find(",k1,failed_record,not sealed to this key"), std::string::npos);
}

TEST(Render, EscapesAnswersAndIsDeterministic) {
  ReportBuilder b(gallery_catalog());
  Json evil = {{"nps", 1}, {"comment", "<script>alert(1)</script><img src=http://x/y>"}};
  b.add_record(record("gallery", "z", "final", kNov23, evil), "z");
  Report r = b.finish();
  std::string html = render_html(r, {"T", "fixed"});
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
  EXPECT_EQ(html, render_html(r, {"T", "fixed"}));
  EXPECT_EQ(render_json(r), render_json(r));
  EXPECT_EQ(html_escape("a&'\"\x01"), "a&amp;&#39;&quot;");
}

TEST(Render, CsvNeutralisesFormulas) {
  ReportBuilder b{SurveyCatalog()};
  b.add_failure("=HYPERLINK(\"x\")", "a, b");
  std::string csv = render_csv(b.finish());
  EXPECT_NE(csv.find("\"'=HYPERLINK(\"\"x\"\")\""), std::string::npos);
}

}  // namespace
}  // namespace tessera::report
