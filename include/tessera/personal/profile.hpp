// The on-device interest profile: a bounded, time-ordered list of events
// (view, click, add to cart, purchase, survey signal) about the merchant's
// catalog categories and tags, from which per-category affinity is computed
// with exponential time decay.
//
// Events are the only stored truth. Affinity is recomputed from them, so the
// retention window is exact: once an event is past retention, nothing it
// contributed remains (a running decayed sum would keep a trace forever).
// Caps bound the storage: at most max_events events (oldest dropped first)
// and at most max_categories / max_tags distinct ids (the weakest is
// forgotten everywhere). The profile never leaves the device; see
// profile_storage.hpp for sealing, export and erasure.
//
//   ProfileConfig config;  // half-life 7 days, retention 28 days
//   Profile profile;
//   Status s = profile.record(
//       Event{now_ms, EventType::kView, {"running-shoes"}, {"trail"}, context}, config);
//   AffinityTable table = profile.affinity(now_ms, context, config);
//   table.category("running-shoes")->relative;  // 1.0: the strongest interest
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "tessera/common/json.hpp"
#include "tessera/personal/context.hpp"

namespace tessera::personal {

enum class EventType { kView, kClick, kAddToCart, kPurchase, kSurveySignal };
// "view", "click", "add_to_cart", "purchase", "survey"
std::string_view event_type_name(EventType type);
Result<EventType> parse_event_type(std::string_view name, const std::string& path);

constexpr std::size_t kMaxCategoriesPerEvent = 8;
constexpr std::size_t kMaxTagsPerEvent = 16;

struct Event {
  std::int64_t at_ms = 0;  // epoch ms, UTC
  EventType type = EventType::kView;
  std::vector<std::string> categories;  // catalog category ids, up to 8
  std::vector<std::string> tags;        // catalog tag ids, up to 16
  Context context;
};

// {"at": ms, "type": "view", "categories": [..], "tags": [..],
//  "context": {"utcOffsetMinutes": 60, "device": "mobile", "page": "product"}}
// Errors with JSON pointers below `path`.
Result<Event> parse_event(const Json& value, const std::string& path);
// The same shape, empty fields omitted; what the sealed profile stores.
Json event_to_json(const Event& event);

// How much one event of each type says about interest. Purchases say most;
// a survey answer is a stated interest, between a click and a cart.
struct EventWeights {
  double view = 1;
  double click = 2;
  double add_to_cart = 4;
  double purchase = 6;
  double survey_signal = 3;
  double of(EventType type) const;
};

struct ProfileConfig {
  std::int64_t half_life_ms = 7 * kDayMs;        // an event's weight halves every half-life
  std::int64_t retention_ms = 28 * kDayMs;       // older events are dropped
  std::int64_t evidence_window_ms = 7 * kDayMs;  // "events this week" in explanations
  std::size_t max_events = 1000;
  std::size_t max_categories = 200;
  std::size_t max_tags = 400;
  EventWeights weights;
  // An event whose context matches the current one counts up to
  // (1 + context_weight) times: +context_weight/4 for each of daypart,
  // weekend-or-not, device class and page type that match.
  double context_weight = 0.25;
};

// {"halfLifeHours": 168, "retentionDays": 28, "evidenceWindowDays": 7,
//  "maxEvents": 1000, "maxCategories": 200, "maxTags": 400,
//  "weights": {"view": 1, ...}, "contextWeight": 0.25}, every field optional.
// Absurd values (a half-life <= 0, retention under 1 day, zero caps, negative
// weights) are errors with JSON pointers.
Result<ProfileConfig> parse_profile_config(const Json& value, const std::string& path);

// Interest in one category or tag at a moment.
struct Affinity {
  double score = 0;       // sum of weight x 2^(-age / half-life) x context factor
  double relative = 0;    // score / the strongest score of its kind: (0, 1]
  int recent_events = 0;  // events within the evidence window
  int events = 0;         // events within the retention window
  std::int64_t last_seen_ms = 0;
};

class AffinityTable {
 public:
  // Sorted by id, each id once; iterates like a map of id -> Affinity.
  using Map = std::vector<std::pair<std::string, Affinity>>;
  const Affinity* category(std::string_view id) const;
  const Affinity* tag(std::string_view id) const;
  const Map& categories() const { return categories_; }
  const Map& tags() const { return tags_; }
  std::int64_t evidence_window_ms() const { return evidence_window_ms_; }
  std::int64_t retention_ms() const { return retention_ms_; }
  bool empty() const { return categories_.empty() && tags_.empty(); }

 private:
  friend class Profile;
  Map categories_;
  Map tags_;
  std::int64_t evidence_window_ms_ = 0;
  std::int64_t retention_ms_ = 0;
};

// The distinct ids of one kind (categories or tags) a profile's events
// mention, with how many events mention each. Every id keeps a small integer
// slot while it is in use, so computing affinity indexes arrays instead of
// comparing strings; a slot freed when its last event goes is reused.
class IdVocabulary {
 public:
  std::uint32_t add(std::string_view id);  // one more event mentions id; its slot
  void drop(std::uint32_t slot);           // one event fewer; frees the slot at 0
  void clear();
  std::size_t size() const { return slot_of_.size(); }      // ids in use
  std::size_t slot_count() const { return names_.size(); }  // slots ever handed out
  // In id order: (id, slot) of every id in use.
  const std::map<std::string, std::uint32_t, std::less<>>& by_id() const { return slot_of_; }

 private:
  std::map<std::string, std::uint32_t, std::less<>> slot_of_;
  std::vector<const std::string*> names_;  // slot -> key in slot_of_ (nodes never move)
  std::vector<int> refs_;                  // slot -> events mentioning it
  std::vector<std::uint32_t> free_;
};

class Profile {
 public:
  // Validates the event (errors with JSON pointers as if it were JSON), then
  // stores it in time order and applies retention and caps. An event already
  // past retention (relative to the newest event) is accepted and dropped.
  Status record(Event event, const ProfileConfig& config);
  // Drops events older than now_ms - retention.
  void expire(std::int64_t now_ms, const ProfileConfig& config);
  // Forgets everything (the person's "clear my data").
  void clear();

  const std::deque<Event>& events() const { return events_; }  // oldest first
  std::size_t category_count() const { return categories_.size(); }
  std::size_t tag_count() const { return tags_.size(); }

  // Affinity at now_ms in the situation `now`. Events past retention count
  // for nothing even if expire() has not run yet.
  AffinityTable affinity(std::int64_t now_ms, const Context& now,
                         const ProfileConfig& config) const;

 private:
  // What affinity() needs of a stored event, precomputed once at record():
  // vocabulary slots instead of strings, and the event's local daypart.
  struct Indexed {
    std::vector<std::uint32_t> categories;
    std::vector<std::uint32_t> tags;
    Daypart daypart = Daypart::kNight;
    bool weekend = false;
    // 2^((at - anchor) / half-life), computed by affinity() when first
    // needed (NaN until then); see Profile::growth_anchor_ms_.
    mutable double growth = std::numeric_limits<double>::quiet_NaN();
  };
  Indexed index(const Event& event);
  void forget_front();
  void rebuild_index();
  void evict_weakest(bool categories, const Event& keep, const ProfileConfig& config);

  std::deque<Event> events_;
  std::deque<Indexed> indexed_;  // parallel to events_
  // Distinct ids with their event counts: the caps count these.
  IdVocabulary categories_;
  IdVocabulary tags_;
  // Decay as one exp2 per affinity() call: an event's decay at `now` is
  // growth x 2^(-(now - anchor) / half-life). The anchor is a function of
  // the oldest event's time and the half-life only (rounded down to a
  // multiple of kAnchorHalfLives half-lives), so the same events give the
  // same bits whatever order they were recorded or loaded in. Cached here
  // for the half-life it was made for; a cache, not state (not serialized).
  static constexpr std::int64_t kAnchorHalfLives = 32;
  static constexpr std::int64_t kMaxGrowthSpan = 256;  // retention / half-life
  static constexpr double kMaxNowSpan = 900;           // |now - anchor| / half-life
  mutable std::int64_t growth_half_life_ms_ = 0;
  mutable std::int64_t growth_anchor_ms_ = 0;
};

// Checks an event as record() does; paths are below `path`.
Status validate_event(const Event& event, const std::string& path);

}  // namespace tessera::personal
