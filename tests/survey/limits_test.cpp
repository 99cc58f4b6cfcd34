// Every limit of SurveyLimits (tessera/survey/limits.hpp, docs/limits.md):
// a definition exactly at the limit is accepted, one step over is refused
// with kLimitExceeded (or kOutOfRange for a numeric setting) and a JSON
// pointer to the offending place. Limits are lowered in the tests so the
// definitions stay small; the defaults are checked against the documented
// numbers once.
#include <gtest/gtest.h>

#include "tessera/survey/definition.hpp"
#include "tessera/survey/logic.hpp"

namespace tessera::survey {
namespace {

Json question(const std::string& id) { return Json{{"id", id}, {"type", "text"}, {"title", "Q"}}; }

Json page(const std::string& id, std::size_t questions, const std::string& prefix) {
  Json qs = Json::array();
  for (std::size_t i = 0; i < questions; ++i) qs.push_back(question(prefix + std::to_string(i)));
  return Json{{"id", id}, {"questions", qs}};
}

Json survey(Json pages) { return Json{{"id", "s"}, {"pages", std::move(pages)}}; }

Json one_question(Json q) { return survey(Json::array({Json{{"id", "p"}, {"questions", {q}}}})); }

// Parses (and compiles the expressions of) a definition.
Status parse(const Json& def, const SurveyLimits& limits) {
  auto parsed = parse_survey(def, "", limits);
  if (!parsed.ok()) return parsed.status();
  return SurveyLogic::compile(*parsed).status();
}

void expect_ok(const Json& def, const SurveyLimits& limits) {
  Status st = parse(def, limits);
  EXPECT_TRUE(st.ok()) << st.to_string();
}

void expect_refused(const Json& def, const SurveyLimits& limits, const std::string& path,
                    Code code = Code::kLimitExceeded) {
  Status st = parse(def, limits);
  ASSERT_FALSE(st.ok()) << "accepted over the limit; expected a refusal at " << path;
  EXPECT_EQ(st.code(), code) << st.to_string();
  EXPECT_EQ(st.path(), path) << st.to_string();
}

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

TEST(SurveyLimits, DefaultsAreTheDocumentedOnes) {
  SurveyLimits d;
  EXPECT_EQ(d.max_definition_bytes, 512u * 1024);
  EXPECT_EQ(d.max_nesting, 16);
  EXPECT_EQ(d.max_pages, 100u);
  EXPECT_EQ(d.max_questions_per_page, 200u);
  EXPECT_EQ(d.max_questions, 1000u);
  EXPECT_EQ(d.max_choices, 200u);
  EXPECT_EQ(d.max_jumps_per_page, 50u);
  EXPECT_EQ(d.max_calculated_values, 100u);
  EXPECT_EQ(d.max_variants, 10u);
  EXPECT_EQ(d.max_title_length, 1000u);
  EXPECT_EQ(d.max_description_length, 5000u);
  EXPECT_EQ(d.max_pattern_length, 500u);
  EXPECT_EQ(d.max_expression_length, 2000u);
  EXPECT_EQ(d.max_expression_depth, 32);
  EXPECT_EQ(d.max_expression_nodes, 1024u);
  EXPECT_EQ(d.max_text_answer_length, 10000);
}

TEST(SurveyLimits, DefinitionBytes) {
  Json def = one_question(question("q"));
  std::size_t size = dump_json(def).size();
  SurveyLimits at;
  at.max_definition_bytes = size;
  expect_ok(def, at);
  EXPECT_TRUE(parse_survey_text(dump_json(def), at).ok());
  SurveyLimits under = at;
  under.max_definition_bytes = size - 1;
  expect_refused(def, under, "");
  auto text = parse_survey_text(dump_json(def), under);
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.status().code(), Code::kLimitExceeded);
  // Escapes count as written: a quote inside a string is two bytes.
  Json quoted = one_question(Json{{"id", "q"}, {"type", "text"}, {"title", "say \"hi\"\n"}});
  SurveyLimits exact;
  exact.max_definition_bytes = dump_json(quoted).size();
  expect_ok(quoted, exact);
  exact.max_definition_bytes -= 1;
  expect_refused(quoted, exact, "");
}

TEST(SurveyLimits, Nesting) {
  // survey {} > pages [] > page {} > questions [] > question {} > title {}: 6 levels.
  Json def = one_question(Json{{"id", "q"}, {"type", "text"}, {"title", {{"en", "Q"}}}});
  SurveyLimits at;
  at.max_nesting = 6;
  expect_ok(def, at);
  EXPECT_TRUE(parse_survey_text(dump_json(def), at).ok());
  SurveyLimits over = at;
  over.max_nesting = 5;
  expect_refused(def, over, "/pages/0/questions/0/title");
  EXPECT_EQ(parse_survey_text(dump_json(def), over).status().code(), Code::kLimitExceeded);
}

TEST(SurveyLimits, Pages) {
  SurveyLimits limits;
  limits.max_pages = 3;
  Json pages = Json::array();
  for (int i = 0; i < 3; ++i)
    pages.push_back(page("p" + std::to_string(i), 1, "q" + std::to_string(i)));
  expect_ok(survey(pages), limits);
  pages.push_back(page("p3", 1, "q3"));
  expect_refused(survey(pages), limits, "/pages");
}

TEST(SurveyLimits, QuestionsPerPageAndInTotal) {
  SurveyLimits limits;
  limits.max_questions_per_page = 4;
  expect_ok(survey(Json::array({page("p", 4, "q")})), limits);
  expect_refused(survey(Json::array({page("p", 5, "q")})), limits, "/pages/0/questions");

  SurveyLimits total;
  total.max_questions = 6;
  expect_ok(survey(Json::array({page("a", 3, "a"), page("b", 3, "b")})), total);
  // The seventh question is named.
  expect_refused(survey(Json::array({page("a", 3, "a"), page("b", 4, "b")})), total,
                 "/pages/1/questions/3");
}

TEST(SurveyLimits, Choices) {
  SurveyLimits limits;
  limits.max_choices = 3;
  Json q = {{"id", "c"}, {"type", "single"}, {"title", "Pick"}, {"choices", {"a", "b", "c"}}};
  expect_ok(one_question(q), limits);
  q["choices"].push_back("d");
  expect_refused(one_question(q), limits, "/pages/0/questions/0/choices");
  // Matrix rows and columns count the same way.
  Json m = {{"id", "m"},
            {"type", "matrix"},
            {"title", "Rate"},
            {"rows", {"r1"}},
            {"columns", {"1", "2", "3"}}};
  expect_ok(one_question(m), limits);
  m["columns"].push_back("4");
  expect_refused(one_question(m), limits, "/pages/0/questions/0/columns");
}

TEST(SurveyLimits, JumpsCalculatedValuesVariants) {
  SurveyLimits limits;
  limits.max_jumps_per_page = 2;
  limits.max_calculated_values = 2;
  limits.max_variants = 2;
  Json def = survey(Json::array({page("p1", 1, "a"), page("p2", 1, "b")}));
  def["pages"][0]["jumps"] = {{{"if", "{a0} = 1"}, {"to", "end"}},
                              {{"if", "{a0} = 2"}, {"to", "p2"}}};
  def["calculatedValues"] = {{{"name", "x"}, {"expression", "1"}},
                             {{"name", "y"}, {"expression", "2"}}};
  def["variants"] = {{{"id", "v1"}}, {{"id", "v2"}}};
  expect_ok(def, limits);
  Json more_jumps = def;
  more_jumps["pages"][0]["jumps"].push_back({{"if", "{a0} = 3"}, {"to", "end"}});
  expect_refused(more_jumps, limits, "/pages/0/jumps");
  Json more_values = def;
  more_values["calculatedValues"].push_back({{"name", "z"}, {"expression", "3"}});
  expect_refused(more_values, limits, "/calculatedValues");
  Json more_variants = def;
  more_variants["variants"].push_back({{"id", "v3"}});
  expect_refused(more_variants, limits, "/variants");
}

TEST(SurveyLimits, StringLengthsCountCodePoints) {
  SurveyLimits limits;
  limits.max_title_length = 5;
  limits.max_description_length = 8;
  limits.max_pattern_length = 6;
  // "é" is two bytes and one character.
  Json q = {{"id", "q"},
            {"type", "text"},
            {"title", repeat("é", 5)},
            {"description", repeat("d", 8)},
            {"pattern", "[a-z]+"}};
  expect_ok(one_question(q), limits);
  Json long_title = q;
  long_title["title"] = repeat("é", 6);
  expect_refused(one_question(long_title), limits, "/pages/0/questions/0/title");
  Json localized = q;
  localized["title"] = {{"en", "ok"}, {"de", repeat("ü", 6)}};
  expect_refused(one_question(localized), limits, "/pages/0/questions/0/title/de");
  Json long_description = q;
  long_description["description"] = repeat("d", 9);
  expect_refused(one_question(long_description), limits, "/pages/0/questions/0/description");
  Json long_pattern = q;
  long_pattern["pattern"] = "[a-z]+x";
  expect_refused(one_question(long_pattern), limits, "/pages/0/questions/0/pattern");
}

TEST(SurveyLimits, ExpressionLength) {
  SurveyLimits limits;
  limits.max_expression_length = 13;
  Json q = question("q");
  q["visibleIf"] = "{q0} = 'éééé'";  // 13 characters, 17 bytes
  expect_ok(one_question(q), limits);
  q["visibleIf"] = "{q0} = 'ééééé'";
  expect_refused(one_question(q), limits, "/pages/0/questions/0/visibleIf");
}

TEST(SurveyLimits, ExpressionDepth) {
  SurveyLimits limits;
  limits.max_expression_depth = 5;
  Json q = question("q");
  q["visibleIf"] = repeat("(", 5) + "{q0}" + repeat(")", 5) + " = 1";
  expect_ok(one_question(q), limits);
  q["visibleIf"] = repeat("(", 6) + "{q0}" + repeat(")", 6) + " = 1";
  expect_refused(one_question(q), limits, "/pages/0/questions/0/visibleIf");
  // Calls and prefix operators nest too.
  q["visibleIf"] = "abs(abs(abs(abs(abs(abs(1))))))";
  expect_refused(one_question(q), limits, "/pages/0/questions/0/visibleIf");
  // The default depth holds against hostile nesting within the length limit.
  Json deep = question("q");
  deep["visibleIf"] = repeat("(", 900) + "1" + repeat(")", 900);
  expect_refused(one_question(deep), SurveyLimits{}, "/pages/0/questions/0/visibleIf");
}

TEST(SurveyLimits, ExpressionNodes) {
  // "1 + 1 + ... + 1" with n ones compiles to n constants and n - 1 additions.
  SurveyLimits limits;
  limits.max_expression_nodes = 9;
  Json q = question("q");
  q["visibleIf"] = "1" + repeat(" + 1", 4);  // 5 + 4 = 9
  expect_ok(one_question(q), limits);
  q["visibleIf"] = "1" + repeat(" + 1", 5);  // 11
  expect_refused(one_question(q), limits, "/pages/0/questions/0/visibleIf");
}

TEST(SurveyLimits, TextAnswerLength) {
  SurveyLimits limits;
  limits.max_text_answer_length = 50;
  Json q = question("q");
  q["maxLength"] = 50;
  expect_ok(one_question(q), limits);
  q["maxLength"] = 51;
  expect_refused(one_question(q), limits, "/pages/0/questions/0/maxLength", Code::kOutOfRange);
}

TEST(SurveyLimits, DefaultsRefuseHugeDefinitions) {
  // 101 pages, 1001 questions, a 513 KiB definition: each refused by default.
  Json pages = Json::array();
  for (int i = 0; i < 101; ++i)
    pages.push_back(page("p" + std::to_string(i), 1, "q" + std::to_string(i)));
  expect_refused(survey(pages), SurveyLimits{}, "/pages");
  Json big = one_question(question("q"));
  big["pages"][0]["questions"][0]["description"] = repeat("x", 4000);
  for (int i = 0; i < 130; ++i) {
    big["pages"][0]["questions"].push_back(Json{{"id", "q" + std::to_string(i)},
                                                {"type", "text"},
                                                {"title", "Q"},
                                                {"description", repeat("x", 4000)}});
  }
  expect_refused(big, SurveyLimits{}, "");
}

}  // namespace
}  // namespace tessera::survey
