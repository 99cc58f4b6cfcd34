// Status, Result and JSON reading with paths.
#include "tessera/common/status.hpp"
#include "tessera/common/json.hpp"
#include "tessera/common/text.hpp"

#include <gtest/gtest.h>

namespace tessera {
namespace {

TEST(Status, OkAndErrorText) {
  EXPECT_TRUE(Status::Ok().ok());
  Status st(Code::kInvalidType, "expected a string", "/pages/0/id");
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(st.to_string(), "invalid_type at /pages/0/id: expected a string");
}

TEST(Result, HoldsValueOrStatus) {
  Result<int> good = 3;
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 3);
  Result<int> bad = Status(Code::kNotFound, "no");
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Code::kNotFound);
}

TEST(Json, SyntaxErrorNamesTheByte) {
  auto r = parse_json(R"({"a": 1,})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalidJson);
  EXPECT_NE(r.status().message().find("byte 9"), std::string::npos) << r.status().message();
}

TEST(Json, RefusesDeepNestingAndHugeInput) {
  std::string deep(100, '[');
  deep += std::string(100, ']');
  EXPECT_EQ(parse_json(deep).status().code(), Code::kLimitExceeded);
  EXPECT_EQ(parse_json(std::string(2000, ' '), {1000, 8}).status().code(), Code::kLimitExceeded);
  // Brackets inside strings do not count toward depth.
  EXPECT_TRUE(parse_json(R"({"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["})").ok());
}

TEST(Json, PointerEscaping) {
  EXPECT_EQ(pointer_join("/a", "b/c~d"), "/a/b~1c~0d");
  EXPECT_EQ(pointer_join("", std::size_t{3}), "/3");
}

TEST(FieldReader, TypedFieldsWithPaths) {
  Json doc = *parse_json(R"({"id":"ok-1","n":12,"f":1.5,"b":"yes","big":99999999999999999999})");
  FieldReader r(doc, "/x");
  EXPECT_EQ(*r.required_id("id"), "ok-1");
  EXPECT_EQ(r.required_int("n", 0, 10).status().code(), Code::kOutOfRange);
  EXPECT_EQ(r.required_int("n", 0, 10).status().path(), "/x/n");
  EXPECT_EQ(r.required_int("f", 0, 10).status().code(), Code::kInvalidType);
  EXPECT_EQ(r.optional_bool("b", false).status().code(), Code::kInvalidType);
  EXPECT_EQ(r.required_int("missing", 0, 1).status().code(), Code::kMissingField);
  EXPECT_EQ(r.required_int("big", 0, INT64_MAX).status().code(), Code::kInvalidType);
  EXPECT_EQ(r.reject_unknown({"id"}).code(), Code::kUnknownField);
}

TEST(FieldReader, IdsArePlain) {
  EXPECT_TRUE(check_id("nps_1.a-b", "").ok());
  EXPECT_FALSE(check_id("", "").ok());
  EXPECT_FALSE(check_id("_x", "").ok());
  EXPECT_FALSE(check_id("a b", "").ok());
  EXPECT_FALSE(check_id(std::string(65, 'a'), "").ok());
}

TEST(Utf8, LengthCountsCodePoints) {
  EXPECT_EQ(utf8_length("abc"), 3u);
  EXPECT_EQ(utf8_length("Grüße"), 5u);
  EXPECT_EQ(utf8_length("שלום"), 4u);
}

TEST(LocalizedText, FallsBackFromRegionToLanguageToDefault) {
  Json doc = *parse_json(R"({"en":"Hello","de":"Hallo","pt-BR":"Olá"})");
  auto text = read_text(doc, "/t", 100);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text->resolve("de-CH", "en"), "Hallo");
  EXPECT_EQ(text->resolve("pt-BR", "en"), "Olá");
  EXPECT_EQ(text->resolve("fr", "en"), "Hello");
  // Nothing matches: the first entry in locale-tag order, so the result
  // never depends on the order keys were written in.
  EXPECT_EQ(text->resolve("fr", "xx"), "Hallo");
}

TEST(LocalizedText, RejectsBadLocalesAndTypes) {
  EXPECT_EQ(read_text(*parse_json(R"({"english":"x"})"), "/t", 10).status().path(), "/t/english");
  EXPECT_EQ(read_text(*parse_json(R"({"en":3})"), "/t", 10).status().code(), Code::kInvalidType);
  EXPECT_EQ(read_text(*parse_json("5"), "/t", 10).status().code(), Code::kInvalidType);
  EXPECT_EQ(read_text(*parse_json(R"("too long")"), "/t", 3).status().code(), Code::kLimitExceeded);
}

}  // namespace
}  // namespace tessera
