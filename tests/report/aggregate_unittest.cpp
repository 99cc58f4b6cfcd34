// Report aggregation (tools/report): completion by responseId, NPS by day,
// the rating instruments, SERVQUAL/delivered-value conventions, follow-ups,
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
                         {{"id", "contact"}, {"type", "yesno"}, {"title", "Contact?"}},
                         {{"id", "email"}, {"type", "text"}, {"title", "E-mail"}},
                         {{"id", "csat"}, {"type", "csat"}, {"title", "CSAT"}},
                         {{"id", "ces"}, {"type", "ces"}, {"points", 5}, {"title", "CES"}}}}}}}}}}};
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

TEST(ReportBuilder, FollowUpsAreConsentingDetractors) {
  ReportBuilder b(gallery_catalog());
  Json yes = {{"nps", 2}, {"contact", true}, {"email", "x@example.test"}, {"comment", "late"}};
  b.add_record(record("gallery", "d", "final", kNov23, yes), "d");
  Json no = {{"nps", 2}, {"contact", false}, {"email", "y@example.test"}};
  b.add_record(record("gallery", "e", "final", kNov23, no), "e");
  Json promoter = {{"nps", 10}, {"contact", true}, {"email", "z@example.test"}};
  b.add_record(record("gallery", "f", "final", kNov23, promoter), "f");
  Report r = b.finish();
  const SurveyReport& s = r.surveys.at("gallery");
  ASSERT_EQ(s.follow_ups.size(), 1u);
  EXPECT_EQ(s.follow_ups[0].address, "x@example.test");
  EXPECT_EQ(s.follow_ups[0].channel, "email");
  EXPECT_EQ(s.follow_ups[0].comment, "late");
  EXPECT_EQ(s.texts.at("detractor").size(), 1u);
  // The e-mail address is a contact, not a free-text answer.
  EXPECT_EQ(s.text_counts.count("promoter"), 0u);
}

TEST(ReportBuilder, ServqualAndDeliveredValueByIdConvention) {
  ReportBuilder b{SurveyCatalog()};
  Json answers = {
      {"servqual.reliability.1.expectation", 7}, {"servqual.reliability.1.perception", 4},
      {"servqual.reliability.2.expectation", 6}, {"servqual.reliability.2.perception", 6},
      {"servqual.empathy.1.expectation", 5},     {"servqual.empathy.1.perception", 6}};
  for (const char* v : {"product", "service", "personnel", "image"}) {
    answers[std::string("cdv.value.") + v] = 6;
  }
  for (const char* c : {"monetary", "time", "energy", "psychic"}) {
    answers[std::string("cdv.cost.") + c] = 2;
  }
  b.add_record(record("svc", "1", "final", kNov23, answers), "1");
  Report r = b.finish();
  const SurveyReport& s = r.surveys.at("svc");
  ASSERT_TRUE(s.servqual.has_value());
  EXPECT_DOUBLE_EQ(*s.servqual->gap(score::ServqualDimension::kReliability), -1.5);
  EXPECT_DOUBLE_EQ(*s.servqual->gap(score::ServqualDimension::kEmpathy), 1.0);
  ASSERT_TRUE(s.delivered_value.has_value());
  EXPECT_DOUBLE_EQ(*s.delivered_value->mean_difference(), 16.0);
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
