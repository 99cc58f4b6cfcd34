// Recording events with retention and caps, and decayed affinity; see
// tessera/personal/profile.hpp.
//
// Decay: an event of age a contributes weight x 2^(-a / half-life) (so a
// 7-day-old view counts half as much as one now with the default half-life).
// 2^x comes from portable_exp2, so the same profile scores the same bits in
// native code and in wasm.
#include "tessera/personal/profile.hpp"

#include <algorithm>
#include <limits>

#include "tessera/common/portable_math.hpp"

namespace tessera::personal {
namespace {

void add_refs(std::map<std::string, int, std::less<>>& refs, const std::vector<std::string>& ids) {
  for (const auto& id : ids) ++refs[id];
}

void drop_refs(std::map<std::string, int, std::less<>>& refs, const std::vector<std::string>& ids) {
  for (const auto& id : ids) {
    auto it = refs.find(id);
    if (it != refs.end() && --it->second <= 0) refs.erase(it);
  }
}

double decay(std::int64_t now_ms, std::int64_t at_ms, std::int64_t half_life_ms) {
  const std::int64_t age = std::max<std::int64_t>(0, now_ms - at_ms);
  return portable_exp2(-static_cast<double>(age) / static_cast<double>(half_life_ms));
}

// 1 + context_weight x (share of daypart, weekend, device, page that match).
double context_factor(const Event& event, const LocalTime& now_time, const Context& now,
                      double context_weight) {
  if (context_weight <= 0) return 1.0;
  const LocalTime then = local_time(event.at_ms, event.context.utc_offset_minutes);
  int matches = 0;
  if (then.daypart == now_time.daypart) ++matches;
  if (then.weekend() == now_time.weekend()) ++matches;
  if (now.device != DeviceClass::kUnknown && event.context.device == now.device) ++matches;
  if (!now.page_type.empty() && event.context.page_type == now.page_type) ++matches;
  return 1.0 + context_weight * static_cast<double>(matches) / 4.0;
}

void normalize(AffinityTable::Map& map) {
  double strongest = 0;
  for (const auto& [id, a] : map) strongest = std::max(strongest, a.score);
  for (auto& [id, a] : map) a.relative = strongest > 0 ? a.score / strongest : 0.0;
}

}  // namespace

const Affinity* AffinityTable::category(std::string_view id) const {
  auto it = categories_.find(id);
  return it == categories_.end() ? nullptr : &it->second;
}

const Affinity* AffinityTable::tag(std::string_view id) const {
  auto it = tags_.find(id);
  return it == tags_.end() ? nullptr : &it->second;
}

void Profile::remember(const Event& event) {
  add_refs(category_refs_, event.categories);
  add_refs(tag_refs_, event.tags);
}

void Profile::forget(const Event& event) {
  drop_refs(category_refs_, event.categories);
  drop_refs(tag_refs_, event.tags);
}

Status Profile::record(Event event, const ProfileConfig& config) {
  TESSERA_RETURN_IF_ERROR(validate_event(event, ""));
  const std::int64_t newest =
      events_.empty() ? event.at_ms : std::max(events_.back().at_ms, event.at_ms);
  expire(newest, config);
  if (event.at_ms < newest - config.retention_ms) return Status::Ok();  // already too old

  // Insert after any events with the same time: arrival order breaks ties.
  auto pos = std::upper_bound(events_.begin(), events_.end(), event.at_ms,
                              [](std::int64_t t, const Event& e) { return t < e.at_ms; });
  pos = events_.insert(pos, std::move(event));
  remember(*pos);
  const Event kept = *pos;  // a copy: eviction below may move events around

  while (events_.size() > config.max_events) {
    forget(events_.front());
    events_.erase(events_.begin());
  }
  while (category_refs_.size() > config.max_categories) evict_weakest(true, kept, config);
  while (tag_refs_.size() > config.max_tags) evict_weakest(false, kept, config);
  return Status::Ok();
}

void Profile::evict_weakest(bool categories, const Event& keep, const ProfileConfig& config) {
  auto& refs = categories ? category_refs_ : tag_refs_;
  const std::vector<std::string>& protect = categories ? keep.categories : keep.tags;
  // Decayed score of every id at the newest event's time, context-free.
  std::map<std::string_view, double> score;
  const std::int64_t now = events_.empty() ? keep.at_ms : events_.back().at_ms;
  for (const Event& e : events_) {
    const double w = config.weights.of(e.type) * decay(now, e.at_ms, config.half_life_ms);
    for (const auto& id : categories ? e.categories : e.tags) score[id] += w;
  }
  // The weakest id not in the event just recorded; ties go to the id that
  // sorts first, so eviction is deterministic.
  std::string victim;
  double weakest = std::numeric_limits<double>::infinity();
  for (const auto& [id, count] : refs) {
    if (std::find(protect.begin(), protect.end(), id) != protect.end()) continue;
    const double s = score[id];
    if (s < weakest) {
      weakest = s;
      victim = id;
    }
  }
  if (victim.empty()) {
    // Only protected ids remain: possible when a cap is below one event's
    // list. Drop the cap's excess by removing the oldest event instead.
    forget(events_.front());
    events_.erase(events_.begin());
    return;
  }
  std::vector<Event> kept_events;
  kept_events.reserve(events_.size());
  for (Event& e : events_) {
    auto& ids = categories ? e.categories : e.tags;
    ids.erase(std::remove(ids.begin(), ids.end(), victim), ids.end());
    if (!e.categories.empty() || !e.tags.empty()) kept_events.push_back(std::move(e));
  }
  events_ = std::move(kept_events);
  refs.erase(victim);
  // Events that lost their last id were dropped with ids of the other kind.
  category_refs_.clear();
  tag_refs_.clear();
  for (const Event& e : events_) remember(e);
}

void Profile::expire(std::int64_t now_ms, const ProfileConfig& config) {
  const std::int64_t cutoff = now_ms - config.retention_ms;
  auto first_kept = std::find_if(events_.begin(), events_.end(),
                                 [&](const Event& e) { return e.at_ms >= cutoff; });
  for (auto it = events_.begin(); it != first_kept; ++it) forget(*it);
  events_.erase(events_.begin(), first_kept);
}

void Profile::clear() {
  events_.clear();
  category_refs_.clear();
  tag_refs_.clear();
}

AffinityTable Profile::affinity(std::int64_t now_ms, const Context& now,
                                const ProfileConfig& config) const {
  AffinityTable table;
  table.evidence_window_ms_ = config.evidence_window_ms;
  table.retention_ms_ = config.retention_ms;
  const LocalTime now_time =
      local_time(std::clamp<std::int64_t>(now_ms, 0, kMaxTimestampMs), now.utc_offset_minutes);
  for (const Event& e : events_) {
    const std::int64_t age = now_ms - e.at_ms;
    if (age > config.retention_ms) continue;
    const double w = config.weights.of(e.type) * decay(now_ms, e.at_ms, config.half_life_ms) *
                     context_factor(e, now_time, now, config.context_weight);
    const bool recent = age <= config.evidence_window_ms;
    auto credit = [&](AffinityTable::Map& map, const std::vector<std::string>& ids) {
      for (const auto& id : ids) {
        Affinity& a = map[id];
        a.score += w;
        ++a.events;
        if (recent) ++a.recent_events;
        a.last_seen_ms = std::max(a.last_seen_ms, e.at_ms);
      }
    };
    credit(table.categories_, e.categories);
    credit(table.tags_, e.tags);
  }
  normalize(table.categories_);
  normalize(table.tags_);
  return table;
}

}  // namespace tessera::personal
