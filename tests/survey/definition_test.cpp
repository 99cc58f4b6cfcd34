// Survey definitions: good ones parse, bad ones fail with a JSON pointer.
#include "tessera/survey/definition.hpp"

#include <gtest/gtest.h>

namespace tessera::survey {
namespace {

constexpr const char* kGood = R"({
  "id": "post-purchase", "version": 3, "defaultLocale": "en",
  "title": {"en": "Quick question", "de": "Kurze Frage"},
  "pages": [{"id": "p1", "questions": [
    {"id": "nps", "type": "nps", "required": true, "title": "How likely?",
     "minLabel": "Not likely", "maxLabel": "Very likely"},
    {"id": "reason", "type": "text", "title": "Why?", "maxLength": 500, "multiline": false}
  ]}]
})";

Status parse_error(const std::string& text) { return parse_survey_text(text).status(); }

TEST(SurveyDefinition, ParsesNpsAndText) {
  auto def = parse_survey_text(kGood);
  ASSERT_TRUE(def.ok()) << def.status().to_string();
  EXPECT_EQ(def->id, "post-purchase");
  EXPECT_EQ(def->version, 3);
  ASSERT_EQ(def->pages.size(), 1u);
  ASSERT_EQ(def->question_count(), 2u);
  const Question* nps = def->find_question("nps");
  ASSERT_NE(nps, nullptr);
  EXPECT_EQ(nps->type, QuestionType::kNps);
  EXPECT_TRUE(nps->required);
  EXPECT_EQ(nps->scale.max_label.resolve("en", "en"), "Very likely");
  const Question* reason = def->find_question("reason");
  ASSERT_NE(reason, nullptr);
  EXPECT_EQ(reason->text.max_length, 500);
  EXPECT_FALSE(reason->text.multiline);
  EXPECT_FALSE(reason->required);
  EXPECT_EQ(def->title.resolve("de-AT", "en"), "Kurze Frage");
}

struct BadCase {
  const char* name;
  const char* json;
  Code code;
  const char* path;
};

class BadDefinition : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadDefinition, FailsWithPathAndCode) {
  const BadCase& c = GetParam();
  Status st = parse_error(c.json);
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(st.code(), c.code) << st.to_string();
  EXPECT_EQ(st.path(), c.path) << st.to_string();
  EXPECT_FALSE(st.message().empty());
}

#define PAGE(q) R"({"id":"s","pages":[{"id":"p","questions":[)" q "]}]}"
const BadCase kBadCases[] = {
    {"not_json", "{", Code::kInvalidJson, ""},
    {"not_object", "[]", Code::kInvalidType, ""},
    {"missing_id", R"({"pages":[]})", Code::kMissingField, "/id"},
    {"id_wrong_type", R"({"id":5,"pages":[]})", Code::kInvalidType, "/id"},
    {"id_bad_chars", R"({"id":"a b","pages":[]})", Code::kInvalidValue, "/id"},
    {"no_pages", R"({"id":"s","pages":[]})", Code::kOutOfRange, "/pages"},
    {"pages_not_array", R"({"id":"s","pages":{}})", Code::kInvalidType, "/pages"},
    {"unknown_field", R"({"id":"s","pgaes":[]})", Code::kUnknownField, "/pgaes"},
    {"bad_locale", R"({"id":"s","defaultLocale":"english","pages":[]})", Code::kInvalidValue,
     "/defaultLocale"},
    {"page_missing_id", R"({"id":"s","pages":[{"questions":[]}]})", Code::kMissingField,
     "/pages/0/id"},
    {"empty_questions", R"({"id":"s","pages":[{"id":"p","questions":[]}]})", Code::kOutOfRange,
     "/pages/0/questions"},
    {"unknown_type", PAGE(R"({"id":"q","type":"slider","title":"t"})"), Code::kInvalidValue,
     "/pages/0/questions/0/type"},
    {"type_not_string", PAGE(R"({"id":"q","type":1,"title":"t"})"), Code::kInvalidType,
     "/pages/0/questions/0/type"},
    {"question_missing_id", PAGE(R"({"type":"nps","title":"t"})"), Code::kMissingField,
     "/pages/0/questions/0/id"},
    {"question_missing_title", PAGE(R"({"id":"q","type":"nps"})"), Code::kMissingField,
     "/pages/0/questions/0/title"},
    {"duplicate_question", PAGE(R"({"id":"q","type":"nps","title":"t"},
                                  {"id":"q","type":"text","title":"t"})"),
     Code::kDuplicateId, "/pages/0/questions/1/id"},
    {"duplicate_page",
     R"({"id":"s","pages":[{"id":"p","questions":[{"id":"a","type":"nps","title":"t"}]},
                           {"id":"p","questions":[{"id":"b","type":"nps","title":"t"}]}]})",
     Code::kDuplicateId, "/pages/1/id"},
    {"nps_scale_out_of_range", PAGE(R"({"id":"q","type":"nps","title":"t","scale":{"max":12}})"),
     Code::kOutOfRange, "/pages/0/questions/0/scale/max"},
    {"required_not_bool", PAGE(R"({"id":"q","type":"nps","title":"t","required":"yes"})"),
     Code::kInvalidType, "/pages/0/questions/0/required"},
    {"max_length_zero", PAGE(R"({"id":"q","type":"text","title":"t","maxLength":0})"),
     Code::kOutOfRange, "/pages/0/questions/0/maxLength"},
    {"max_length_huge", PAGE(R"({"id":"q","type":"text","title":"t","maxLength":1e12})"),
     Code::kInvalidType, "/pages/0/questions/0/maxLength"},
    {"min_over_max", PAGE(R"({"id":"q","type":"text","title":"t","maxLength":5,"minLength":6})"),
     Code::kOutOfRange, "/pages/0/questions/0/minLength"},
    {"text_field_on_nps", PAGE(R"({"id":"q","type":"nps","title":"t","maxLength":5})"),
     Code::kUnknownField, "/pages/0/questions/0/maxLength"},
    {"title_bad_locale_map", PAGE(R"({"id":"q","type":"nps","title":{"en":1}})"),
     Code::kInvalidType, "/pages/0/questions/0/title/en"},
};
#undef PAGE

INSTANTIATE_TEST_SUITE_P(Survey, BadDefinition, ::testing::ValuesIn(kBadCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(SurveyDefinition, RefusesOversizedAndDeepInput) {
  std::string deep = R"({"id":"s","title":)" + std::string(64, '[') + std::string(64, ']') + "}";
  EXPECT_EQ(parse_error(deep).code(), Code::kLimitExceeded);
  std::string long_title = R"({"id":"s","title":")" + std::string(2000, 'x') + R"(","pages":[]})";
  EXPECT_EQ(parse_error(long_title).code(), Code::kLimitExceeded);
  EXPECT_EQ(parse_error(long_title).path(), "/title");
}

}  // namespace
}  // namespace tessera::survey
