// Report aggregation; see aggregate.hpp.
#include "report/aggregate.hpp"

#include <cstdio>
#include <utility>

namespace tessera::report {
namespace {

bool is_integer(const Json& v) { return v.is_number_integer() || v.is_number_unsigned(); }

std::string string_field(const Json& record, const char* name) {
  return record.contains(name) && record[name].is_string() ? record[name].get<std::string>() : "";
}

std::int64_t time_field(const Json& record) {
  for (const char* name : {"completedAt", "startedAt"}) {
    if (record.contains(name) && is_integer(record[name])) return record[name].get<std::int64_t>();
  }
  return 0;
}

std::size_t answer_count(const Json& record) {
  return record.contains("answers") && record["answers"].is_object() ? record["answers"].size() : 0;
}

// An integer answer on a scale: a number (rating) or a matrix cell's
// column value ("1".."7").
std::optional<std::int64_t> scored_int(const Json& v) {
  if (is_integer(v)) return v.get<std::int64_t>();
  if (!v.is_string()) return std::nullopt;
  const std::string& text = v.get_ref<const std::string&>();
  if (text.empty() || text.size() > 6) return std::nullopt;
  std::int64_t n = 0;
  std::size_t i = text[0] == '-' ? 1 : 0;
  if (i == text.size()) return std::nullopt;
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    n = n * 10 + (text[i] - '0');
  }
  return text[0] == '-' ? -n : n;
}

// A SERVQUAL item: its dimension and the matrix row ("" for a single rating).
using ItemKey = std::pair<int, std::string>;

// The answers of one response, sorted into the roles the catalog gives.
struct Extracted {
  std::optional<score::NpsClass> first_class;
  std::optional<std::int64_t> first_score;
  std::string first_text;
  std::vector<std::pair<std::string, std::string>> texts;  // question id, text
  std::map<ItemKey, std::int64_t> expectation, perception;
  std::array<std::optional<std::int64_t>, 5> weights{};
  std::array<std::optional<std::int64_t>, 4> value{}, cost{};
};

// Cells of a scored answer: {"", n} for a rating, {row, n} per matrix row.
// False when any cell is not an integer on the role's scale.
bool scored_cells(const Json& v, const QuestionRole& role,
                  std::vector<std::pair<std::string, std::int64_t>>& cells) {
  auto in_scale = [&](const Json& x, std::string row) {
    auto n = scored_int(x);
    if (!n || *n < role.low || *n > role.high) return false;
    cells.emplace_back(std::move(row), *n);
    return true;
  };
  if (!v.is_object()) return in_scale(v, "");
  bool ok = true;
  for (const auto& cell : v.items()) ok = in_scale(cell.value(), cell.key()) && ok;
  return ok;
}

}  // namespace

std::string utc_day(std::int64_t epoch_ms) {
  // Days since 1970-01-01, floored, then the civil date by 400-year eras
  // (146097 days each), with years starting in March so that the leap day
  // falls at the end.
  std::int64_t days = epoch_ms / 86400000 - (epoch_ms % 86400000 < 0 ? 1 : 0);
  days += 719468;  // shift the epoch to 0000-03-01
  std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  std::int64_t day_of_era = days - era * 146097;
  std::int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  std::int64_t month_index = (5 * day_of_year + 2) / 153;  // 0 = March
  std::int64_t day = day_of_year - (153 * month_index + 2) / 5 + 1;
  std::int64_t month = month_index < 10 ? month_index + 3 : month_index - 9;
  std::int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld", static_cast<long long>(year),
                static_cast<long long>(month), static_cast<long long>(day));
  return buf;
}

SurveyReport& ReportBuilder::survey(const std::string& id) {
  auto [it, inserted] = report_.surveys.try_emplace(id);
  if (inserted) {
    it->second.id = id;
    it->second.title = catalog_.title(id);
  }
  return it->second;
}

void ReportBuilder::add_failure(std::string key, std::string reason) {
  report_.failed.push_back({std::move(key), std::move(reason)});
}

void ReportBuilder::add_record(const Json& record, const std::string& label) {
  std::string survey_id = string_field(record, "surveyId");
  std::string response_id = string_field(record, "responseId");
  std::string kind = string_field(record, "kind");
  if (!record.is_object() || survey_id.empty() || response_id.empty() ||
      (kind != "final" && kind != "partial")) {
    add_failure(label, "opened, but not a response record");
    return;
  }
  ++report_.opened;
  catalog_.learn_from_record(survey_id, record);
  SurveyReport& s = survey(survey_id);
  std::string key = survey_id + "\n" + response_id;
  if (seen_.insert(key).second) ++s.responses;
  if (kind == "partial") {
    ++s.partial_records;
    if (finals_.count(key) != 0) return;
    auto it = partials_.find(key);
    if (it == partials_.end() || answer_count(record) >= answer_count(it->second)) {
      partials_[key] = record;
    }
    return;
  }
  ++s.final_records;
  if (!finals_.insert(key).second) return;  // a second final of one response
  ++s.complete;
  partials_.erase(key);
  aggregate(record);
}

Report ReportBuilder::finish() {
  for (auto& [key, record] : partials_) {
    ++survey(string_field(record, "surveyId")).partial;
    aggregate(record);
  }
  partials_.clear();
  return std::move(report_);
}

void ReportBuilder::aggregate(const Json& record) {
  std::string survey_id = string_field(record, "surveyId");
  SurveyReport& s = survey(survey_id);
  std::string day = utc_day(time_field(record));
  if (!record.contains("answers") || !record["answers"].is_object()) return;
  Extracted x;
  for (const auto& item : record["answers"].items()) {
    const QuestionRole* role = catalog_.role(survey_id, item.key());
    if (role == nullptr) continue;
    const Json& v = item.value();
    bool in_scale =
        is_integer(v) && v.get<std::int64_t>() >= role->low && v.get<std::int64_t>() <= role->high;
    std::int64_t n = in_scale ? v.get<std::int64_t>() : 0;
    switch (role->role) {
      case Role::kNps: {
        if (!in_scale) break;
        NpsQuestionReport& q = s.nps[item.key()];
        (void)q.total.add_answer(n);
        (void)q.by_day[day].add_answer(n);
        ++q.distribution[static_cast<std::size_t>(n)];
        if (!x.first_class) {
          x.first_class = *score::classify_nps(n);
          x.first_score = n;
        }
        continue;
      }
      case Role::kCsat: {
        if (!in_scale) break;
        auto it = s.csat.find(item.key());
        if (it == s.csat.end()) {
          auto created = score::CsatSummary::create({role->low, role->high - role->low + 1});
          if (!created.ok()) break;
          it = s.csat.emplace(item.key(), *created).first;
        }
        if (it->second.add(n).ok()) continue;
        break;
      }
      case Role::kCes: {
        if (!in_scale) break;
        auto it = s.ces.find(item.key());
        if (it == s.ces.end()) {
          auto created = score::CesSummary::create(role->high - role->low + 1);
          if (!created.ok()) break;
          it = s.ces.emplace(item.key(), *created).first;
        }
        // CesSummary counts 1..points; a 0-based scale is shifted onto it.
        if (it->second.add(n - role->low + 1).ok()) continue;
        break;
      }
      case Role::kText:
        if (!v.is_string()) break;
        if (!v.get_ref<const std::string&>().empty()) {
          x.texts.emplace_back(item.key(), v.get<std::string>());
        }
        continue;
      case Role::kServqualExpectation:
      case Role::kServqualPerception: {
        std::vector<std::pair<std::string, std::int64_t>> cells;
        bool ok = scored_cells(v, *role, cells);
        auto& side = role->role == Role::kServqualExpectation ? x.expectation : x.perception;
        for (auto& [row, cell] : cells) side[{static_cast<int>(role->dimension), row}] = cell;
        if (ok) continue;
        break;
      }
      case Role::kServqualWeight: {
        // Points may come from a number input, whose answers are text.
        auto points = scored_int(v);
        if (!points || *points < role->low || *points > role->high) break;
        x.weights[static_cast<std::size_t>(role->dimension)] = *points;
        continue;
      }
      case Role::kValue:
      case Role::kCost: {
        std::vector<std::pair<std::string, std::int64_t>> cells;
        bool ok = scored_cells(v, *role, cells);
        bool value = role->role == Role::kValue;
        for (auto& [row, cell] : cells) {
          int index = role->component >= 0 ? role->component
                      : value              ? value_component(row)
                                           : cost_component(row);
          if (index < 0) {
            ok = false;
            continue;
          }
          (value ? x.value : x.cost)[static_cast<std::size_t>(index)] = cell;
        }
        if (ok) continue;
        break;
      }
      case Role::kOther:
        continue;
    }
    ++s.invalid_answers;
  }

  std::string cls = x.first_class ? std::string(score::nps_class_name(*x.first_class)) : "none";
  for (auto& [qid, text] : x.texts) {
    if (x.first_text.empty()) x.first_text = text;
    ++s.text_counts[cls];
    auto& list = s.texts[cls];
    if (list.size() < kMaxTextsPerClass) {
      list.push_back({string_field(record, "responseId"), qid, std::move(text)});
    }
  }
  // The recovery step wrote the follow-up into the record: listed when the
  // survey's recovery condition held and the respondent agreed and left an
  // address.
  if (record.contains("followUp") && record["followUp"].is_object()) {
    const Json& f = record["followUp"];
    auto flag = [&](const char* name) { return f.value(name, Json(false)) == true; };
    std::string address = f.value("address", Json("")).is_string() ? f.value("address", "") : "";
    std::string channel = f.value("channel", Json("")).is_string() ? f.value("channel", "") : "";
    if (flag("needed") && flag("consent") && !address.empty()) {
      s.follow_ups.push_back({string_field(record, "responseId"), day, x.first_score.value_or(-1),
                              channel, address, x.first_text});
    }
  }
  score::ServqualResponse servqual;
  for (const auto& [key, e] : x.expectation) {
    // An item counts when both of its halves were answered.
    auto p = x.perception.find(key);
    if (p == x.perception.end()) continue;
    servqual.items.push_back({static_cast<score::ServqualDimension>(key.first), e, p->second});
  }
  if (!servqual.items.empty()) {
    bool all_weights = true;
    score::ServqualWeights w;
    for (std::size_t d = 0; d < 5; ++d) {
      all_weights = all_weights && x.weights[d].has_value();
      w.points[d] = x.weights[d].value_or(0);
    }
    if (all_weights) servqual.weights = w;
    if (!s.servqual) s.servqual.emplace();
    if (!s.servqual->add(servqual).ok()) {
      // Weights that do not sum to 100: keep the items, drop the weights.
      servqual.weights.reset();
      if (!s.servqual->add(servqual).ok()) ++s.invalid_answers;
    }
  }
  bool all_value = true;
  score::DeliveredValueResponse dv;
  for (std::size_t i = 0; i < 4; ++i) {
    all_value = all_value && x.value[i] && x.cost[i];
    dv.value[i] = x.value[i].value_or(0);
    dv.cost[i] = x.cost[i].value_or(0);
  }
  if (all_value) {
    if (!s.delivered_value) {
      auto [low, high] = catalog_.value_scale(survey_id);
      auto created = score::DeliveredValueSummary::create({low, high});
      s.delivered_value = created.ok() ? *created : score::DeliveredValueSummary();
    }
    if (!s.delivered_value->add(dv).ok()) ++s.invalid_answers;
  }
  // A response without all eight components (an abandoned partial, say) is
  // left out of delivered value: never counted as zeros.
}

}  // namespace tessera::report
