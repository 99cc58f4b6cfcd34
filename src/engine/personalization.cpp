// Parsing the `personalization` section of a site config; see
// tessera/engine/personalization.hpp.
#include "tessera/engine/personalization.hpp"

#include <map>
#include <set>

namespace tessera::engine {
namespace {

constexpr std::size_t kMaxOffers = 1000;
constexpr std::size_t kMaxMetrics = 32;

Result<std::vector<std::string>> read_ids(const FieldReader& r, std::string_view key,
                                          std::size_t max_items) {
  std::vector<std::string> out;
  const Json* v = r.find(key);
  if (v == nullptr) return out;
  const std::string at = r.path_of(key);
  TESSERA_RETURN_IF_ERROR(expect_array(*v, at, 0, max_items));
  for (std::size_t i = 0; i < v->size(); ++i) {
    const std::string item_at = pointer_join(at, i);
    if (!(*v)[i].is_string()) return Status(Code::kInvalidType, "expected a string id", item_at);
    out.push_back((*v)[i].get<std::string>());
    TESSERA_RETURN_IF_ERROR(check_id(out.back(), item_at));
  }
  return out;
}

// Links end up in href and src attributes of the page: only a same-site path
// or an https URL, so a config can never smuggle in javascript: or data:.
Result<std::string> read_link(const FieldReader& r, std::string_view key) {
  TESSERA_ASSIGN_OR_RETURN(std::string url, r.optional_string(key, "", 2048));
  if (url.empty()) return url;
  bool path = url[0] == '/' && (url.size() == 1 || url[1] != '/');
  bool https = url.rfind("https://", 0) == 0 && url.size() > 8;
  if (!path && !https) {
    return Status(Code::kInvalidValue, "expected a path starting with '/' or an https:// URL",
                  r.path_of(key));
  }
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == '"' || c == '<' || c == '>' || c == '\\') {
      return Status(Code::kInvalidValue, "a URL may not contain spaces, quotes or angle brackets",
                    r.path_of(key));
    }
  }
  return url;
}

Result<Offer> parse_offer(const Json& value, const std::string& at) {
  TESSERA_RETURN_IF_ERROR(expect_object(value, at));
  FieldReader r(value, at);
  TESSERA_RETURN_IF_ERROR(r.reject_unknown(
      {"id", "categories", "tags", "eligibleIf", "title", "text", "url", "image"}));
  Offer offer;
  TESSERA_ASSIGN_OR_RETURN(offer.candidate.id, r.required_id("id"));
  TESSERA_ASSIGN_OR_RETURN(offer.candidate.categories, read_ids(r, "categories", 8));
  TESSERA_ASSIGN_OR_RETURN(offer.candidate.tags, read_ids(r, "tags", 16));
  if (const Json* cond = r.find("eligibleIf")) {
    if (!cond->is_string()) {
      return Status(Code::kInvalidType, "expected an expression string", r.path_of("eligibleIf"));
    }
    TESSERA_ASSIGN_OR_RETURN(offer.eligible_if, expr::Expression::parse(cond->get<std::string>(),
                                                                        r.path_of("eligibleIf")));
  }
  const Json* title = r.find("title");
  if (title == nullptr) {
    return Status(Code::kMissingField, "required field is missing", r.path_of("title"));
  }
  TESSERA_ASSIGN_OR_RETURN(offer.title, read_text(*title, r.path_of("title"), 200));
  TESSERA_ASSIGN_OR_RETURN(offer.text, read_optional_text(r, "text", 1000));
  TESSERA_ASSIGN_OR_RETURN(offer.url, read_link(r, "url"));
  TESSERA_ASSIGN_OR_RETURN(offer.image, read_link(r, "image"));
  return offer;
}

Result<personal::CategoryLabels> parse_labels(const Json& value, const std::string& at) {
  TESSERA_RETURN_IF_ERROR(expect_object(value, at));
  personal::CategoryLabels labels;
  if (value.size() > 1000) return Status(Code::kLimitExceeded, "at most 1000 labels", at);
  for (const auto& [id, text] : value.items()) {
    const std::string item_at = pointer_join(at, id);
    TESSERA_RETURN_IF_ERROR(check_id(id, item_at));
    TESSERA_ASSIGN_OR_RETURN(labels[id], read_text(text, item_at, 100));
  }
  return labels;
}

Status parse_privacy(const Json& value, const std::string& at, PersonalizationConfig& out) {
  TESSERA_RETURN_IF_ERROR(expect_object(value, at));
  FieldReader r(value, at);
  TESSERA_RETURN_IF_ERROR(r.reject_unknown({"metrics", "budget", "delivery"}));
  if (const Json* metrics = r.find("metrics")) {
    const std::string metrics_at = r.path_of("metrics");
    TESSERA_RETURN_IF_ERROR(expect_array(*metrics, metrics_at, 0, kMaxMetrics));
    std::set<std::string> seen;
    for (std::size_t i = 0; i < metrics->size(); ++i) {
      const std::string item_at = pointer_join(metrics_at, i);
      TESSERA_ASSIGN_OR_RETURN(privacy::MetricSpec spec,
                               privacy::parse_metric_spec((*metrics)[i], item_at));
      if (!seen.insert(spec.metric).second) {
        return Status(Code::kDuplicateId, "metric \"" + spec.metric + "\" is listed twice",
                      pointer_join(item_at, "metric"));
      }
      out.metrics.push_back(std::move(spec));
    }
  }
  if (const Json* budget = r.find("budget")) {
    TESSERA_ASSIGN_OR_RETURN(out.budget,
                             privacy::parse_budget_policy(*budget, r.path_of("budget")));
  }
  if (const Json* delivery = r.find("delivery")) {
    TESSERA_ASSIGN_OR_RETURN(out.delivery,
                             privacy::parse_delivery_policy(*delivery, r.path_of("delivery")));
  }
  return Status::Ok();
}

}  // namespace

std::vector<bool> OfferSet::eligibility(const Json& facts, const expr::EvalContext& when) const {
  std::vector<bool> passed(conditions.size());
  for (std::size_t k = 0; k < conditions.size(); ++k) {
    passed[k] = offers[conditions[k]].eligible_if->test(facts, when);
  }
  std::vector<bool> out(offers.size(), true);
  for (std::size_t i = 0; i < offers.size(); ++i) {
    if (condition_of[i] >= 0) out[i] = passed[static_cast<std::size_t>(condition_of[i])];
  }
  return out;
}

Result<std::shared_ptr<const OfferSet>> parse_offers(const Json& value, const std::string& path) {
  TESSERA_RETURN_IF_ERROR(expect_array(value, path, 1, kMaxOffers));
  auto set = std::make_shared<OfferSet>();
  std::set<std::string> ids;
  std::vector<personal::Candidate> candidates;
  candidates.reserve(value.size());
  set->offers.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string at = pointer_join(path, i);
    TESSERA_ASSIGN_OR_RETURN(Offer offer, parse_offer(value[i], at));
    if (!ids.insert(offer.candidate.id).second) {
      return Status(Code::kDuplicateId, "candidate id \"" + offer.candidate.id + "\" is used twice",
                    pointer_join(at, "id"));
    }
    candidates.push_back(offer.candidate);
    set->offers.push_back(std::move(offer));
  }
  // Ids were checked above, so compiling cannot fail; keep its status anyway.
  auto compiled = personal::CandidateSet::compile(std::move(candidates));
  if (!compiled.ok()) {
    const Status& st = compiled.status();
    return Status(st.code(), st.message(),
                  path + st.path().substr(std::string("/candidates").size()));
  }
  set->candidates = std::move(compiled).value();
  std::map<std::string_view, int> by_text;
  set->condition_of.assign(set->offers.size(), -1);
  for (std::size_t i = 0; i < set->offers.size(); ++i) {
    const auto& cond = set->offers[i].eligible_if;
    if (!cond) continue;
    auto [it, added] = by_text.emplace(cond->text(), static_cast<int>(set->conditions.size()));
    if (added) set->conditions.push_back(i);
    set->condition_of[i] = it->second;
  }
  return std::shared_ptr<const OfferSet>(std::move(set));
}

Result<PersonalizationConfig> parse_personalization(const Json& value, const std::string& path) {
  TESSERA_RETURN_IF_ERROR(expect_object(value, path));
  FieldReader r(value, path);
  TESSERA_RETURN_IF_ERROR(r.reject_unknown(
      {"defaultLocale", "profile", "ranking", "labels", "explanations", "candidates", "privacy"}));
  PersonalizationConfig config;
  TESSERA_ASSIGN_OR_RETURN(config.default_locale, r.optional_string("defaultLocale", "en", 35));
  TESSERA_RETURN_IF_ERROR(check_locale(config.default_locale, r.path_of("defaultLocale")));
  if (const Json* v = r.find("profile")) {
    TESSERA_ASSIGN_OR_RETURN(config.profile,
                             personal::parse_profile_config(*v, r.path_of("profile")));
  }
  if (const Json* v = r.find("ranking")) {
    TESSERA_ASSIGN_OR_RETURN(config.ranking,
                             personal::parse_ranking_config(*v, r.path_of("ranking")));
  }
  if (const Json* v = r.find("labels")) {
    TESSERA_ASSIGN_OR_RETURN(config.labels, parse_labels(*v, r.path_of("labels")));
  }
  // The merchant's templates replace the built-in English and German ones
  // as a whole, so a site never shows a mix of its voice and ours.
  if (const Json* v = r.find("explanations")) {
    TESSERA_ASSIGN_OR_RETURN(config.templates,
                             personal::ExplanationTemplates::parse(*v, r.path_of("explanations")));
  }
  const Json* candidates = r.find("candidates");
  if (candidates == nullptr) {
    return Status(Code::kMissingField, "required field is missing", r.path_of("candidates"));
  }
  TESSERA_ASSIGN_OR_RETURN(config.offers, parse_offers(*candidates, r.path_of("candidates")));
  if (const Json* v = r.find("privacy")) {
    TESSERA_RETURN_IF_ERROR(parse_privacy(*v, r.path_of("privacy"), config));
  }
  return config;
}

}  // namespace tessera::engine
