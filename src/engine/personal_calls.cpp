// The engine's personal.* and privacy.* calls; see docs/engine-api.md and
// tessera/engine/personalization.hpp.
//
// The profile crosses the boundary only sealed (personal.open /
// personal.seal) or as the person's own export; rankings carry offer ids and
// display text, never affinities. Keys, nonces and seeds come from the
// caller (crypto.getRandomValues in the browser).
#include <algorithm>

#include "personal_args.hpp"
#include "tessera/crypto/encoding.hpp"
#include "tessera/engine/engine.hpp"
#include "tessera/personal/profile_storage.hpp"
#include "tessera/privacy/estimate.hpp"

namespace tessera::engine {
namespace {

using personal_args::open_args;
using personal_args::read_hex;

constexpr std::size_t kMaxReports = 100000;

Result<const privacy::MetricSpec*> find_metric(const PersonalizationConfig& config,
                                               const FieldReader& r) {
  TESSERA_ASSIGN_OR_RETURN(std::string metric, r.required_id("metric"));
  for (const auto& spec : config.metrics) {
    if (spec.metric == metric) return &spec;
  }
  return Status(Code::kNotFound, "no metric \"" + metric + "\" in the site config", "/metric");
}

// The index of the metric's category the person is most interested in
// now (ties: the first listed), or categories.size() when none of them is
// in the profile. Plain interest, as the export shows it: no context.
std::int64_t top_interest(const privacy::MetricSpec& spec, const personal::Profile& profile,
                          std::int64_t now, personal::ProfileConfig config) {
  config.context_weight = 0;
  const personal::AffinityTable table = profile.affinity(now, personal::Context{}, config);
  std::int64_t best = static_cast<std::int64_t>(spec.categories.size());
  double strongest = 0;
  for (std::size_t i = 0; i < spec.categories.size(); ++i) {
    const personal::Affinity* a = table.category(spec.categories[i]);
    if (a != nullptr && a->score > strongest) {
      strongest = a->score;
      best = static_cast<std::int64_t>(i);
    }
  }
  return best;
}

// The result of personal.open when the stored blob cannot be used: the
// caller discards it and reports the problem (an `error` event in the web
// layer); the person keeps a working, empty profile.
Json discarded(const Status& why) {
  return Json{
      {"status", "discarded"},
      {"events", 0},
      {"problem", {{"code", std::string(code_name(why.code()))}, {"message", why.message()}}}};
}

}  // namespace

Result<Json> Engine::personal_call(std::string_view method, const Json& args) {
  if (!config_.personalization) {
    return Status(Code::kFailedPrecondition, "the site config has no personalization section");
  }
  const PersonalizationConfig& pc = *config_.personalization;
  TESSERA_ASSIGN_OR_RETURN(FieldReader r, open_args(args));

  if (method == "personal.open") {
    TESSERA_RETURN_IF_ERROR(r.reject_unknown({"sealed", "key"}));
    TESSERA_ASSIGN_OR_RETURN(personal::StorageKey key, read_hex<32>(r, "key"));
    profile_.clear();
    const Json* sealed = r.find("sealed");
    if (sealed == nullptr || sealed->is_null()) return Json{{"status", "new"}, {"events", 0}};
    if (!sealed->is_string()) {
      return Status(Code::kInvalidType, "expected base64 text or null", "/sealed");
    }
    auto bytes = crypto::base64_decode(sealed->get<std::string>(), "/sealed");
    if (!bytes.ok()) return discarded(bytes.status());
    auto opened = personal::open_profile(*bytes, key);
    if (!opened.ok()) return discarded(opened.status());
    profile_ = std::move(opened).value();
    return Json{{"status", "opened"}, {"events", profile_.events().size()}};
  }
  if (method == "personal.record") {
    TESSERA_RETURN_IF_ERROR(r.reject_unknown({"event"}));
    const Json* event = r.find("event");
    if (event == nullptr) return Status(Code::kMissingField, "required field is missing", "/event");
    TESSERA_ASSIGN_OR_RETURN(personal::Event parsed, personal::parse_event(*event, "/event"));
    TESSERA_RETURN_IF_ERROR(profile_.record(std::move(parsed), pc.profile));
    return Json{{"events", profile_.events().size()}};
  }
  if (method == "personal.rank") {
    // Native callers (dispatch) get a Json; Engine::call uses the text.
    TESSERA_ASSIGN_OR_RETURN(std::string text, personal_rank(args));
    return parse_json(text, {16u << 20, 16});
  }
  if (method == "personal.setCandidates") {
    TESSERA_RETURN_IF_ERROR(r.reject_unknown({"candidates"}));
    const Json* list = r.find("candidates");
    if (list == nullptr) {
      return Status(Code::kMissingField, "required field is missing", "/candidates");
    }
    if (list->is_null()) {
      offers_ = nullptr;  // back to the config's list
    } else {
      TESSERA_ASSIGN_OR_RETURN(offers_, parse_offers(*list, "/candidates"));
    }
    const OfferSet& now_used = offers_ ? *offers_ : *pc.offers;
    return Json{{"candidates", now_used.offers.size()}};
  }
  if (method == "personal.seal") {
    TESSERA_RETURN_IF_ERROR(r.reject_unknown({"key", "nonce"}));
    TESSERA_ASSIGN_OR_RETURN(personal::StorageKey key, read_hex<32>(r, "key"));
    TESSERA_ASSIGN_OR_RETURN(personal::StorageNonce nonce, read_hex<24>(r, "nonce"));
    crypto::Bytes sealed = personal::seal_profile(profile_, key, nonce);
    return Json{{"sealed", crypto::base64_encode(sealed)}, {"events", profile_.events().size()}};
  }
  if (method == "personal.export") {
    TESSERA_RETURN_IF_ERROR(r.reject_unknown({"now"}));
    TESSERA_ASSIGN_OR_RETURN(std::int64_t now, r.required_int("now", 0, personal::kMaxTimestampMs));
    return personal::export_profile(profile_, now, pc.profile);
  }
  if (method == "personal.forget") {
    TESSERA_RETURN_IF_ERROR(r.reject_unknown({}));
    profile_.clear();
    return Json{{"forgotten", true}, {"events", 0}};
  }
  if (method == "privacy.report") {
    TESSERA_RETURN_IF_ERROR(r.reject_unknown({"metric", "value", "now", "seed", "budget"}));
    TESSERA_ASSIGN_OR_RETURN(const privacy::MetricSpec* spec, find_metric(pc, r));
    const bool interest = !spec->categories.empty();
    std::int64_t value = 0;
    if (interest && r.has("value")) {
      return Status(Code::kInvalidValue,
                    "\"" + spec->metric + "\" reports the profile's top interest; leave out value",
                    "/value");
    }
    if (!interest) {
      TESSERA_ASSIGN_OR_RETURN(value, r.required_int("value", 0, spec->domain_size - 1));
    }
    TESSERA_ASSIGN_OR_RETURN(std::int64_t now, r.required_int("now", 0, personal::kMaxTimestampMs));
    // An interest metric: the value comes from the profile, here.
    if (interest) value = top_interest(*spec, profile_, now, pc.profile);
    TESSERA_ASSIGN_OR_RETURN(RandomSeed seed, read_hex<32>(r, "seed"));
    privacy::PrivacyBudget budget;
    if (const Json* b = r.find("budget"); b != nullptr && !b->is_null()) {
      auto parsed = privacy::PrivacyBudget::from_json(*b);
      if (!parsed.ok()) {
        const Status& st = parsed.status();
        return Status(st.code(), st.message(), "/budget" + st.path());
      }
      budget = std::move(parsed).value();
    }
    SeededRandom rng(seed, kStreamPrivacy);
    TESSERA_ASSIGN_OR_RETURN(
        privacy::LdpReport report,
        privacy::privatize(*spec, static_cast<std::uint32_t>(value), budget, now, pc.budget, rng));
    // The send time has its own stream: it must not depend on the coins.
    SeededRandom delay(seed, kStreamDelivery);
    return Json{{"report", report.to_json()},
                {"budget", budget.to_json()},
                {"body", privacy::collector_body(report, config_.site)},
                {"sendAt", privacy::draw_send_time(pc.delivery, now, delay)}};
  }
  if (method == "privacy.decode") {
    TESSERA_RETURN_IF_ERROR(r.reject_unknown({"metric", "reports"}));
    TESSERA_ASSIGN_OR_RETURN(const privacy::MetricSpec* spec, find_metric(pc, r));
    const Json* reports = r.find("reports");
    if (reports == nullptr) {
      return Status(Code::kMissingField, "required field is missing", "/reports");
    }
    TESSERA_RETURN_IF_ERROR(expect_array(*reports, "/reports", 0, kMaxReports));
    TESSERA_ASSIGN_OR_RETURN(privacy::FrequencyEstimator estimator,
                             privacy::FrequencyEstimator::create(*spec));
    for (std::size_t i = 0; i < reports->size(); ++i) {
      const std::string at = pointer_join("/reports", i);
      auto report = privacy::LdpReport::from_json((*reports)[i]);
      if (!report.ok()) {
        return Status(report.status().code(), report.status().message(),
                      at + report.status().path());
      }
      Status added = estimator.add(*report);
      if (!added.ok()) return Status(added.code(), added.message(), at);
    }
    return estimator.to_json();
  }
  return Status(Code::kNotFound, "unknown call \"" + std::string(method) + "\"");
}

}  // namespace tessera::engine
