// Trigger parsing and decisions (tessera/trigger/trigger.hpp).
#include <gtest/gtest.h>

#include "tessera/trigger/trigger.hpp"

namespace tessera::trigger {
namespace {

SurveyTrigger parse_ok(const char* text) {
  auto doc = parse_json(text);
  EXPECT_TRUE(doc.ok());
  auto t = parse_trigger(*doc, "/surveys/0/trigger");
  EXPECT_TRUE(t.ok()) << t.status().to_string();
  return t.ok() ? std::move(t).value() : SurveyTrigger{};
}

Status parse_err(const char* text) {
  auto doc = parse_json(text);
  EXPECT_TRUE(doc.ok());
  auto t = parse_trigger(*doc, "/surveys/0/trigger");
  EXPECT_FALSE(t.ok());
  return t.ok() ? Status() : t.status();
}

constexpr std::int64_t kNow = 1'700'000'000'000;
constexpr std::int64_t kDay = 86'400'000;

PageEvent page_view(std::string url) { return {EventType::kPageView, std::move(url), 0, ""}; }

TEST(TriggerParse, ErrorsNameTheirPointer) {
  EXPECT_EQ(parse_err(R"({})").path(), "/surveys/0/trigger/events");
  EXPECT_EQ(parse_err(R"({"events":[{"type":"hover"}]})").path(),
            "/surveys/0/trigger/events/0/type");
  EXPECT_EQ(parse_err(R"({"events":[{"type":"scroll","percent":101}]})").path(),
            "/surveys/0/trigger/events/0/percent");
  EXPECT_EQ(
      parse_err(
          R"({"events":[{"type":"page_view"}],"urls":{"all":[{"match":"regex","value":"("}]}})")
          .path(),
      "/surveys/0/trigger/urls/all/0/value");
  EXPECT_EQ(parse_err(R"({"events":[{"type":"page_view"}],"audience":"{a} >"})").path(),
            "/surveys/0/trigger/audience");
  EXPECT_EQ(parse_err(R"({"events":[{"type":"page_view"}],"samplePercent":12.345})").path(),
            "/surveys/0/trigger/samplePercent");
  EXPECT_EQ(parse_err(R"({"events":[{"type":"page_view"}],"placement":"middle"})").path(),
            "/surveys/0/trigger/placement");
  EXPECT_EQ(parse_err(R"({"events":[{"type":"page_view"}],"startsAt":5,"endsAt":5})").path(),
            "/surveys/0/trigger/endsAt");
  EXPECT_EQ(parse_err(R"({"events":[{"type":"page_view"}],"delay":5})").code(),
            Code::kUnknownField);
}

TEST(TriggerUrls, OperatorsNegationAndCombination) {
  auto t = parse_ok(R"({"events":[{"type":"page_view"}],"urls":{"all":[
      {"match":"startsWith","value":"https://shop.test/"},
      {"match":"contains","value":"/admin","not":true},
      {"match":"regex","value":"https://shop\\.test/(pricing|plans)(\\?.*)?"}]}})");
  EXPECT_TRUE(t.urls.matches("https://shop.test/pricing"));
  EXPECT_TRUE(t.urls.matches("https://shop.test/plans?x=1"));
  EXPECT_FALSE(t.urls.matches("https://shop.test/admin/pricing"));
  EXPECT_FALSE(t.urls.matches("https://other.test/pricing"));
  auto any = parse_ok(R"({"events":[{"type":"page_view"}],"urls":{"any":[
      {"match":"exact","value":"https://a.test/"},{"match":"endsWith","value":"/thanks"}]}})");
  EXPECT_TRUE(any.urls.matches("https://a.test/"));
  EXPECT_TRUE(any.urls.matches("https://b.test/order/thanks"));
  EXPECT_FALSE(any.urls.matches("https://a.test/x"));
}

TEST(TriggerDecide, EventsThresholdsAndNames) {
  auto t = parse_ok(R"({"events":[{"type":"scroll","percent":50},{"type":"click","selector":"#buy"},
      {"type":"track","name":"checkout"}],"display":"always"})");
  Visitor v;
  v.id = "v1";
  EXPECT_FALSE(evaluate(t, "s", 0, {EventType::kScroll, "u", 40, ""}, v, kNow).eligible);
  EXPECT_TRUE(evaluate(t, "s", 0, {EventType::kScroll, "u", 75, ""}, v, kNow).eligible);
  EXPECT_TRUE(evaluate(t, "s", 0, {EventType::kClick, "u", 0, "#buy"}, v, kNow).eligible);
  EXPECT_EQ(evaluate(t, "s", 0, {EventType::kTrack, "u", 0, "other"}, v, kNow).reason,
            Reason::kEvent);
  EXPECT_EQ(evaluate(t, "s", 0, page_view("u"), v, kNow).reason, Reason::kEvent);
}

TEST(TriggerDecide, DisplayPolicyCountsDismissalsApartFromAnswers) {
  Visitor v;
  v.id = "v1";
  v.history["s"] = History{1, 0, 1, kNow - 10 * kDay};
  auto once = parse_ok(R"({"events":[{"type":"page_view"}]})");
  EXPECT_EQ(evaluate(once, "s", 0, page_view("u"), v, kNow).reason, Reason::kDisplayPolicy);
  auto until = parse_ok(R"({"events":[{"type":"page_view"}],"display":"untilAnswered"})");
  EXPECT_TRUE(evaluate(until, "s", 0, page_view("u"), v, kNow).eligible);  // dismissed only
  v.history["s"].answered = 1;
  EXPECT_EQ(evaluate(until, "s", 0, page_view("u"), v, kNow).reason, Reason::kDisplayPolicy);
  auto up_to = parse_ok(R"({"events":[{"type":"page_view"}],"display":{"upTo":2}})");
  EXPECT_TRUE(evaluate(up_to, "s", 0, page_view("u"), v, kNow).eligible);
  v.history["s"].shown = 2;
  EXPECT_FALSE(evaluate(up_to, "s", 0, page_view("u"), v, kNow).eligible);
}

TEST(TriggerDecide, RecontactWaitIsGlobalUnlessOverridden) {
  Visitor v;
  v.id = "v1";
  v.history["other"] = History{1, 1, 0, kNow - 3 * kDay};
  auto t = parse_ok(R"({"events":[{"type":"page_view"}]})");
  EXPECT_EQ(evaluate(t, "s", 7, page_view("u"), v, kNow).reason, Reason::kRecontact);
  EXPECT_TRUE(evaluate(t, "s", 3, page_view("u"), v, kNow).eligible);
  auto own = parse_ok(R"({"events":[{"type":"page_view"}],"recontactDays":0})");
  EXPECT_TRUE(evaluate(own, "s", 7, page_view("u"), v, kNow).eligible);
}

TEST(TriggerDecide, ScheduleAndAudience) {
  auto t = parse_ok(R"({"events":[{"type":"page_view"}],"startsAt":1000,"endsAt":2000,
      "audience":"{tier} = 'gold' and {visits} >= 3 and {attributes.plan} <> 'free'"})");
  Visitor v;
  v.id = "v1";
  v.tier = "gold";
  v.visits = 3;
  v.attributes = Json{{"plan", "pro"}};
  EXPECT_EQ(evaluate(t, "s", 0, page_view("u"), v, 999).reason, Reason::kSchedule);
  EXPECT_EQ(evaluate(t, "s", 0, page_view("u"), v, 2000).reason, Reason::kSchedule);
  EXPECT_TRUE(evaluate(t, "s", 0, page_view("u"), v, 1500).eligible);
  v.visits = 2;
  EXPECT_EQ(evaluate(t, "s", 0, page_view("u"), v, 1500).reason, Reason::kAudience);
}

TEST(TriggerSample, StablePerVisitorAndProportional) {
  EXPECT_EQ(sample_bucket("visitor-1", "nps"), sample_bucket("visitor-1", "nps"));
  EXPECT_NE(sample_bucket("visitor-1", "nps"), sample_bucket("visitor-1", "csat"));
  auto zero = parse_ok(R"({"events":[{"type":"page_view"}],"samplePercent":0})");
  auto ten = parse_ok(R"({"events":[{"type":"page_view"}],"samplePercent":10})");
  int shown = 0;
  for (int i = 0; i < 10000; ++i) {
    Visitor v;
    v.id = "visitor-" + std::to_string(i);
    EXPECT_FALSE(evaluate(zero, "nps", 0, page_view("u"), v, kNow).eligible);
    shown += evaluate(ten, "nps", 0, page_view("u"), v, kNow).eligible ? 1 : 0;
  }
  EXPECT_NEAR(shown, 1000, 120);  // about 4 standard deviations of a binomial
}

}  // namespace
}  // namespace tessera::trigger
