// Sessions: answers, validation, navigation, records.
#include "tessera/survey/session.hpp"
#include "tessera/survey/logic.hpp"

#include <gtest/gtest.h>

namespace tessera::survey {
namespace {

std::shared_ptr<const SurveyDefinition> parse(const std::string& text) {
  auto def = parse_survey_text(text);
  EXPECT_TRUE(def.ok()) << def.status().to_string();
  return std::make_shared<const SurveyDefinition>(*def);
}

Result<Session> start(std::shared_ptr<const SurveyDefinition> def, SessionStart st) {
  auto logic = SurveyLogic::compile(*def);
  if (!logic.ok()) return logic.status();
  if (st.response_id.empty()) st.response_id = "01020304-0506-4708-890a-0b0c0d0e0f10";
  return Session::start(def, *logic, st);
}

std::shared_ptr<const SurveyDefinition> two_pages() {
  auto def = parse_survey_text(R"({
    "id": "s", "version": 2, "pages": [
      {"id": "p1", "questions": [{"id": "nps", "type": "nps", "title": "Likely?", "required": true}]},
      {"id": "p2", "questions": [{"id": "why", "type": "text", "title": "Why?",
                                  "minLength": 3, "maxLength": 10}]}]})");
  EXPECT_TRUE(def.ok()) << def.status().to_string();
  return std::make_shared<const SurveyDefinition>(*def);
}

TEST(Session, AnswersAreCheckedForTypeAndRange) {
  Session s = *start(two_pages(), {"en", 1000});
  EXPECT_EQ(s.answer("nps", 11).code(), Code::kOutOfRange);
  EXPECT_EQ(s.answer("nps", -1).code(), Code::kOutOfRange);
  EXPECT_EQ(s.answer("nps", "9").code(), Code::kInvalidType);
  EXPECT_EQ(s.answer("nps", 9.5).code(), Code::kInvalidType);
  EXPECT_EQ(s.answer("nope", 1).code(), Code::kNotFound);
  EXPECT_EQ(s.answer("why", "x").code(), Code::kFailedPrecondition) << "not on this page";
  EXPECT_TRUE(s.answer("nps", 0).ok());
  EXPECT_TRUE(s.answer("nps", 10).ok());
  EXPECT_EQ(s.answers()["nps"], 10);
  EXPECT_TRUE(s.answer("nps", nullptr).ok());
  EXPECT_FALSE(s.answers().contains("nps"));
}

TEST(Session, RequiredBlocksNextAndShowsError) {
  Session s = *start(two_pages(), {"de", 1000});
  EXPECT_FALSE(*s.next());
  EXPECT_EQ(s.page_index(), 0u);
  Json view = s.view_model();
  EXPECT_EQ(view["questions"][0]["error"], "Bitte beantworten Sie diese Frage.");
  ASSERT_TRUE(s.answer("nps", 8).ok());
  EXPECT_TRUE(s.view_model()["questions"][0]["error"].is_null());
  EXPECT_TRUE(*s.next());
  EXPECT_EQ(s.page_index(), 1u);
}

TEST(Session, TextLengthIsCheckedInCodePoints) {
  Session s = *start(two_pages(), {"en", 1000});
  ASSERT_TRUE(s.answer("nps", 8).ok());
  ASSERT_TRUE(*s.next());
  EXPECT_TRUE(s.answer("why", "ääääääääää").ok()) << "10 code points, 20 bytes";
  EXPECT_EQ(s.answer("why", "12345678901").code(), Code::kOutOfRange);
  EXPECT_EQ(s.view_model()["questions"][0]["error"], "Please use at most 10 characters.");
  EXPECT_EQ(s.answers()["why"], "ääääääääää") << "a rejected answer keeps the previous one";
  ASSERT_TRUE(s.answer("why", "ab").ok());
  EXPECT_EQ(s.complete(2000).status().code(), Code::kFailedPrecondition);
  EXPECT_EQ(s.view_model()["questions"][0]["error"], "Please write at least 3 characters.");
}

TEST(Session, BackKeepsAnswers) {
  Session s = *start(two_pages(), {"en", 1000});
  EXPECT_EQ(s.back().code(), Code::kFailedPrecondition);
  ASSERT_TRUE(s.answer("nps", 6).ok());
  ASSERT_TRUE(*s.next());
  ASSERT_TRUE(s.back().ok());
  EXPECT_EQ(s.view_model()["questions"][0]["value"], 6);
}

TEST(Session, CompleteProducesTheRecord) {
  Session s = *start(two_pages(), {"fr-CA", 1000});
  ASSERT_TRUE(s.answer("nps", 9).ok());
  EXPECT_EQ(s.complete(2000).status().code(), Code::kFailedPrecondition) << "pages remain";
  ASSERT_TRUE(*s.next());
  ASSERT_TRUE(s.answer("why", "great").ok());
  EXPECT_EQ(s.complete(999).status().code(), Code::kOutOfRange);
  auto record = s.complete(2000);
  ASSERT_TRUE(record.ok()) << record.status().to_string();
  EXPECT_EQ(record->survey_id, "s");
  EXPECT_EQ(record->survey_version, 2);
  EXPECT_EQ(record->locale, "fr-CA");
  EXPECT_EQ(record->started_at_ms, 1000);
  EXPECT_EQ(record->completed_at_ms, 2000);
  EXPECT_EQ(record->idempotency_key, "01020304-0506-4708-890a-0b0c0d0e0f10");
  EXPECT_EQ(record->answers, (Json{{"nps", 9}, {"why", "great"}}));
  EXPECT_EQ(record->nps_class, (Json{{"nps", "promoter"}}));
  EXPECT_EQ(s.state(), SessionState::kCompleted);
  EXPECT_EQ(s.answer("nps", 1).code(), Code::kFailedPrecondition);
  EXPECT_EQ(s.complete(3000).status().code(), Code::kFailedPrecondition);
}

TEST(Session, DismissIsNotAnAnswer) {
  Session s = *start(two_pages(), {"en", 1000});
  ASSERT_TRUE(s.answer("nps", 3).ok());
  ASSERT_TRUE(s.dismiss().ok());
  EXPECT_EQ(s.state(), SessionState::kDismissed);
  EXPECT_EQ(s.complete(2000).status().code(), Code::kFailedPrecondition);
}

TEST(Session, ViewModelIsLocalizedAndDirectional) {
  Session s = *start(two_pages(), {"he", 1000});
  Json v = s.view_model();
  EXPECT_EQ(v["dir"], "rtl");
  EXPECT_EQ(v["nav"]["next"], "הבא");
  EXPECT_EQ(v["questions"][0]["options"].size(), 11u);
  EXPECT_EQ(v["progress"]["label"], "עמוד 1 מתוך 2");
  EXPECT_EQ(start(two_pages(), {"en-GB", 0})->view_model()["dir"], "ltr");
  EXPECT_EQ(start(two_pages(), {"nonsense locale", 0}).status().code(), Code::kInvalidValue);
}

TEST(Uuid, SetsVersionAndVariant) {
  std::array<std::uint8_t, 16> ones;
  ones.fill(0xFF);
  EXPECT_EQ(uuid_v4_from_bytes(ones), "ffffffff-ffff-4fff-bfff-ffffffffffff");
}

}  // namespace
}  // namespace tessera::survey
