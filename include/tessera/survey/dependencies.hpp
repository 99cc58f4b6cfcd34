// The dependency index of a survey definition: which conditions, calculated
// values and question views read which variable, built once when the logic
// is compiled. A session uses it to re-evaluate, after one answer changes,
// only what reads that answer (transitively, through calculated values and
// through answers cleared because their question became hidden) instead of
// every expression of the survey.
//
//   const Dependencies& d = logic->dependencies();
//   const Readers* r = d.readers_of("nps");   // nullptr: nothing reads it
//   for (auto id : r->conditions) ...        // expression ids to re-test
//   for (auto c : r->calculated) ...         // calculated values, in order
//   for (auto q : r->views) ...              // question views to rebuild
//
// Expression ids number the distinct non-empty expression texts of the
// definition; kAlways stands for the empty condition, which always holds.
// Questions are numbered across pages in definition order ("flat" index).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tessera::survey {

using ExprId = std::uint32_t;
inline constexpr ExprId kAlways = UINT32_MAX;

// The compiled conditions of one question, by expression id.
struct QuestionConditions {
  std::uint32_t page = 0;
  std::uint32_t index_in_page = 0;
  ExprId visible = kAlways;
  ExprId enable = kAlways;
  ExprId required = kAlways;
  std::vector<ExprId> choices;  // visibleIf of each choice, in definition order
  std::vector<ExprId> rows;     // matrix rows
  std::vector<ExprId> columns;  // matrix columns
};

// What reads one variable (an answer key or a calculated value name).
struct Readers {
  std::vector<ExprId> conditions;         // expressions other than calculated values
  std::vector<std::uint32_t> calculated;  // calculated value indexes, ascending
  std::vector<std::uint32_t> views;       // flat question indexes whose view reads it
};

struct Dependencies {
  // False when a calculated value reads itself or a later one, or shares a
  // name with an answer key: evaluation order then matters in ways the
  // index does not model, and sessions re-evaluate everything instead.
  bool incremental = true;
  std::vector<QuestionConditions> questions;  // flat index
  std::vector<std::uint32_t> page_first;      // flat index of each page's first question
  std::vector<ExprId> page_visible;           // per page
  std::vector<std::vector<ExprId>> jumps;     // per page, the jump conditions
  std::vector<ExprId> calculated;             // per calculated value
  ExprId recovery = kAlways;
  // Per expression id: the questions whose visibility it decides (their own
  // visibleIf, or their page's), so a change to it rechecks their answers.
  std::vector<std::vector<std::uint32_t>> visibility_of;
  // Question views that pipe the whole value object ("{}"): rebuilt always.
  std::vector<std::uint32_t> views_reading_everything;
  std::unordered_map<std::string, std::uint32_t> question_index;  // id -> flat index
  std::unordered_map<std::string, Readers> readers;

  const Readers* readers_of(const std::string& variable) const {
    auto it = readers.find(variable);
    return it == readers.end() ? nullptr : &it->second;
  }
  // Flat index of a question id; -1 when absent.
  long index_of(std::string_view question_id) const {
    auto it = question_index.find(std::string(question_id));
    return it == question_index.end() ? -1 : static_cast<long>(it->second);
  }
};

// The variables a piped text reads, as SurveyLogic::pipe resolves them: the
// first key of each {path}. Sets `everything` for a path that names the
// whole value object ("{}", "{.}").
void piped_variables(std::string_view text, std::vector<std::string>& out, bool& everything);

}  // namespace tessera::survey
