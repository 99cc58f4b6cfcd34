// Incremental re-evaluation (only what depends on a changed answer) must give
// exactly what full re-evaluation gives. Random surveys (seeded) with chains
// of visibleIf conditions through answers and calculated values, piped
// titles, choice conditions, page conditions and jumps are answered by random
// sequences of calls; two sessions, one incremental and one re-evaluating
// everything, receive the same calls and are compared after every one:
// status, answers, calculated values, snapshot and the whole view model.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "tessera/survey/logic.hpp"
#include "tessera/survey/session.hpp"

namespace tessera::survey {
namespace {

// SplitMix64: a seeded generator whose sequence is the same everywhere.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
  bool chance(int percent) { return below(100) < percent; }
  template <typename T>
  const T& pick(const std::vector<T>& list) {
    return list[static_cast<std::size_t>(below(static_cast<int>(list.size())))];
  }

 private:
  std::uint64_t state_;
};

struct GeneratedQuestion {
  std::string id;
  std::string type;
  bool has_other = false;
};

struct GeneratedSurvey {
  Json definition;
  std::vector<std::vector<GeneratedQuestion>> pages;
};

// A condition on an earlier question (or a calculated value) of the survey.
std::string condition_on(Random& rng, const std::vector<GeneratedQuestion>& earlier,
                         const std::vector<std::string>& calculated) {
  if (!calculated.empty() && rng.chance(25)) {
    const std::string& c = rng.pick(calculated);
    switch (rng.below(3)) {
      case 0:
        return "{" + c + "} >= " + std::to_string(rng.below(8));
      case 1:
        return "{" + c + "} notempty";
      default:
        return "{" + c + "} <> 'lo'";
    }
  }
  if (earlier.empty()) return "";
  // Mostly the question just before: long chains.
  const GeneratedQuestion& q = rng.chance(70) ? earlier.back() : rng.pick(earlier);
  const std::string v = "{" + q.id + "}";
  if (q.type == "rating" || q.type == "nps") {
    return rng.chance(20) ? v + " empty" : v + " >= " + std::to_string(rng.below(5));
  }
  if (q.type == "single") {
    if (q.has_other && rng.chance(30)) return "{" + q.id + "-other} notempty";
    return rng.chance(50) ? v + " <> 'c'" : v + " anyof ['a', 'b', 'other']";
  }
  if (q.type == "multi") return rng.chance(50) ? v + " contains 'a'" : v + " notempty";
  if (q.type == "yesno") return v + (rng.chance(50) ? " = true" : " notempty");
  if (q.type == "matrix") return "{" + q.id + ".r1} = 'x'";
  return rng.chance(50) ? v + " notempty" : "length(" + v + ") > 2";
}

GeneratedSurvey generate(Random& rng, bool forward_reference) {
  GeneratedSurvey out;
  std::vector<GeneratedQuestion> all;
  std::vector<std::string> calculated;
  Json calc_list = Json::array();
  int page_count = 2 + rng.below(3);
  // Calculated values are declared before the pages read them, but read
  // answers from anywhere; each reads answers and earlier values.
  std::vector<std::string> planned_ids;
  for (int p = 0; p < page_count; ++p) {
    for (int i = 0; i < 6; ++i)
      planned_ids.push_back("q" + std::to_string(p) + "_" + std::to_string(i));
  }
  int calc_count = rng.below(5);
  for (int c = 0; c < calc_count; ++c) {
    std::string name = "c" + std::to_string(c);
    std::string a = "{" + rng.pick(planned_ids) + "}";
    std::string b = "{" + rng.pick(planned_ids) + "}";
    std::string e;
    switch (rng.below(5)) {
      case 0:
        e = "sum(" + a + ", " + b + ")";
        break;
      case 1:
        e = "iif(" + a + " notempty, 'hi', 'lo')";
        break;
      case 2:
        e = calculated.empty() ? "count(" + a + ")" : "{" + rng.pick(calculated) + "} * 2 + 1";
        break;
      case 3:
        e = calculated.empty() ? a + " / 2" : "sum({" + rng.pick(calculated) + "}, " + a + ")";
        break;
      default:
        e = a + " >= 3 and " + b + " notempty";
        break;
    }
    calc_list.push_back({{"name", name}, {"expression", e}});
    calculated.push_back(name);
  }
  if (forward_reference) {
    calc_list.push_back({{"name", "cfirst"}, {"expression", "{cfwd} + 1"}});
    calc_list.push_back({{"name", "cfwd"}, {"expression", "sum({" + planned_ids[0] + "}, 1)"}});
    calculated.push_back("cfwd");
  }

  Json pages = Json::array();
  for (int p = 0; p < page_count; ++p) {
    Json questions = Json::array();
    std::vector<GeneratedQuestion> page;
    int n = 2 + rng.below(5);
    for (int i = 0; i < n; ++i) {
      static const std::vector<std::string> kTypes = {"rating", "rating", "nps",  "single",
                                                      "multi",  "yesno",  "text", "matrix"};
      GeneratedQuestion g{"q" + std::to_string(p) + "_" + std::to_string(i), rng.pick(kTypes)};
      Json q = {{"id", g.id}, {"type", g.type}};
      std::string title = "Title " + g.id;
      if (!all.empty() && rng.chance(40)) title += " after {" + all.back().id + "}";
      if (!calculated.empty() && rng.chance(20)) title += " total {" + rng.pick(calculated) + "}";
      if (rng.chance(3)) title += " all {}";
      q["title"] = title;
      if (rng.chance(80)) {
        std::string c = condition_on(rng, all, calculated);
        if (!c.empty()) q["visibleIf"] = c;
      }
      if (rng.chance(15)) {
        std::string c = condition_on(rng, all, calculated);
        if (!c.empty()) q["enableIf"] = c;
      }
      if (rng.chance(15)) {
        std::string c = condition_on(rng, all, calculated);
        if (!c.empty()) q["requiredIf"] = c;
      }
      if (g.type == "rating") {
        q["min"] = 1;
        q["max"] = 5;
      } else if (g.type == "single" || g.type == "multi") {
        Json choices = Json::array({"a", "b", "c"});
        if (!all.empty() && rng.chance(30)) {
          choices[1] = {{"value", "b"},
                        {"text", "B {" + all.back().id + "}"},
                        {"visibleIf", condition_on(rng, all, calculated) + " or false"}};
        }
        q["choices"] = choices;
        g.has_other = rng.chance(50);
        if (g.has_other) q["hasOther"] = true;
        if (g.type == "multi" && rng.chance(50)) q["hasNone"] = true;
      } else if (g.type == "matrix") {
        q["rows"] = Json::array({"r1", "r2"});
        q["columns"] = Json::array({"x", "y"});
        if (!all.empty() && rng.chance(40)) {
          q["rows"][1] = {
              {"value", "r2"}, {"text", "R2"}, {"visibleIf", condition_on(rng, all, calculated)}};
        }
      }
      questions.push_back(q);
      page.push_back(g);
      all.push_back(g);
    }
    Json pj = {{"id", "p" + std::to_string(p)}, {"questions", questions}};
    if (p > 0 && rng.chance(25)) {
      std::string c = condition_on(rng, all, calculated);
      if (!c.empty()) pj["visibleIf"] = c;
    }
    if (p + 2 < page_count && rng.chance(25)) {
      pj["jumps"] = Json::array(
          {{{"if", condition_on(rng, all, calculated)}, {"to", "p" + std::to_string(p + 2)}}});
    }
    pages.push_back(pj);
    out.pages.push_back(page);
  }
  out.definition = {{"id", "random"}, {"version", 1}, {"pages", pages}};
  if (!calc_list.empty()) out.definition["calculatedValues"] = calc_list;
  if (rng.chance(20)) out.definition["clearHiddenAnswers"] = false;
  if (rng.chance(20)) {
    out.definition["variants"] = Json::array(
        {{{"id", "v1"}, {"texts", {{all.front().id, {{"title", "V {" + all.back().id + "}"}}}}}},
         {{"id", "v2"}, {"texts", Json::object()}}});
  }
  return out;
}

Json random_value(Random& rng, const std::string& type) {
  if (rng.chance(8)) return Json();           // clears the answer
  if (type == "rating") return rng.below(7);  // sometimes out of range
  if (type == "nps") return rng.below(11);
  if (type == "single") return Json(std::vector<std::string>{"a", "b", "c", "other"}[rng.below(4)]);
  if (type == "multi") {
    Json v = Json::array();
    for (const char* c : {"a", "b", "c"}) {
      if (rng.chance(40)) v.push_back(c);
    }
    if (rng.chance(15)) v = Json::array({"none"});
    return v;
  }
  if (type == "yesno") return rng.chance(50);
  if (type == "matrix") {
    Json v = Json::object();
    if (rng.chance(70)) v["r1"] = rng.chance(50) ? "x" : "y";
    if (rng.chance(50)) v["r2"] = "x";
    return v;
  }
  return std::string(static_cast<std::size_t>(rng.below(5)), 'w');
}

std::string describe(const Status& st) { return st.ok() ? "ok" : st.to_string(); }

// Everything observable of a session, for comparison.
Json observe(const Session& s) {
  return {{"answers", s.answers()},   {"record", s.partial(5, "k").to_json()},
          {"snapshot", s.snapshot()}, {"view", s.view_model()},
          {"page", s.page_index()},   {"last", s.on_last_page()}};
}

TEST(IncrementalReevaluation, MatchesFullReevaluationOnRandomSurveys) {
  Random rng(20261123);
  int incremental_surveys = 0;
  int changes = 0;
  for (int survey = 0; survey < 120; ++survey) {
    bool forward_reference = survey % 10 == 9;
    GeneratedSurvey g = generate(rng, forward_reference);
    auto def = parse_survey(g.definition);
    ASSERT_TRUE(def.ok()) << def.status().to_string() << "\n" << g.definition.dump(1);
    auto shared = std::make_shared<const SurveyDefinition>(*def);
    auto logic = SurveyLogic::compile(*shared);
    ASSERT_TRUE(logic.ok()) << logic.status().to_string() << "\n" << g.definition.dump(1);
    SessionStart start{"en", 1700000000000, static_cast<std::uint64_t>(survey),
                       "01020304-0506-4708-890a-0b0c0d0e0f10", "visitor-" + std::to_string(survey)};
    auto fast = Session::start(shared, *logic, start);
    auto full = Session::start(shared, *logic, start);
    ASSERT_TRUE(fast.ok() && full.ok());
    full->set_full_reevaluation(true);
    EXPECT_FALSE(full->incremental());
    EXPECT_EQ(fast->incremental(), !forward_reference) << g.definition.dump(1);
    if (fast->incremental()) ++incremental_surveys;
    ASSERT_EQ(observe(*fast), observe(*full));

    for (int step = 0; step < 60; ++step) {
      int action = rng.below(100);
      std::string what;
      Status a = Status::Ok(), b = Status::Ok();
      if (action < 80) {
        const auto& page = g.pages[fast->page_index()];
        const GeneratedQuestion& q = rng.pick(page);
        bool other = q.has_other && rng.chance(20);
        std::string id = other ? q.id + "-other" : q.id;
        Json value = other ? Json(rng.chance(50) ? "free text" : "") : random_value(rng, q.type);
        what = "answer " + id + " " + value.dump();
        a = fast->answer(id, value);
        b = full->answer(id, value);
        ++changes;
      } else if (action < 92) {
        what = "next";
        auto ra = fast->next();
        auto rb = full->next();
        a = ra.ok() ? Status::Ok() : ra.status();
        b = rb.ok() ? Status::Ok() : rb.status();
        if (ra.ok() && rb.ok()) {
          ASSERT_EQ(*ra, *rb) << what;
        }
      } else if (action < 96) {
        what = "back";
        a = fast->back();
        b = full->back();
      } else {
        // Resume after a reload: the caches are rebuilt from the snapshot.
        what = "resume";
        auto ra = Session::restore(shared, *logic, fast->snapshot());
        auto rb = Session::restore(shared, *logic, full->snapshot());
        a = ra.ok() ? Status::Ok() : ra.status();
        b = rb.ok() ? Status::Ok() : rb.status();
        if (ra.ok() && rb.ok()) {
          fast = std::move(ra);
          full = std::move(rb);
          full->set_full_reevaluation(true);
        }
      }
      ASSERT_EQ(describe(a), describe(b))
          << "survey " << survey << " step " << step << ": " << what;
      Json oa = observe(*fast);
      Json ob = observe(*full);
      ASSERT_EQ(fast->view_model_text(), dump_json(oa["view"]))
          << "survey " << survey << " step " << step;
      ASSERT_EQ(full->view_model_text(), dump_json(ob["view"]))
          << "survey " << survey << " step " << step;
      ASSERT_EQ(dump_json(oa), dump_json(ob))
          << "survey " << survey << " step " << step << ": " << what << "\n"
          << g.definition.dump(1);
    }
  }
  // The comparison means something only if most surveys took the fast path
  // and many answers were actually applied.
  EXPECT_GE(incremental_surveys, 100);
  EXPECT_GE(changes, 5000);
}

TEST(IncrementalReevaluation, IndexNamesWhatReadsEachAnswer) {
  auto def = parse_survey_text(R"({"id": "s", "pages": [{"id": "p", "questions": [
      {"id": "a", "type": "rating", "min": 1, "max": 5, "title": "A"},
      {"id": "b", "type": "text", "title": "You said {a}", "visibleIf": "{total} > 2"},
      {"id": "c", "type": "yesno", "title": "C", "visibleIf": "{b} notempty"}]}],
    "calculatedValues": [{"name": "total", "expression": "{a} * 2"},
                         {"name": "twice", "expression": "{total} * 2"}]})");
  ASSERT_TRUE(def.ok()) << def.status().to_string();
  auto logic = SurveyLogic::compile(*def);
  ASSERT_TRUE(logic.ok());
  const Dependencies& d = (*logic)->dependencies();
  EXPECT_TRUE(d.incremental);
  ASSERT_NE(d.readers_of("a"), nullptr);
  EXPECT_EQ(d.readers_of("a")->calculated, std::vector<std::uint32_t>({0}));
  EXPECT_EQ(d.readers_of("a")->views, std::vector<std::uint32_t>({0, 1}))
      << "a's own view, b's title";
  EXPECT_EQ(d.readers_of("total")->calculated, std::vector<std::uint32_t>({1}));
  EXPECT_EQ(d.readers_of("total")->conditions.size(), 1u);
  EXPECT_EQ(d.readers_of("twice"), nullptr);
  ExprId visible_b = (*logic)->id_of("{total} > 2");
  EXPECT_EQ(d.visibility_of[visible_b], std::vector<std::uint32_t>({1}));
}

TEST(IncrementalReevaluation, ForwardReferenceFallsBackToFullReevaluation) {
  auto def = parse_survey_text(R"({"id": "s", "pages": [{"id": "p", "questions": [
      {"id": "a", "type": "rating", "min": 1, "max": 5, "title": "A"}]}],
    "calculatedValues": [{"name": "x", "expression": "{y} + 1"},
                         {"name": "y", "expression": "{a}"}]})");
  ASSERT_TRUE(def.ok());
  auto logic = SurveyLogic::compile(*def);
  ASSERT_TRUE(logic.ok());
  EXPECT_FALSE((*logic)->dependencies().incremental);
}

}  // namespace
}  // namespace tessera::survey
