// JSON and CSV output of a report; see render.hpp.
#include <sstream>

#include "report/render.hpp"
#include "report/svg.hpp"
#include "tessera/score/summary.hpp"

namespace tessera::report {
namespace {

Json nps_json(const NpsQuestionReport& q) {
  Json out = q.total.to_json();
  out["distribution"] = q.distribution;
  Json days = Json::object();
  for (const auto& [day, s] : q.by_day) days[day] = s.to_json();
  out["byDay"] = days;
  return out;
}

// A CSV field: quoted when it holds a separator, a quote or a line break.
// A leading = + - @ is prefixed with ' so a spreadsheet never runs an answer
// as a formula.
std::string csv_field(const std::string& s) {
  std::string v = s;
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '@' ||
                     (v[0] == '-' && v.find_first_not_of("-0123456789.") != std::string::npos))) {
    v = "'" + v;
  }
  if (v.find_first_of(",\"\n\r") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string number(const Json& display_value) {
  return display_value.is_null() ? "" : dump_json(display_value);
}

}  // namespace

Json report_to_json(const Report& report) {
  Json out = {{"v", 1}, {"kind", "tesseraReport"}, {"opened", report.opened}};
  Json failed = Json::array();
  for (const FailedRecord& f : report.failed) {
    failed.push_back({{"idempotencyKey", f.idempotency_key}, {"reason", f.reason}});
  }
  out["failed"] = failed;
  out["failedCount"] = report.failed.size();
  Json surveys = Json::object();
  for (const auto& [id, s] : report.surveys) {
    Json j = {{"title", s.title},
              {"finalRecords", s.final_records},
              {"partialRecords", s.partial_records},
              {"responses", s.responses},
              {"complete", s.complete},
              {"partial", s.partial},
              {"invalidAnswers", s.invalid_answers}};
    j["completionPct"] = score::display_number(
        s.responses == 0 ? std::nullopt : std::optional<double>(100.0 * s.complete / s.responses));
    Json nps = Json::object(), csat = Json::object(), ces = Json::object();
    for (const auto& [qid, q] : s.nps) nps[qid] = nps_json(q);
    for (const auto& [qid, q] : s.csat) csat[qid] = q.to_json();
    for (const auto& [qid, q] : s.ces) ces[qid] = q.to_json();
    j["nps"] = nps;
    j["csat"] = csat;
    j["ces"] = ces;
    j["servqual"] = s.servqual ? s.servqual->to_json() : Json(nullptr);
    j["deliveredValue"] = s.delivered_value ? s.delivered_value->to_json() : Json(nullptr);
    Json texts = Json::object();
    for (const auto& [cls, list] : s.texts) {
      Json arr = Json::array();
      for (const TextAnswer& t : list) {
        arr.push_back(
            {{"responseId", t.response_id}, {"question", t.question_id}, {"text", t.text}});
      }
      texts[cls] = {{"count", s.text_counts.at(cls)}, {"shown", arr}};
    }
    j["texts"] = texts;
    Json follow = Json::array();
    for (const FollowUp& f : s.follow_ups) {
      follow.push_back({{"responseId", f.response_id},
                        {"day", f.day},
                        {"score", f.score < 0 ? Json() : Json(f.score)},
                        {"channel", f.channel},
                        {"address", f.address},
                        {"comment", f.comment}});
    }
    j["followUps"] = follow;
    surveys[id] = j;
  }
  out["surveys"] = surveys;
  Json stats = Json::array();
  for (const PrivateStatistic& p : report.private_stats) {
    Json estimates = Json::array();
    for (const privacy::FrequencyEstimate& e : p.estimates) {
      estimates.push_back({{"value", e.value},
                           {"count", score::display_number(e.count)},
                           {"frequency", score::display_number(e.frequency)},
                           {"ciLow", score::display_number(e.ci_low)},
                           {"ciHigh", score::display_number(e.ci_high)}});
    }
    stats.push_back({{"site", p.site},
                     {"metric", p.metric},
                     {"encoding", p.encoding},
                     {"epsilon", score::display_number(p.epsilon)},
                     {"domain", p.domain},
                     {"reports", p.reports},
                     {"rejected", p.rejected},
                     {"note", p.note},
                     {"estimates", estimates}});
  }
  out["privateStatistics"] = stats;
  return out;
}

std::string render_json(const Report& report) { return dump_json(report_to_json(report)) + "\n"; }

std::string render_csv(const Report& report) {
  std::ostringstream out;
  out << "survey,question,metric,value\n";
  auto row = [&](const std::string& survey, const std::string& question, const std::string& metric,
                 const std::string& value) {
    out << csv_field(survey) << ',' << csv_field(question) << ',' << csv_field(metric) << ','
        << value << '\n';
  };
  row("", "", "opened", std::to_string(report.opened));
  row("", "", "failed", std::to_string(report.failed.size()));
  for (const auto& [id, s] : report.surveys) {
    row(id, "", "responses", std::to_string(s.responses));
    row(id, "", "complete", std::to_string(s.complete));
    row(id, "", "partial", std::to_string(s.partial));
    row(id, "", "final_records", std::to_string(s.final_records));
    row(id, "", "partial_records", std::to_string(s.partial_records));
    row(id, "", "follow_ups", std::to_string(s.follow_ups.size()));
    for (const auto& [qid, q] : s.nps) {
      Json d = q.total.to_json()["display"];
      row(id, qid, "nps_n", std::to_string(q.total.n()));
      row(id, qid, "nps_score", number(d["score"]));
      auto ci = q.total.confidence_interval_95();
      row(id, qid, "nps_ci95_low", ci ? number(score::display_number(ci->low)) : "");
      row(id, qid, "nps_ci95_high", ci ? number(score::display_number(ci->high)) : "");
      for (int i = 0; i <= 10; ++i) {
        row(id, qid, "nps_count_" + std::to_string(i), std::to_string(q.distribution[i]));
      }
      for (const auto& [day, ds] : q.by_day) {
        row(id, qid, "nps_day_" + day, number(score::display_number(ds.score())));
        row(id, qid, "nps_day_n_" + day, std::to_string(ds.n()));
      }
    }
    for (const auto& [qid, q] : s.csat) {
      row(id, qid, "csat_n", std::to_string(q.n()));
      row(id, qid, "csat_mean", number(score::display_number(q.mean())));
      row(id, qid, "csat_top2_pct", number(score::display_number(q.top2_box_pct())));
    }
    for (const auto& [qid, q] : s.ces) {
      row(id, qid, "ces_n", std::to_string(q.n()));
      row(id, qid, "ces_mean", number(score::display_number(q.mean())));
      row(id, qid, "ces_easy_pct", number(score::display_number(q.easy_pct())));
    }
    if (s.servqual) {
      row(id, "", "servqual_respondents", std::to_string(s.servqual->respondents()));
      for (std::size_t d = 0; d < score::kServqualDimensionCount; ++d) {
        auto dim = static_cast<score::ServqualDimension>(d);
        std::string name(score::servqual_dimension_name(dim));
        row(id, "", "servqual_gap_" + name, number(score::display_number(s.servqual->gap(dim))));
      }
      row(id, "", "servqual_unweighted_gap",
          number(score::display_number(s.servqual->unweighted_gap())));
    }
    if (s.delivered_value) {
      row(id, "", "cdv_n", std::to_string(s.delivered_value->n()));
      row(id, "", "cdv_mean_difference",
          number(score::display_number(s.delivered_value->mean_difference())));
      row(id, "", "cdv_ratio_of_sums",
          number(score::display_number(s.delivered_value->ratio_of_sums())));
    }
  }
  for (const PrivateStatistic& p : report.private_stats) {
    // survey column: the site; question column: the metric.
    std::string metric = p.metric + "@" + p.encoding + "/" + fixed(p.epsilon, 3);
    row(p.site, metric, "ldp_reports", std::to_string(p.reports));
    row(p.site, metric, "ldp_rejected", std::to_string(p.rejected));
    for (const privacy::FrequencyEstimate& e : p.estimates) {
      std::string v = std::to_string(e.value);
      row(p.site, metric, "ldp_count_" + v, number(score::display_number(e.count)));
      row(p.site, metric, "ldp_ci95_low_" + v, number(score::display_number(e.ci_low)));
      row(p.site, metric, "ldp_ci95_high_" + v, number(score::display_number(e.ci_high)));
    }
  }
  for (const FailedRecord& f : report.failed) {
    row("", f.idempotency_key, "failed_record", csv_field(f.reason));
  }
  return out.str();
}

}  // namespace tessera::report
