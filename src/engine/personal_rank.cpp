// personal.rank: the engine's hot call (every page view, in wasm), apart from
// the other personal.* calls so its speed work stays in one place.
//
// The offers come compiled (OfferSet: parsed once, candidates interned,
// identical eligibility texts evaluated once). The result is written as text
// directly: `excluded` can list hundreds of offers, and building a JSON tree
// of small objects only to serialize it cost more than the ranking itself
// in wasm. Engine::call puts the text in the envelope; dispatch() parses it
// back for native callers.
#include "personal_args.hpp"
#include "tessera/engine/engine.hpp"

namespace tessera::engine {

namespace personal_args {

constexpr std::size_t kMaxShows = 10000;

Result<personal::Context> parse_context(const FieldReader& r) {
  personal::Context context;
  const Json* ctx = r.find("context");
  if (ctx == nullptr) return context;
  const std::string at = r.path_of("context");
  TESSERA_RETURN_IF_ERROR(expect_object(*ctx, at));
  FieldReader c(*ctx, at);
  TESSERA_RETURN_IF_ERROR(c.reject_unknown({"utcOffsetMinutes", "device", "page"}));
  TESSERA_ASSIGN_OR_RETURN(std::int64_t offset, c.optional_int("utcOffsetMinutes", 0, -840, 840));
  context.utc_offset_minutes = static_cast<std::int32_t>(offset);
  TESSERA_ASSIGN_OR_RETURN(std::string device, c.optional_string("device", "unknown", 16));
  TESSERA_ASSIGN_OR_RETURN(context.device,
                           personal::parse_device_class(device, c.path_of("device")));
  TESSERA_ASSIGN_OR_RETURN(context.page_type, c.optional_string("page", "", 64));
  if (!context.page_type.empty()) {
    TESSERA_RETURN_IF_ERROR(check_id(context.page_type, c.path_of("page")));
  }
  return context;
}

// {"feedback": {"<id>": {"impressions": n, "clicks": n}}, "shows": [{"id", "at"}]}
Result<personal::ExposureLog> parse_exposure(const FieldReader& r) {
  personal::ExposureLog log;
  const Json* v = r.find("exposure");
  if (v == nullptr || v->is_null()) return log;
  const std::string at = r.path_of("exposure");
  TESSERA_RETURN_IF_ERROR(expect_object(*v, at));
  FieldReader x(*v, at);
  TESSERA_RETURN_IF_ERROR(x.reject_unknown({"feedback", "shows"}));
  if (const Json* fb = x.find("feedback")) {
    const std::string fb_at = x.path_of("feedback");
    TESSERA_RETURN_IF_ERROR(expect_object(*fb, fb_at));
    for (const auto& [id, counts] : fb->items()) {
      const std::string item_at = pointer_join(fb_at, id);
      TESSERA_RETURN_IF_ERROR(check_id(id, item_at));
      TESSERA_RETURN_IF_ERROR(expect_object(counts, item_at));
      FieldReader c(counts, item_at);
      TESSERA_RETURN_IF_ERROR(c.reject_unknown({"impressions", "clicks"}));
      personal::ItemFeedback f;
      TESSERA_ASSIGN_OR_RETURN(f.impressions, c.optional_int("impressions", 0, 0, INT32_MAX));
      TESSERA_ASSIGN_OR_RETURN(f.clicks, c.optional_int("clicks", 0, 0, f.impressions));
      log.feedback.emplace(id, f);
    }
  }
  if (const Json* shows = x.find("shows")) {
    const std::string shows_at = x.path_of("shows");
    TESSERA_RETURN_IF_ERROR(expect_array(*shows, shows_at, 0, kMaxShows));
    for (std::size_t i = 0; i < shows->size(); ++i) {
      const std::string item_at = pointer_join(shows_at, i);
      TESSERA_RETURN_IF_ERROR(expect_object((*shows)[i], item_at));
      FieldReader s((*shows)[i], item_at);
      TESSERA_RETURN_IF_ERROR(s.reject_unknown({"id", "at"}));
      personal::Show show;
      TESSERA_ASSIGN_OR_RETURN(show.item_id, s.required_id("id"));
      TESSERA_ASSIGN_OR_RETURN(show.at_ms, s.required_int("at", 0, personal::kMaxTimestampMs));
      log.shows.push_back(std::move(show));
    }
  }
  return log;
}

}  // namespace personal_args

Result<std::string> Engine::personal_rank(const Json& args) {
  using namespace personal_args;
  if (!config_.personalization) {
    return Status(Code::kFailedPrecondition, "the site config has no personalization section");
  }
  const PersonalizationConfig& pc = *config_.personalization;
  TESSERA_ASSIGN_OR_RETURN(FieldReader r, open_args(args));
  TESSERA_RETURN_IF_ERROR(
      r.reject_unknown({"now", "seed", "locale", "context", "exposure", "facts", "candidates"}));
  TESSERA_ASSIGN_OR_RETURN(std::int64_t now, r.required_int("now", 0, personal::kMaxTimestampMs));
  TESSERA_ASSIGN_OR_RETURN(RandomSeed seed, read_hex<32>(r, "seed"));
  TESSERA_ASSIGN_OR_RETURN(std::string locale, r.optional_string("locale", pc.default_locale, 35));
  TESSERA_RETURN_IF_ERROR(check_locale(locale, "/locale"));
  TESSERA_ASSIGN_OR_RETURN(personal::Context context, parse_context(r));
  TESSERA_ASSIGN_OR_RETURN(personal::ExposureLog exposure, parse_exposure(r));
  // Facts are what eligibility conditions read ({cartTotal}, {member}...);
  // they stay inside the engine.
  Json no_facts;
  const Json* facts = r.find("facts");
  if (facts != nullptr) {
    TESSERA_RETURN_IF_ERROR(expect_object(*facts, "/facts"));
  } else {
    no_facts = Json::object();
    facts = &no_facts;
  }
  // The offers: the page's own list for this call (parsed and compiled
  // now: the slow path), else the set given by personal.setCandidates,
  // else the config's. Compiled sets are shared, never copied.
  std::shared_ptr<const OfferSet> offers = offers_ ? offers_ : pc.offers;
  if (const Json* list = r.find("candidates")) {
    TESSERA_ASSIGN_OR_RETURN(offers, parse_offers(*list, "/candidates"));
  }
  const expr::EvalContext when{now, context.utc_offset_minutes};
  const std::vector<bool> eligible = offers->eligibility(*facts, when);
  personal::AffinityTable affinity = profile_.affinity(now, context, pc.profile);
  TESSERA_ASSIGN_OR_RETURN(
      personal::Ranking ranking,
      personal::rank(offers->candidates, affinity, exposure, now, pc.ranking, seed, eligible));
  Json items = Json::array();
  for (const personal::RankedItem& item : ranking.items) {
    const Offer& offer = offers->offers[item.candidate_index];
    Json out{{"id", item.id},
             {"title", offer.title.resolve(locale, pc.default_locale)},
             {"score", item.score},
             {"explanation", item.explanation.to_json()},
             {"why", pc.templates.render(item.explanation, locale, pc.default_locale, pc.labels)}};
    if (!offer.text.empty()) out["text"] = offer.text.resolve(locale, pc.default_locale);
    if (!offer.url.empty()) out["url"] = offer.url;
    if (!offer.image.empty()) out["image"] = offer.image;
    items.push_back(std::move(out));
  }
  // {"excluded":[{"id":..,"reason":..}],"items":[..]}: the bytes dump_json
  // would give (keys sorted). Ids passed check_id, so need no escaping.
  std::string out = "{\"excluded\":[";
  out.reserve(64 + ranking.excluded.size() * 48);
  for (std::size_t i = 0; i < ranking.excluded.size(); ++i) {
    const personal::Exclusion& x = ranking.excluded[i];
    if (i > 0) out += ',';
    out += "{\"id\":\"";
    out += x.id;
    out += "\",\"reason\":\"";
    out += personal::exclusion_reason_name(x.reason);
    out += "\"}";
  }
  out += "],\"items\":";
  out += dump_json(items);
  out += '}';
  return out;
}

}  // namespace tessera::engine
