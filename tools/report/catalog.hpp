// What a report needs to know about each survey: which question is NPS,
// CSAT, CES, free text, SERVQUAL, delivered value or a follow-up contact,
// and on which scale. Built from the merchant's site config, or inferred
// from the records alone when there is none (NPS from "npsClass", the rest
// from question-id conventions; docs/reports.md lists them).
//
//   TESSERA_ASSIGN_OR_RETURN(SurveyCatalog catalog, SurveyCatalog::from_site_config(config_json));
//   const QuestionRole* role = catalog.role("gallery", "csat");  // {kCsat, 1, 5}
//   catalog.title("gallery");                                  // "Tell us about your order"
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "tessera/common/json.hpp"
#include "tessera/common/status.hpp"
#include "tessera/score/servqual.hpp"

namespace tessera::report {

enum class Role {
  kNps,
  kCsat,
  kCes,
  kText,
  kContactConsent,  // id "contact": a yes/no or consent answer
  kContactAddress,  // id "email" or "phone": where to reach the respondent
  kServqualExpectation,
  kServqualPerception,
  kServqualWeight,
  kValue,  // delivered value: cdv.value.<component>
  kCost,   // delivered value: cdv.cost.<component>
  kOther,  // counted, not charted
};

struct QuestionRole {
  Role role = Role::kOther;
  std::int64_t low = 0;  // scale, for the rating roles
  std::int64_t high = 10;
  // SERVQUAL: the dimension; delivered value: the component index
  // (ValueComponent / CostComponent order).
  score::ServqualDimension dimension = score::ServqualDimension::kTangibles;
  int component = 0;
};

// Role of a question by its id alone (servqual.*, cdv.*, contact, email,
// phone, csat, ces); kOther when the id follows no convention. `type` is the
// question type name from the definition, or "" when there is none.
QuestionRole role_from_id(std::string_view question_id, std::string_view type);

class SurveyCatalog {
 public:
  SurveyCatalog() = default;

  // Reads {"surveys":[{id, title, pages:[{questions:[{id, type, ...}]}]}]}.
  // Only the fields a report needs are read, so a config the engine would
  // refuse for an unrelated reason (a placeholder key) still works.
  static Result<SurveyCatalog> from_site_config(const Json& config);

  bool has_config() const { return has_config_; }
  // nullptr when the survey or question is unknown.
  const QuestionRole* role(const std::string& survey_id, const std::string& question_id) const;
  // The survey's title in its default locale, or its id.
  std::string title(const std::string& survey_id) const;
  // Called for every record. For a survey the config lists, adds answers
  // to unlisted questions by id convention only; otherwise (no config, or
  // a survey it lacks) also learns NPS from npsClass and text from strings.
  void learn_from_record(const std::string& survey_id, const Json& record);

 private:
  struct Survey {
    std::string title;
    std::map<std::string, QuestionRole> questions;
    bool from_config = false;
  };
  bool has_config_ = false;
  std::map<std::string, Survey> surveys_;
};

}  // namespace tessera::report
