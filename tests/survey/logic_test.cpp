// Survey logic: conditions, jumps, calculated values, piping, clearing
// hidden answers, every question type's checks, ordering and resume.
#include <set>

#include <gtest/gtest.h>

#include "tessera/survey/logic.hpp"
#include "tessera/survey/session.hpp"

namespace tessera::survey {
namespace {

struct Fixture {
  std::shared_ptr<const SurveyDefinition> def;
  std::shared_ptr<const SurveyLogic> logic;
};

Fixture load(const std::string& text) {
  auto def = parse_survey_text(text);
  EXPECT_TRUE(def.ok()) << def.status().to_string();
  auto shared = std::make_shared<const SurveyDefinition>(*def);
  auto logic = SurveyLogic::compile(*shared);
  EXPECT_TRUE(logic.ok()) << logic.status().to_string();
  return {shared, *logic};
}

Session begin(const Fixture& f, std::uint64_t seed = 7, const std::string& locale = "en") {
  return *Session::start(f.def, f.logic,
                         {locale, 1000, seed, "11111111-2222-4333-8444-555555555555"});
}

std::vector<std::string> visible_ids(const Session& s) {
  std::vector<std::string> ids;
  Json view = s.view_model();
  for (const Json& q : view["questions"]) ids.push_back(q["id"].get<std::string>());
  return ids;
}

constexpr const char* kRecovery = R"({"id": "s", "pages": [
  {"id": "p1", "questions": [
    {"id": "nps", "type": "nps", "title": "Score?", "required": true},
    {"id": "why", "type": "text", "title": "Sorry, {nps} is low. Why?", "visibleIf": "{nps} <= 6"},
    {"id": "contact", "type": "yesno", "title": "May we contact you?", "visibleIf": "{nps} <= 6",
     "requiredIf": "{why} notempty"}],
   "jumps": [{"if": "{nps} >= 9", "to": "end"}]},
  {"id": "p2", "questions": [{"id": "more", "type": "text", "title": "Anything else?"}]}],
  "calculatedValues": [{"name": "detractor", "expression": "{nps} <= 6"}]})";

TEST(SurveyLogic, VisibilityPipingAndClearingHiddenAnswers) {
  Fixture f = load(kRecovery);
  Session s = begin(f);
  EXPECT_EQ(visible_ids(s), (std::vector<std::string>{"nps"}));
  ASSERT_TRUE(s.answer("nps", 4).ok());
  EXPECT_EQ(visible_ids(s), (std::vector<std::string>{"nps", "why", "contact"}));
  EXPECT_EQ(s.view_model()["questions"][1]["title"], "Sorry, 4 is low. Why?");
  ASSERT_TRUE(s.answer("why", "late").ok());
  EXPECT_EQ(s.view_model()["questions"][2]["required"], true) << "requiredIf";
  ASSERT_TRUE(s.answer("nps", 8).ok());
  EXPECT_FALSE(s.answers().contains("why")) << "hidden answers are cleared";
  EXPECT_EQ(visible_ids(s), (std::vector<std::string>{"nps"}));
  EXPECT_EQ(s.answer("why", "x").code(), Code::kFailedPrecondition) << "hidden";
}

TEST(SurveyLogic, JumpToEndAndCalculatedValues) {
  Fixture f = load(kRecovery);
  Session promoter = begin(f);
  ASSERT_TRUE(promoter.answer("nps", 10).ok());
  EXPECT_TRUE(promoter.on_last_page()) << "the jump ends the survey after page 1";
  EXPECT_EQ(promoter.view_model()["nav"]["isLast"], true);
  auto record = promoter.complete(2000);
  ASSERT_TRUE(record.ok()) << record.status().to_string();
  EXPECT_EQ(record->calculated["detractor"], false);

  Session detractor = begin(f);
  ASSERT_TRUE(detractor.answer("nps", 2).ok());
  EXPECT_FALSE(detractor.on_last_page());
  ASSERT_TRUE(detractor.answer("why", "slow").ok());
  EXPECT_FALSE(*detractor.next()) << "contact became required";
  ASSERT_TRUE(detractor.answer("contact", true).ok());
  EXPECT_TRUE(*detractor.next());
  EXPECT_EQ(detractor.view_model()["page"]["id"], "p2");
}

TEST(SurveyLogic, BadExpressionIsRefusedWithItsPointer) {
  auto def = parse_survey_text(R"({"id": "s", "pages": [{"id": "p", "questions": [
    {"id": "a", "type": "yesno", "title": "A"},
    {"id": "b", "type": "yesno", "title": "B", "visibleIf": "{a} = (true"}]}]})");
  ASSERT_TRUE(def.ok());
  auto logic = SurveyLogic::compile(*def, "/surveys/0");
  ASSERT_FALSE(logic.ok());
  EXPECT_EQ(logic.status().path(), "/surveys/0/pages/0/questions/1/visibleIf");
  EXPECT_NE(logic.status().message().find("character"), std::string::npos)
      << logic.status().message();
}

constexpr const char* kAllTypes = R"({"id": "all", "pages": [{"id": "p", "questions": [
  {"id": "rate", "type": "rating", "title": "Rate", "min": 1, "max": 9, "step": 2, "display": "stars"},
  {"id": "csat", "type": "csat", "title": "Satisfied?"},
  {"id": "ces", "type": "ces", "title": "Easy?", "points": 5},
  {"id": "color", "type": "single", "title": "Color", "choices": ["red", "blue"], "hasOther": true},
  {"id": "size", "type": "dropdown", "title": "Size", "choices": ["s", "m", "l"]},
  {"id": "tags", "type": "multi", "title": "Tags", "choices": ["a", "b", "c"], "hasNone": true,
   "minSelected": 2, "maxSelected": 2},
  {"id": "mail", "type": "text", "title": "Email", "inputKind": "email"},
  {"id": "code", "type": "text", "title": "Code", "pattern": "[A-Z]{2}[0-9]{3}",
   "patternMessage": "Two letters, three digits"},
  {"id": "grid", "type": "matrix", "title": "Grid", "required": true,
   "rows": ["speed", "price"], "columns": ["bad", "ok", "good"]},
  {"id": "rank", "type": "ranking", "title": "Rank", "choices": ["x", "y", "z"]},
  {"id": "agree", "type": "consent", "title": "I agree"},
  {"id": "note", "type": "statement", "title": "Thanks for your time"}]}]})";

TEST(QuestionTypes, AnswersAreCheckedByType) {
  Fixture f = load(kAllTypes);
  Session s = begin(f);
  EXPECT_EQ(s.answer("rate", 4).code(), Code::kOutOfRange) << "not on the step grid";
  EXPECT_TRUE(s.answer("rate", 9).ok());
  EXPECT_EQ(s.answer("csat", 6).code(), Code::kOutOfRange);
  EXPECT_EQ(s.answer("ces", 6).code(), Code::kOutOfRange) << "5-point CES";
  EXPECT_EQ(s.answer("color", "green").code(), Code::kInvalidValue);
  EXPECT_TRUE(s.answer("color", "other").ok());
  EXPECT_EQ(s.answer("tags", Json::array({"a", "none"})).code(), Code::kInvalidValue);
  EXPECT_EQ(s.answer("tags", Json::array({"a", "b", "c"})).code(), Code::kOutOfRange);
  EXPECT_TRUE(s.answer("tags", Json::array({"a"})).ok());
  EXPECT_EQ(s.answer("grid", Json{{"speed", "great"}}).code(), Code::kInvalidValue);
  EXPECT_TRUE(s.answer("grid", Json{{"speed", "good"}}).ok());
  EXPECT_EQ(s.answer("rank", Json::array({"x", "y"})).code(), Code::kInvalidValue);
  EXPECT_TRUE(s.answer("rank", Json::array({"z", "x", "y"})).ok());
  EXPECT_EQ(s.answer("note", "x").code(), Code::kFailedPrecondition);
  ASSERT_TRUE(s.answer("mail", "not-an-email").ok());
  ASSERT_TRUE(s.answer("code", "ab123").ok());

  EXPECT_EQ(s.complete(2000).status().code(), Code::kFailedPrecondition);
  Json v = s.view_model();
  auto error_of = [&](const std::string& id) {
    for (const Json& q : v["questions"]) {
      if (q["id"] == id) return q["error"];
    }
    return Json("missing");
  };
  EXPECT_EQ(error_of("color"), "Please describe your other answer.");
  EXPECT_EQ(error_of("tags"), "Please choose at least 2.");
  EXPECT_EQ(error_of("mail"), "Please enter an email address.");
  EXPECT_EQ(error_of("code"), "Two letters, three digits");
  EXPECT_EQ(error_of("grid"), "Please answer every row.");
  EXPECT_EQ(error_of("agree"), "Please tick the box to continue.");
  EXPECT_TRUE(error_of("rate").is_null());

  ASSERT_TRUE(s.answer("color-other", "teal").ok());
  ASSERT_TRUE(s.answer("tags", Json::array({"none"})).ok());
  ASSERT_TRUE(s.answer("mail", "me@example.org").ok());
  ASSERT_TRUE(s.answer("code", "AB123").ok());
  ASSERT_TRUE(s.answer("grid", Json{{"speed", "good"}, {"price", "ok"}}).ok());
  ASSERT_TRUE(s.answer("agree", true).ok());
  auto record = s.complete(2000);
  ASSERT_TRUE(record.ok()) << record.status().to_string();
  EXPECT_EQ(record->answers["color-other"], "teal");
}

TEST(QuestionTypes, ViewModelDescribesEachType) {
  Fixture f = load(kAllTypes);
  Json v = begin(f, 7, "de").view_model();
  const Json& q = v["questions"];
  EXPECT_EQ(q[0]["options"].size(), 5u) << "1,3,5,7,9";
  EXPECT_EQ(q[0]["display"], "stars");
  EXPECT_EQ(q[1]["minLabel"], "Sehr unzufrieden");
  EXPECT_EQ(q[3]["choices"].back()["value"], "other");
  EXPECT_EQ(q[3]["choices"].back()["label"], "Andere");
  EXPECT_EQ(q[4]["placeholder"], "Bitte wählen…");
  EXPECT_EQ(q[5]["choices"].back()["exclusive"], true);
  EXPECT_EQ(q[8]["rows"].size(), 2u);
  EXPECT_EQ(q[8]["columns"].size(), 3u);
  EXPECT_EQ(q[9]["items"].size(), 3u);
  EXPECT_EQ(q[10]["required"], true) << "consent is always required";
  EXPECT_EQ(q[11]["type"], "statement");
}

TEST(Randomization, StableForASeedAndDifferentAcrossSeeds) {
  std::string text = R"({"id": "r", "pages": [{"id": "p", "randomize": true, "questions": [
    {"id": "q1", "type": "yesno", "title": "1"}, {"id": "q2", "type": "yesno", "title": "2"},
    {"id": "q3", "type": "yesno", "title": "3"}, {"id": "q4", "type": "yesno", "title": "4"},
    {"id": "q5", "type": "yesno", "title": "5"}, {"id": "q6", "type": "yesno", "title": "6"},
    {"id": "c", "type": "single", "title": "c", "randomize": true, "hasOther": true,
     "choices": ["a", "b", "c", "d", "e", "f"]}]}]})";
  Fixture f = load(text);
  EXPECT_EQ(visible_ids(begin(f, 1)), visible_ids(begin(f, 1)));
  std::set<std::vector<std::string>> orders;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) orders.insert(visible_ids(begin(f, seed)));
  EXPECT_GT(orders.size(), 10u);
  Json v = begin(f, 3).view_model();
  for (const Json& q : v["questions"]) {
    if (q["id"] == "c") EXPECT_EQ(q["choices"].back()["value"], "other") << "other stays last";
  }
}

TEST(Resume, SnapshotRestoresPageAnswersAndOrder) {
  Fixture f = load(kRecovery);
  Session s = begin(f, 99);
  ASSERT_TRUE(s.answer("nps", 3).ok());
  ASSERT_TRUE(s.answer("why", "slow").ok());
  ASSERT_TRUE(s.answer("contact", false).ok());
  ASSERT_TRUE(*s.next());
  Json snap = s.snapshot();
  auto back = Session::restore(f.def, f.logic, *parse_json(dump_json(snap)));
  ASSERT_TRUE(back.ok()) << back.status().to_string();
  EXPECT_EQ(back->view_model(), s.view_model());
  ASSERT_TRUE(back->back().ok());
  EXPECT_EQ(back->view_model()["questions"][0]["value"], 3);

  Json tampered = snap;
  tampered["answers"]["nps"] = 42;  // out of range: dropped, not trusted
  tampered["answers"]["ghost"] = 1;
  auto t = Session::restore(f.def, f.logic, tampered);
  ASSERT_TRUE(t.ok());
  EXPECT_FALSE(t->answers().contains("nps"));
  EXPECT_FALSE(t->answers().contains("ghost"));
  tampered["page"] = 7;
  EXPECT_EQ(Session::restore(f.def, f.logic, tampered).status().path(), "/page");
}

TEST(Partial, RecordsEverythingSoFar) {
  Fixture f = load(kRecovery);
  Session s = begin(f);
  ASSERT_TRUE(s.answer("nps", 5).ok());
  ASSERT_TRUE(s.answer("contact", true).ok());
  ASSERT_TRUE(*s.next());
  ResponseRecord r = s.partial(1500, "k");
  EXPECT_EQ(r.kind, "partial");
  EXPECT_EQ(r.answers, (Json{{"nps", 5}, {"contact", true}}));
  EXPECT_EQ(r.nps_class["nps"], "detractor");
  EXPECT_EQ(r.response_id, "11111111-2222-4333-8444-555555555555");
}

}  // namespace
}  // namespace tessera::survey

namespace tessera::survey {
namespace {

constexpr const char* kWithRecovery = R"({"id": "r", "pages": [
  {"id": "p", "questions": [{"id": "nps", "type": "nps", "title": "Score?", "required": true}]}],
  "recovery": {"when": "{nps} <= 6", "apology": "We are sorry.", "goodwillPoints": 200,
               "goodwillText": "Here are 200 points for the trouble."},
  "variants": [{"id": "plain", "weight": 1},
               {"id": "friendly", "weight": 1,
                "texts": {"nps": {"title": "Would you tell a friend about us?"}}}]})";

TEST(Recovery, DetractorsGetTheRecoveryPageAndAFollowUp) {
  Fixture f = load(kWithRecovery);
  Session promoter = begin(f);
  ASSERT_TRUE(promoter.answer("nps", 10).ok());
  EXPECT_TRUE(promoter.on_last_page()) << "no recovery page for a promoter";
  auto done = promoter.complete(2000);
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->follow_up["needed"], false);

  Session detractor = begin(f);
  ASSERT_TRUE(detractor.answer("nps", 2).ok());
  ASSERT_TRUE(*detractor.next());
  EXPECT_EQ(
      visible_ids(detractor),
      (std::vector<std::string>{"recovery_apology", "recovery_goodwill", "recovery_contact"}));
  ASSERT_TRUE(detractor.answer("recovery_contact", true).ok());
  EXPECT_FALSE(detractor.complete(3000).ok()) << "the address is required once consent is given";
  ASSERT_TRUE(detractor.answer("recovery_channel", "sam@example.org").ok());
  auto record = detractor.complete(3000);
  ASSERT_TRUE(record.ok()) << record.status().to_string();
  EXPECT_EQ(record->follow_up, (Json{{"needed", true},
                                     {"consent", true},
                                     {"channel", "email"},
                                     {"goodwillPoints", 200},
                                     {"address", "sam@example.org"}}));
}

TEST(Variants, AssignmentIsStablePerVisitorAndRecorded) {
  Fixture f = load(kWithRecovery);
  int friendly = 0;
  for (int v = 0; v < 200; ++v) {
    std::string visitor = "visitor-" + std::to_string(v);
    int a = assign_variant(*f.def, visitor);
    EXPECT_EQ(a, assign_variant(*f.def, visitor)) << "stable";
    friendly += a;
  }
  EXPECT_GT(friendly, 70);
  EXPECT_LT(friendly, 130) << "about half of 200 with equal weights";
  for (int v = 0; v < 10; ++v) {
    SessionStart st{"en", 1000, 1, "11111111-2222-4333-8444-555555555555",
                    "visitor-" + std::to_string(v)};
    Session s = *Session::start(f.def, f.logic, st);
    bool is_friendly = assign_variant(*f.def, st.visitor_id) == 1;
    EXPECT_EQ(s.view_model()["questions"][0]["title"],
              is_friendly ? "Would you tell a friend about us?" : "Score?");
    ASSERT_TRUE(s.answer("nps", 9).ok());
    EXPECT_EQ(s.complete(2000)->variant, is_friendly ? "friendly" : "plain");
  }
}

TEST(Variants, OverridesMustNameExistingQuestions) {
  auto def = parse_survey_text(R"({"id": "v", "pages": [{"id": "p", "questions": [
    {"id": "a", "type": "yesno", "title": "A"}]}],
    "variants": [{"id": "x"}, {"id": "y", "texts": {"b": {"title": "B"}}}]})");
  EXPECT_EQ(def.status().path(), "/variants/1/texts/b");
}

}  // namespace
}  // namespace tessera::survey
