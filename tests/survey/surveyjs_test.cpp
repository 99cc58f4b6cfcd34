// SurveyJS import: every scenario in tests/survey/surveyjs/ is imported and
// run through the engine (the survey sits in a site config as
// {"id", "surveyjs"}) with its scripted answers; after each step the page,
// the visible questions, choices, disabled and required questions and
// calculated values must be what the scenario expects. The expectations are
// what SurveyJS itself does: tests/wasm/surveyjs_differential.test.mjs runs
// the same scripts through survey-core's Model and the wasm build.
// Scenarios with "expectError" must fail with one error naming each path.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "tessera/engine/engine.hpp"
#include "tessera/survey/definition.hpp"
#include "tessera/survey/surveyjs_import.hpp"

namespace tessera::survey {
namespace {

namespace fs = std::filesystem;

const fs::path kDir = fs::path(TESSERA_SOURCE_DIR) / "tests" / "survey" / "surveyjs";

Json read_json(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  auto doc = parse_json(ss.str(), {4u << 20, 64});
  EXPECT_TRUE(doc.ok()) << p << ": " << doc.status().to_string();
  return doc.ok() ? *doc : Json();
}

// The order of the keys of each step's "answer", as written: answers are
// given in that order (a follow-up after the answer that shows it), and
// Json objects sort their keys.
std::vector<std::vector<std::string>> answer_orders(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  auto doc = nlohmann::ordered_json::parse(ss.str(), nullptr, false);
  std::vector<std::vector<std::string>> out;
  if (doc.is_discarded() || !doc.contains("steps")) return out;
  for (const auto& step : doc["steps"]) {
    std::vector<std::string> keys;
    if (step.contains("answer")) {
      for (auto it = step["answer"].begin(); it != step["answer"].end(); ++it) {
        keys.push_back(it.key());
      }
    }
    out.push_back(std::move(keys));
  }
  return out;
}

Json scenario(const std::string& file) {
  Json s = read_json(kDir / file);
  if (s["surveyjs"].contains("$ref")) {
    s["surveyjs"] = read_json(kDir / s["surveyjs"]["$ref"].get<std::string>())["surveyjs"];
  }
  return s;
}

std::vector<std::string> scenario_files() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(kDir)) {
    if (e.path().extension() == ".json") out.push_back(e.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Special items last, as a set (SurveyJS and Tessera order them differently).
std::vector<std::string> normalize_choices(std::vector<std::string> values) {
  std::vector<std::string> regular, special;
  for (auto& v : values) (v == "other" || v == "none" ? special : regular).push_back(v);
  std::sort(special.begin(), special.end());
  regular.insert(regular.end(), special.begin(), special.end());
  return regular;
}

std::string text_of(const Json& v) { return v.is_string() ? v.get<std::string>() : dump_json(v); }

// Tessera through engine calls, with SurveyJS names and values translated
// by what the importer reports in `renamed` (as harness.mjs does).
class Driver {
 public:
  Driver(const Json& surveyjs, const std::string& file) : file_(file) {
    Json config = {{"site", "sjs"},
                   {"endpoint", "/v1/responses"},
                   {"publicKey", "qBffQBqVcpKqYP/N9rRZMvCWok1DPbMiB3VO3jFFlko="},
                   {"surveys", Json::array({{{"id", "imported"}, {"surveyjs", surveyjs}}})}};
    auto engine = engine::Engine::create(dump_json(config));
    EXPECT_TRUE(engine.ok()) << file << ": " << engine.status().to_string();
    if (!engine.ok()) return;
    engine_.emplace(std::move(engine).value());
    imported_ = call("survey.importSurveyJS", {{"surveyjs", surveyjs}, {"id", "imported"}});
    for (const Json& p : imported_["definition"]["pages"]) {
      for (const Json& q : p["questions"]) types_[q["id"].get<std::string>()] = q;
    }
    Json started = call("survey.start", {{"surveyId", "imported"},
                                         {"startedAt", 1700000000000},
                                         {"entropy", "00112233445566778899aabbccddeeff"}});
    session_ = started["sessionId"];
    view_ = started["view"];
  }
  bool ok() const { return engine_.has_value(); }

  Json call(const std::string& method, const Json& args) {
    auto out = engine_->dispatch(method, args);
    EXPECT_TRUE(out.ok()) << file_ << ": " << method << " " << dump_json(args) << ": "
                          << out.status().to_string();
    return out.ok() ? *out : Json();
  }

  std::string id(const std::string& name) const {
    static const std::string kComment = "-Comment";
    if (name.size() > kComment.size() &&
        name.compare(name.size() - kComment.size(), kComment.size(), kComment) == 0) {
      std::string base = id(name.substr(0, name.size() - kComment.size()));
      auto q = types_.find(base);
      return q != types_.end() && q->second.value("hasOther", false) ? base + "-other"
                                                                     : base + "-Comment";
    }
    const Json& renamed = imported_["renamed"]["questions"];
    return renamed.contains(name) ? renamed[name].get<std::string>() : name;
  }
  std::string name(const std::string& id) const {
    if (id.size() > 6 && id.compare(id.size() - 6, 6, "-other") == 0) {
      return name(id.substr(0, id.size() - 6)) + "-Comment";
    }
    for (auto& [n, i] : imported_["renamed"]["questions"].items()) {
      if (i == id) return n;
    }
    return id;
  }
  std::string page_name(const std::string& id) const {
    for (auto& [n, i] : imported_["renamed"]["pages"].items()) {
      if (i == id) return n;
    }
    return id;
  }
  std::string value_id(const std::string& qid, const std::string& v) const {
    const Json& values = imported_["renamed"]["values"];
    return values.contains(qid) && values[qid].contains(v) ? values[qid][v].get<std::string>() : v;
  }
  std::string value_name(const std::string& qid, const std::string& v) const {
    const Json& values = imported_["renamed"]["values"];
    if (values.contains(qid)) {
      for (auto& [n, to] : values[qid].items()) {
        if (to == v) return n;
      }
    }
    return v;
  }
  Json value(const std::string& name, const Json& v) const {
    std::string qid = id(name);
    auto q = types_.find(qid);
    if (q == types_.end()) return v;
    std::string type = q->second["type"];
    if (type == "single" || type == "dropdown") return value_id(qid, text_of(v));
    if (type == "multi" || type == "ranking") {
      Json out = Json::array();
      for (const Json& x : v) out.push_back(value_id(qid, text_of(x)));
      return out;
    }
    if (type == "matrix") {
      Json out = Json::object();
      for (auto& [r, c] : v.items()) out[value_id(qid, r)] = value_id(qid, text_of(c));
      return out;
    }
    return v;
  }

  std::string page() const {
    return view_["state"] == "completed" ? "complete" : page_name(view_["page"]["id"]);
  }
  std::vector<const Json*> visible_questions() const {
    std::vector<const Json*> out;
    for (const Json& q : view_["questions"]) {
      std::string qid = q["id"];
      bool comment = qid.size() > 8 && qid.compare(qid.size() - 8, 8, "-Comment") == 0;
      if (q["type"] != "statement" && !comment) out.push_back(&q);
    }
    return out;
  }
  std::vector<std::string> names(bool (*keep)(const Json&)) const {
    std::vector<std::string> out;
    for (const Json* q : visible_questions()) {
      if (keep(*q)) out.push_back(name((*q)["id"]));
    }
    return out;
  }
  std::vector<std::string> choices(const std::string& n) const {
    std::string qid = id(n);
    for (const Json& q : view_["questions"]) {
      if (q["id"] != qid) continue;
      const Json& list = q.contains("choices") ? q["choices"]
                         : q.contains("items") ? q["items"]
                                               : q["rows"];
      std::vector<std::string> out;
      for (const Json& c : list) out.push_back(value_name(qid, c["value"]));
      return normalize_choices(out);
    }
    return {"<question not shown>"};
  }
  Json calculated(const std::string& n) {
    Json values = call("survey.values", {{"sessionId", session_}});
    return values["calculated"].contains(id(n)) ? values["calculated"][id(n)] : Json();
  }
  void answer(const Json& values, const std::vector<std::string>& order) {
    for (const std::string& n : order) {
      const Json& v = values[n];
      Json out = call("survey.answer",
                      {{"sessionId", session_}, {"questionId", id(n)}, {"value", value(n, v)}});
      EXPECT_EQ(out["accepted"], true)
          << file_ << ": Tessera refused " << n << " = " << dump_json(v);
      if (out.contains("view")) view_ = out["view"];
    }
  }
  std::string next() {
    if (view_["nav"]["isLast"] == true) {
      Json out = call("survey.complete", {{"sessionId", session_},
                                          {"completedAt", 1700000060000},
                                          {"entropy", std::string(64, '0')}});
      view_ = out["view"];
      if (out["completed"] != true) return "blocked";
      record_ = out["record"];
      return "complete";
    }
    Json out = call("survey.next", {{"sessionId", session_}});
    view_ = out["view"];
    return out["moved"] == true ? page() : "blocked";
  }
  std::vector<std::string> recorded() const {
    std::vector<std::string> out;
    for (auto& [qid, v] : record_["answers"].items()) out.push_back(name(qid));
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  std::string file_;
  std::optional<engine::Engine> engine_;
  Json imported_;
  std::map<std::string, Json> types_;  // Tessera question id -> its definition
  Json session_;
  Json view_;
  Json record_;
};

std::vector<std::string> strings(const Json& list) {
  std::vector<std::string> out;
  for (const Json& v : list) out.push_back(text_of(v));
  return out;
}

void run_steps(Driver& d, const Json& s, const std::string& file) {
  auto orders = answer_orders(kDir / file);
  ASSERT_EQ(orders.size(), s["steps"].size());
  for (std::size_t i = 0; i < s["steps"].size(); ++i) {
    const Json& step = s["steps"][i];
    std::string at = file + " step " + std::to_string(i + 1);
    if (step.contains("answer")) d.answer(step["answer"], orders[i]);
    if (step.contains("next")) {
      ASSERT_EQ(d.next(), step["next"].get<std::string>()) << at << ": next";
      if (step.contains("recorded")) {
        auto want = strings(step["recorded"]);
        std::sort(want.begin(), want.end());
        EXPECT_EQ(d.recorded(), want) << at << ": recorded answers";
      }
    }
    if (!step.contains("expect")) continue;
    const Json& e = step["expect"];
    if (e.contains("page")) EXPECT_EQ(d.page(), e["page"].get<std::string>()) << at << ": page";
    if (e.contains("visible")) {
      EXPECT_EQ(d.names([](const Json&) { return true; }), strings(e["visible"]))
          << at << ": visible";
    }
    if (e.contains("choices")) {
      for (auto& [n, values] : e["choices"].items()) {
        EXPECT_EQ(d.choices(n), normalize_choices(strings(values))) << at << ": choices of " << n;
      }
    }
    if (e.contains("disabled")) {
      EXPECT_EQ(d.names([](const Json& q) { return q["enabled"] == false; }),
                strings(e["disabled"]))
          << at << ": disabled";
    }
    if (e.contains("required")) {
      EXPECT_EQ(d.names([](const Json& q) { return q["required"] == true; }),
                strings(e["required"]))
          << at << ": required";
    }
    if (e.contains("calculated")) {
      for (auto& [n, v] : e["calculated"].items()) {
        EXPECT_EQ(d.calculated(n), v) << at << ": calculated " << n;
      }
    }
  }
}

TEST(SurveyJsImport, ScenariosBehaveAsInSurveyJs) {
  auto files = scenario_files();
  ASSERT_GE(files.size(), 6u);
  for (const std::string& file : files) {
    SCOPED_TRACE(file);
    Json s = scenario(file);
    if (s.contains("expectError")) {
      auto imported = import_surveyjs(s["surveyjs"]);
      ASSERT_FALSE(imported.ok()) << file;
      const Json& e = s["expectError"];
      EXPECT_EQ(code_name(imported.status().code()), e["code"].get<std::string>());
      EXPECT_EQ(imported.status().path(), e["path"].get<std::string>());
      // The message lists each problem on its own line: "- <path>: <what>".
      std::set<std::string> listed;
      std::istringstream lines(imported.status().message());
      for (std::string line; std::getline(lines, line);) {
        if (line.rfind("- ", 0) == 0) listed.insert(line.substr(2, line.find(": ") - 2));
      }
      auto want = strings(e["paths"]);
      EXPECT_EQ(listed, std::set<std::string>(want.begin(), want.end()))
          << imported.status().message();
      continue;
    }
    Driver d(s["surveyjs"], file);
    ASSERT_TRUE(d.ok());
    run_steps(d, s, file);
  }
}

}  // namespace
}  // namespace tessera::survey
