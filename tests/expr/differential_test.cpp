// Differential test against SurveyJS: every case of
// tests/expr/corpus/surveyjs-corpus.json (made by generate.mjs from
// survey-core) is evaluated by Tessera. A result that differs must be
// explained by one of the deviation rules written in docs/expressions.md;
// the classifier below names the rule for each. Anything else fails.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "tessera/common/json.hpp"
#include "tessera/expr/expression.hpp"

namespace tessera::expr {
namespace {

Json load_corpus() {
  std::ifstream in(std::string(TESSERA_SOURCE_DIR) + "/tests/expr/corpus/surveyjs-corpus.json");
  std::stringstream text;
  text << in.rdbuf();
  JsonLimits limits;
  limits.max_bytes = 4u << 20;
  Result<Json> corpus = parse_json(text.str(), limits);
  return corpus.ok() ? *corpus : Json();
}

bool has(const std::string& text, const char* needle) {
  return text.find(needle) != std::string::npos;
}

bool truthy(const Json& v) {
  if (v.is_null()) return false;
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_number()) return v.get<double>() != 0;
  if (v.is_string()) return !v.get_ref<const std::string&>().empty();
  return true;
}

// SurveyJS returns Date objects, stored as ISO text in UTC; Tessera returns
// dates as ISO text too, without the time when it is midnight (rule D1).
bool same(const Json& tessera, const Json& surveyjs) {
  if (tessera.is_number() && surveyjs.is_number()) {
    return tessera.get<double>() == surveyjs.get<double>();
  }
  if (tessera.is_string() && surveyjs.is_string()) {
    const std::string& t = tessera.get_ref<const std::string&>();
    std::string s = surveyjs.get<std::string>();
    if (s.size() == 24 && s.compare(10, 14, "T00:00:00.000Z") == 0) s.resize(10);
    return t == s;
  }
  return tessera == surveyjs;
}

bool logical(const std::string& e) {
  return has(e, " and ") || has(e, " or ") || has(e, "&&") || has(e, "||");
}

bool has_text_that_is_not_a_number(const Json& v, int depth = 0) {
  if (depth > 8) return false;
  if (v.is_string()) {
    const std::string& s = v.get_ref<const std::string&>();
    return s.empty() || s.find_first_not_of("0123456789.- ") != std::string::npos;
  }
  if (v.is_array() || v.is_object()) {
    for (const Json& item : v) {
      if (has_text_that_is_not_a_number(item, depth + 1)) return true;
    }
  }
  return false;
}

// True if a variable the expression reads is null or absent.
bool reads_missing(const Expression& expression, const Json& values) {
  for (const std::string& name : expression.variable_roots()) {
    auto it = values.find(name);
    if (it == values.end() || it->is_null()) return true;
  }
  return false;
}

// Names the documented rule (docs/expressions.md, "Differences from
// SurveyJS") that explains a mismatch, or "" if none does.
std::string classify(const std::string& e, const Expression& expression, const Json& values,
                     const Json& tessera, const Json& surveyjs) {
  // L1: and/or give booleans, SurveyJS gives an operand.
  if (logical(e) && tessera.is_boolean() && !surveyjs.is_boolean() &&
      truthy(surveyjs) == tessera.get<bool>()) {
    return "L1 and/or return booleans";
  }
  // A1: aggregates add numbers only; SurveyJS concatenates text into sums
  // and compares text with numbers in min/max.
  if ((has(e, "sum(") || has(e, "min(") || has(e, "max(") || has(e, "avg(")) &&
      (has_text_that_is_not_a_number(values) || has(e, "'"))) {
    return "A1 aggregates take numbers only";
  }
  // A2: round()/trunc() of null is null; SurveyJS drops the null and rounds
  // the next argument (round(null, 2) is 2).
  if ((has(e, "round(") || has(e, "trunc(")) && reads_missing(expression, values)) {
    return "A2 round/trunc of null is null";
  }
  // N1: integral powers are exact repeated multiplications, Math.pow may
  // differ in the last bits.
  if (has(e, "^") && tessera.is_number() && surveyjs.is_number()) {
    const double t = tessera.get<double>();
    const double s = surveyjs.get<double>();
    if (std::fabs(t - s) <= 1e-12 * std::max(1.0, std::fabs(s)))
      return "N1 powers multiply exactly";
  }
  return "";
}

TEST(ExprDifferential, AgreesWithSurveyJsOrNamesTheRule) {
  Json corpus = load_corpus();
  ASSERT_TRUE(corpus.is_object() && corpus.contains("cases")) << "corpus missing or malformed";
  EvalContext context;
  context.now_ms = corpus["now_ms"].get<std::int64_t>();
  context.utc_offset_minutes = corpus["utc_offset_minutes"].get<int>();

  std::size_t agree = 0;
  std::size_t unexplained = 0;
  std::map<std::string, std::size_t> by_rule;
  for (const Json& c : corpus["cases"]) {
    const std::string e = c["expression"].get<std::string>();
    const bool surveyjs_rejects = c.contains("surveyjs_parse_error");
    Result<Expression> parsed = Expression::parse(e);
    std::string rule;
    if (surveyjs_rejects || !parsed.ok()) {
      if (surveyjs_rejects && !parsed.ok()) {
        ++agree;
        continue;
      }
      if (surveyjs_rejects) {
        if (has(e, "not ")) rule = "P1 Tessera has the word `not`";
      } else {
        if (has(parsed.status().message(), "unexpected word")) rule = "P2 bare words are errors";
      }
      if (rule.empty()) {
        ++unexplained;
        ADD_FAILURE() << e << "\n  SurveyJS parses: " << !surveyjs_rejects
                      << ", Tessera: " << parsed.status().to_string();
      } else {
        ++by_rule[rule];
      }
      continue;
    }
    const Json got = parsed->evaluate(c["values"], context);
    if (same(got, c["expected"])) {
      ++agree;
      continue;
    }
    rule = classify(e, *parsed, c["values"], got, c["expected"]);
    if (rule.empty()) {
      ++unexplained;
      ADD_FAILURE() << e << "\n  values:   " << dump_json(c["values"])
                    << "\n  SurveyJS: " << dump_json(c["expected"])
                    << "\n  Tessera:  " << dump_json(got);
    } else {
      ++by_rule[rule];
    }
  }
  const std::size_t total = corpus["cases"].size();
  std::cout << "[differential] survey-core " << corpus["survey_core"].get<std::string>() << ": "
            << total << " cases, " << agree << " agree ("
            << (100.0 * static_cast<double>(agree) / static_cast<double>(total)) << "%), "
            << (total - agree - unexplained) << " differ by a written rule, " << unexplained
            << " unexplained\n";
  for (const auto& [rule, count] : by_rule) std::cout << "  " << rule << ": " << count << "\n";
  EXPECT_EQ(unexplained, 0u);
  EXPECT_GT(total, 2000u);
}

}  // namespace
}  // namespace tessera::expr
