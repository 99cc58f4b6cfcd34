// Expression parsing, errors, limits, variables and the rules where Tessera
// deliberately differs from SurveyJS (docs/expressions.md).
#include "tessera/expr/expression.hpp"

#include <gtest/gtest.h>

#include <string>

namespace tessera::expr {
namespace {

Json eval(const std::string& text, const Json& values = Json::object(),
          const EvalContext& context = {}) {
  Result<Expression> e = Expression::parse(text);
  EXPECT_TRUE(e.ok()) << text << ": " << e.status().to_string();
  return e.ok() ? e->evaluate(values, context) : Json("<parse error>");
}

std::string dumped(const std::string& text, const Json& values = Json::object(),
                   const EvalContext& context = {}) {
  return dump_json(eval(text, values, context));
}

TEST(Expression, ArithmeticAndPrecedence) {
  EXPECT_EQ(dumped("1 + 2 * 3 - 4 / 2"), "5");
  EXPECT_EQ(dumped("(1 + 2) * 3"), "9");
  EXPECT_EQ(dumped("-2 ^ 2"), "4");      // the minus belongs to the number
  EXPECT_EQ(dumped("2 ^ 3 ^ 2"), "64");  // left to right, as in SurveyJS
  EXPECT_EQ(dumped("0.1 + 0.2"), "0.3");
  EXPECT_EQ(dumped("0.1 * 3"), "0.3");
  EXPECT_EQ(dumped("7 % 3"), "1");
  EXPECT_EQ(dumped("{a} / 0", {{"a", 5}}), "null");
  EXPECT_EQ(dumped("-{a}", {{"a", 5}}), "-5");
  EXPECT_EQ(dumped("2 * [3] contains 3"), "2");  // membership binds tighter
}

TEST(Expression, TextAndNumbers) {
  EXPECT_EQ(dumped("'1' + 1"), "\"11\"");
  EXPECT_EQ(dumped("{n} + 1", {{"n", "5"}}), "6");         // numeric answers are numbers
  EXPECT_EQ(dumped("{n} + 1", {{"n", "05"}}), "\"051\"");  // codes stay text
  EXPECT_EQ(dumped("'a' + 1.5"), "\"a1.5\"");
  EXPECT_EQ(dumped("'x' + 1e21"), "\"x1e+21\"");
  EXPECT_EQ(dumped("'x' + 0.000001"), "\"x0.000001\"");
  EXPECT_EQ(dumped("'x' + 0.0000001"), "\"x1e-7\"");
}

TEST(Expression, EqualityFollowsSurveyJs) {
  EXPECT_EQ(eval("0 == '000'"), true);
  EXPECT_EQ(eval("'Yes' = 'yes'"), true);
  EXPECT_EQ(eval("{q} = ''", Json::object()), true);
  EXPECT_EQ(eval("[1, 2] = [2, 1]"), true);
  EXPECT_EQ(eval("true = 'TRUE'"), true);
  EXPECT_EQ(eval("{missing} > 0"), false);
  EXPECT_EQ(eval("{missing} < 0"), false);
}

TEST(Expression, LogicReturnsBooleansAndShortCircuits) {
  EXPECT_EQ(eval("true and 1"), true);  // SurveyJS: 1 (rule L1)
  EXPECT_EQ(eval("0 or ''"), false);
  EXPECT_EQ(eval("not {a} = 1", {{"a", 2}}), true);  // `not` is loose
  EXPECT_EQ(eval("! 1 = 2"), false);                 // `!` is tight: (!1) = 2
  EXPECT_EQ(eval("{a} > 1 && {b} empty || {c}", {{"a", 2}, {"c", true}}), true);
}

TEST(Expression, MembershipAndEmptiness) {
  Json v = {{"x", {"red", "blue"}}, {"s", "Hello"}, {"e", Json::array()}};
  EXPECT_EQ(eval("{x} contains 'red'", v), true);
  EXPECT_EQ(eval("{x} anyof ['green', 'blue']", v), true);
  EXPECT_EQ(eval("{x} allof ['red', 'green']", v), false);
  EXPECT_EQ(eval("{x} noneof ['green']", v), true);
  EXPECT_EQ(eval("{s} contains 'ell'", v), true);
  EXPECT_EQ(eval("{s} notcontains 'LL'", v), false);
  EXPECT_EQ(eval("{e} empty", v), true);
  EXPECT_EQ(eval("{missing} empty", v), true);
  EXPECT_EQ(eval("{s} notempty", v), true);
}

TEST(Expression, VariablePaths) {
  Json v = {{"order", {{"items", {{{"sku", "A1"}, {"qty", 2}}}}}}, {"a.b", 7}};
  EXPECT_EQ(eval("{order.items[0].sku}", v), "A1");
  EXPECT_EQ(eval("{order.items[3].sku}", v), nullptr);
  EXPECT_EQ(eval("{a.b}", v), 7);  // a key with a dot wins over the path
  EXPECT_EQ(eval("{ order.items[0].qty } * 2", v), 4);
}

TEST(Expression, VariablesAreListedOnce) {
  Result<Expression> e = Expression::parse("{b} > 1 and {a.x[0]} = {b} or sum({a.y}, {c}) > {b}");
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->variables(), (std::vector<std::string>{"a.x[0]", "a.y", "b", "c"}));
  EXPECT_EQ(e->variable_roots(), (std::vector<std::string>{"a", "b", "c"}));
}

TEST(Expression, Functions) {
  EXPECT_EQ(dumped("iif({a} > 1, 'big', 'small')", {{"a", 2}}), "\"big\"");
  EXPECT_EQ(dumped("sum([1, 2], 3, {x})", {{"x", {4, "5"}}}), "15");
  EXPECT_EQ(dumped("avg(1, 2)"), "1.5");
  EXPECT_EQ(dumped("min(3, 1)"), "1");
  EXPECT_EQ(dumped("max()"), "null");
  EXPECT_EQ(dumped("count([1, null, 'a'])"), "2");
  EXPECT_EQ(dumped("round(1.005, 2)"), "1.01");
  EXPECT_EQ(dumped("round(-2.5)"), "-3");
  EXPECT_EQ(dumped("trunc(2.789, 2)"), "2.78");
  EXPECT_EQ(dumped("abs(-3.5)"), "3.5");
  EXPECT_EQ(dumped("length('héllo')"), "5");
  EXPECT_EQ(dumped("length({x})", {{"x", {1, 2, 3}}}), "3");
  EXPECT_EQ(dumped("substring('héllo', 1, 3)"), "\"él\"");
  EXPECT_EQ(dumped("substring({zip}, 0, 2)", {{"zip", "12345"}}), "\"12\"");  // rule T1
}

TEST(Expression, DatesUseTheContextClockAndOffset) {
  EvalContext ctx;
  ctx.now_ms = 1710498600000;  // 2024-03-15T10:30:00Z
  EXPECT_EQ(dumped("today()", {}, ctx), "\"2024-03-15\"");
  EXPECT_EQ(dumped("today(1)", {}, ctx), "\"2024-03-16\"");
  EXPECT_EQ(dumped("age('2000-03-16')", {}, ctx), "23");
  EXPECT_EQ(dumped("age('2000-03-15')", {}, ctx), "24");
  EXPECT_EQ(dumped("weekday()", {}, ctx), "5");  // Friday
  EXPECT_EQ(dumped("dateAdd('2024-01-31', 1, 'months')"), "\"2024-03-02\"");
  EXPECT_EQ(dumped("dateAdd('2024-02-29', 1, 'years')"), "\"2025-03-01\"");
  EXPECT_EQ(dumped("dateAdd('2024-01-01', 90, 'minutes')"), "\"2024-01-01T01:30:00.000Z\"");
  EXPECT_EQ(dumped("dateDiff('2024-01-31', '2024-02-29', 'months')"), "0");
  EXPECT_EQ(dumped("dateDiff('2024-03-01', '2024-01-01')"), "60");
  EXPECT_EQ(dumped("year({ms})", {{"ms", 1700000000000}}), "2023");
  EXPECT_EQ(dumped("year('not a date')"), "null");
  // 23:30 UTC is already the next day at UTC+01:00.
  ctx.now_ms = 1710545400000;  // 2024-03-15T23:30:00Z
  ctx.utc_offset_minutes = 60;
  EXPECT_EQ(dumped("today()", {}, ctx), "\"2024-03-16\"");
  EXPECT_EQ(dumped("dateAdd('2024-01-01T10:00:00Z', 1, 'hours')", {}, ctx),
            "\"2024-01-01T12:00:00.000+01:00\"");
}

TEST(Expression, ParseErrorsNamePositionAndPath) {
  Result<Expression> e = Expression::parse("({a} + 1 = 2", "/pages/0/questions/2/visibleIf");
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.status().code(), Code::kInvalidValue);
  EXPECT_EQ(e.status().path(), "/pages/0/questions/2/visibleIf");
  EXPECT_EQ(e.status().message(), "expected ')' at character 13");

  auto message = [](const char* text) { return Expression::parse(text).status().message(); };
  EXPECT_EQ(message("1 +"), "unexpected end of expression at character 4");
  EXPECT_EQ(message("{a} = yes"), "unexpected word 'yes' (quote text: 'yes') at character 7");
  EXPECT_EQ(message("foo(1)"), "unknown function 'foo' at character 1");
  EXPECT_EQ(message("round()"), "round() takes 1 to 2 argument(s), got 0 at character 1");
  EXPECT_EQ(message("'abc"), "unterminated string starting at character 1");
  EXPECT_EQ(message("{a"), "expected '}' to close the variable starting at character 1");
  EXPECT_EQ(message("é = 1"), "unexpected character at character 1");
  EXPECT_EQ(message("'é' = # "), "unexpected character at character 7");
  EXPECT_EQ(message("1 2"), "unexpected '2' at character 3");
  EXPECT_EQ(message(""), "unexpected end of expression at character 1");
  EXPECT_EQ(message("{a[x]}"), "malformed variable path at character 1");
}

TEST(Expression, LimitsRefuseHostileInput) {
  ExprLimits limits;
  EXPECT_EQ(Expression::parse(std::string(5000, '1')).status().code(), Code::kLimitExceeded);
  Result<Expression> deep = Expression::parse(std::string(40, '(') + "1" + std::string(40, ')'));
  EXPECT_EQ(deep.status().code(), Code::kLimitExceeded);
  EXPECT_EQ(deep.status().message(), "nesting deeper than 32 levels at character 33");
  EXPECT_EQ(Expression::parse(std::string(100000, '(')).status().code(), Code::kLimitExceeded);
  EXPECT_EQ(Expression::parse(std::string(1000, '!') + "1").status().code(), Code::kLimitExceeded);
  std::string wide = "1";
  for (int i = 0; i < 1200; ++i) wide += "+1";
  EXPECT_EQ(Expression::parse(wide).status().code(), Code::kLimitExceeded);
  std::string many = "sum(";
  for (int i = 0; i < 70; ++i) many += "1,";
  many += "1)";
  EXPECT_EQ(Expression::parse(many).status().code(), Code::kLimitExceeded);
  limits.max_arguments = 100;
  EXPECT_TRUE(Expression::parse(many, "", limits).ok());
}

// Cheap deterministic fuzzing: every prefix and mutation of a rich
// expression must parse or fail cleanly, and evaluate without crashing.
TEST(Expression, MutatedInputNeverCrashes) {
  const std::string seed =
      "iif({a.b[0]} >= 2 and not {s} empty, sum([1, 'x'], {n}) ^ 2, "
      "dateAdd('2024-01-31', -1, 'months')) contains substring(\"q\\\"r\", 1) or !{z} notempty";
  const std::string alphabet = "{}[]()'\",.!-+*/%^=<>&|ab019 eE";
  Json values = {{"a", {{"b", {3}}}}, {"s", "x"}, {"n", "7"}, {"z", Json::array()}};
  std::uint32_t state = 12345;
  auto rnd = [&state]() {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return state;
  };
  std::size_t parsed = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string text = seed.substr(0, rnd() % (seed.size() + 1));
    for (int k = 0; k < 3; ++k) {
      if (text.empty()) break;
      text[rnd() % text.size()] = alphabet[rnd() % alphabet.size()];
    }
    Result<Expression> e = Expression::parse(text);
    if (!e.ok()) continue;
    ++parsed;
    (void)e->evaluate(values);
    (void)e->test(Json::array());
  }
  EXPECT_GT(parsed, 0u);
}

}  // namespace
}  // namespace tessera::expr
