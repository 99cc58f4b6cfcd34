// What a report needs to know about each survey: which question is NPS,
// CSAT, CES, free text, SERVQUAL or delivered value, and on which scale.
//
// Built from the merchant's site config: question types give NPS, CSAT, CES
// and free text; a survey's "scoring" metadata (the one the shipped
// instruments carry, docs/reports.md) names the SERVQUAL and delivered-value
// questions, usually matrices whose rows are the items. Templates
// ({"template": "servqual"}) are expanded as the engine does. Without a
// config, roles are inferred from the records: NPS from "npsClass", free
// text from string answers. Follow-ups need no catalog: the record's
// "followUp" says everything.
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
  // SERVQUAL: a matrix (one item per row) or a single rating (one item).
  kServqualExpectation,
  kServqualPerception,
  kServqualWeight,  // importance points of one dimension (0-100)
  // Delivered value: a matrix whose rows name the components, or a single
  // rating standing for one component.
  kValue,
  kCost,
  kOther,  // counted, not charted
};

struct QuestionRole {
  Role role = Role::kOther;
  std::int64_t low = 0;  // scale, for the rating roles
  std::int64_t high = 10;
  // SERVQUAL: the dimension. Delivered value: the component index
  // (ValueComponent / CostComponent order), or -1 for a matrix whose row
  // values name the components.
  score::ServqualDimension dimension = score::ServqualDimension::kTangibles;
  int component = -1;
};

// Index of a delivered-value component name ("product".."image" for value,
// "monetary".."psychic" for cost), or -1.
int value_component(std::string_view name);
int cost_component(std::string_view name);

class SurveyCatalog {
 public:
  SurveyCatalog() = default;

  // Reads {"surveys":[definition or {"template": ...}, ...]}. Only what a
  // report needs is checked, so a config the engine would refuse for an
  // unrelated reason (a placeholder key) still works. Scoring metadata that
  // names a missing question is an error with its JSON pointer.
  static Result<SurveyCatalog> from_site_config(const Json& config);

  bool has_config() const { return has_config_; }
  // nullptr when the survey or question is unknown.
  const QuestionRole* role(const std::string& survey_id, const std::string& question_id) const;
  // The survey's title in its default locale, or its id.
  std::string title(const std::string& survey_id) const;
  // The scale of the survey's delivered-value questions ({1, 7} if none).
  std::pair<std::int64_t, std::int64_t> value_scale(const std::string& survey_id) const;
  // Called for every record. For a survey the config does not list, learns
  // NPS from npsClass and free text from string answers.
  void learn_from_record(const std::string& survey_id, const Json& record);

 private:
  struct Survey {
    std::string title;
    std::map<std::string, QuestionRole> questions;
    std::pair<std::int64_t, std::int64_t> value_scale{1, 7};
    bool from_config = false;
  };
  bool has_config_ = false;
  std::map<std::string, Survey> surveys_;
};

}  // namespace tessera::report
