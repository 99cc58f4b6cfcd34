// Recording events with retention and caps, and decayed affinity; see
// tessera/personal/profile.hpp.
//
// Decay: an event of age a contributes weight x 2^(-a / half-life) (so a
// 7-day-old view counts half as much as one now with the default half-life).
// 2^x comes from portable_exp2, so the same profile scores the same bits in
// native code and in wasm. affinity() computes it as a per-event factor
// (cached) times one exp2 per call, anchored at a time that depends only on
// the oldest event (profile.hpp says why that keeps the bits reproducible);
// within a few ulps of the per-event exp2, which it falls back to when the
// factors could overflow.
#include "tessera/personal/profile.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "tessera/common/portable_math.hpp"

namespace tessera::personal {
namespace {

double decay(std::int64_t now_ms, std::int64_t at_ms, std::int64_t half_life_ms) {
  const std::int64_t age = std::max<std::int64_t>(0, now_ms - at_ms);
  return portable_exp2(-static_cast<double>(age) / static_cast<double>(half_life_ms));
}

const Affinity* find_in(const AffinityTable::Map& map, std::string_view id) {
  auto it =
      std::lower_bound(map.begin(), map.end(), id,
                       [](const auto& entry, std::string_view key) { return entry.first < key; });
  return it != map.end() && it->first == id ? &it->second : nullptr;
}

// Affinity per slot -> the table's id-sorted entries (ids with no event in
// the retention window are left out).
void fill(AffinityTable::Map& out, const IdVocabulary& vocabulary,
          const std::vector<Affinity>& by_slot) {
  double strongest = 0;
  for (const Affinity& a : by_slot) strongest = std::max(strongest, a.score);
  out.reserve(vocabulary.size());
  for (const auto& [id, slot] : vocabulary.by_id()) {
    const Affinity& a = by_slot[slot];
    if (a.events == 0) continue;
    out.emplace_back(id, a);
    out.back().second.relative = strongest > 0 ? a.score / strongest : 0.0;
  }
}

}  // namespace

std::uint32_t IdVocabulary::add(std::string_view id) {
  auto it = slot_of_.find(id);
  if (it != slot_of_.end()) {
    ++refs_[it->second];
    return it->second;
  }
  std::uint32_t slot = 0;
  if (!free_.empty()) {
    slot = free_.back();
    free_.pop_back();
  } else {
    slot = static_cast<std::uint32_t>(names_.size());
    names_.push_back(nullptr);
    refs_.push_back(0);
  }
  it = slot_of_.emplace(std::string(id), slot).first;
  names_[slot] = &it->first;
  refs_[slot] = 1;
  return slot;
}

void IdVocabulary::drop(std::uint32_t slot) {
  if (slot >= refs_.size() || refs_[slot] <= 0 || --refs_[slot] > 0) return;
  slot_of_.erase(slot_of_.find(*names_[slot]));
  names_[slot] = nullptr;
  free_.push_back(slot);
}

void IdVocabulary::clear() {
  slot_of_.clear();
  names_.clear();
  refs_.clear();
  free_.clear();
}

const Affinity* AffinityTable::category(std::string_view id) const {
  return find_in(categories_, id);
}

const Affinity* AffinityTable::tag(std::string_view id) const { return find_in(tags_, id); }

Profile::Indexed Profile::index(const Event& event) {
  Indexed out;
  out.categories.reserve(event.categories.size());
  for (const auto& id : event.categories) out.categories.push_back(categories_.add(id));
  out.tags.reserve(event.tags.size());
  for (const auto& id : event.tags) out.tags.push_back(tags_.add(id));
  const LocalTime t = local_time(event.at_ms, event.context.utc_offset_minutes);
  out.daypart = t.daypart;
  out.weekend = t.weekend();
  return out;
}

void Profile::forget_front() {
  for (std::uint32_t slot : indexed_.front().categories) categories_.drop(slot);
  for (std::uint32_t slot : indexed_.front().tags) tags_.drop(slot);
  events_.pop_front();
  indexed_.pop_front();
}

void Profile::rebuild_index() {
  categories_.clear();
  tags_.clear();
  indexed_.clear();
  for (const Event& e : events_) indexed_.push_back(index(e));
}

Status Profile::record(Event event, const ProfileConfig& config) {
  TESSERA_RETURN_IF_ERROR(validate_event(event, ""));
  const std::int64_t newest =
      events_.empty() ? event.at_ms : std::max(events_.back().at_ms, event.at_ms);
  expire(newest, config);
  if (event.at_ms < newest - config.retention_ms) return Status::Ok();  // already too old

  // Insert after any events with the same time: arrival order breaks ties.
  // Events nearly always arrive in order, so this is an append.
  auto pos = std::upper_bound(events_.begin(), events_.end(), event.at_ms,
                              [](std::int64_t t, const Event& e) { return t < e.at_ms; });
  const auto offset = pos - events_.begin();
  Indexed indexed = index(event);
  pos = events_.insert(pos, std::move(event));
  indexed_.insert(indexed_.begin() + offset, std::move(indexed));
  const Event kept = *pos;  // a copy: eviction below may move events around

  while (events_.size() > config.max_events) forget_front();
  while (categories_.size() > config.max_categories) evict_weakest(true, kept, config);
  while (tags_.size() > config.max_tags) evict_weakest(false, kept, config);
  return Status::Ok();
}

void Profile::evict_weakest(bool categories, const Event& keep, const ProfileConfig& config) {
  const IdVocabulary& vocabulary = categories ? categories_ : tags_;
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
  for (const auto& [id, slot] : vocabulary.by_id()) {
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
    forget_front();
    return;
  }
  std::deque<Event> kept_events;
  for (Event& e : events_) {
    auto& ids = categories ? e.categories : e.tags;
    ids.erase(std::remove(ids.begin(), ids.end(), victim), ids.end());
    if (!e.categories.empty() || !e.tags.empty()) kept_events.push_back(std::move(e));
  }
  events_ = std::move(kept_events);
  // Events that lost their last id were dropped with ids of the other kind.
  rebuild_index();
}

void Profile::expire(std::int64_t now_ms, const ProfileConfig& config) {
  const std::int64_t cutoff = now_ms - config.retention_ms;
  while (!events_.empty() && events_.front().at_ms < cutoff) forget_front();
}

void Profile::clear() {
  events_.clear();
  indexed_.clear();
  categories_.clear();
  tags_.clear();
}

AffinityTable Profile::affinity(std::int64_t now_ms, const Context& now,
                                const ProfileConfig& config) const {
  AffinityTable table;
  table.evidence_window_ms_ = config.evidence_window_ms;
  table.retention_ms_ = config.retention_ms;
  const LocalTime now_time =
      local_time(std::clamp<std::int64_t>(now_ms, 0, kMaxTimestampMs), now.utc_offset_minutes);
  const bool now_weekend = now_time.weekend();
  std::vector<Affinity> categories(categories_.slot_count());
  std::vector<Affinity> tags(tags_.slot_count());
  // Fast decay (see growth_anchor_ms_ in profile.hpp) when retention spans at most
  // kMaxGrowthSpan half-lives and `now` is within kMaxNowSpan of the
  // anchor, so no factor overflows or underflows; else exp2 per event.
  // Which path runs depends only on the events, the config and `now`.
  const std::int64_t h = config.half_life_ms;
  const double hd = static_cast<double>(h);
  bool fast = !events_.empty() && config.retention_ms / h <= kMaxGrowthSpan;
  double common = 0;
  if (fast) {
    const std::int64_t q = kAnchorHalfLives * h;
    const std::int64_t front = events_.front().at_ms;
    const std::int64_t anchor = (front >= 0 ? front : front - q + 1) / q * q;
    const double now_exponent = -static_cast<double>(now_ms - anchor) / hd;
    fast = std::fabs(now_exponent) <= kMaxNowSpan;
    if (fast) {
      common = portable_exp2(now_exponent);
      if (growth_half_life_ms_ != h || growth_anchor_ms_ != anchor) {
        for (const Indexed& x : indexed_) x.growth = std::numeric_limits<double>::quiet_NaN();
        growth_half_life_ms_ = h;
        growth_anchor_ms_ = anchor;
      }
    }
  }
  for (std::size_t i = 0; i < events_.size(); ++i) {
    const Event& e = events_[i];
    const Indexed& x = indexed_[i];
    const std::int64_t age = now_ms - e.at_ms;
    if (age > config.retention_ms) continue;
    // 1 + context_weight x (share of daypart, weekend, device, page that match).
    double context = 1.0;
    if (config.context_weight > 0) {
      int matches = 0;
      if (x.daypart == now_time.daypart) ++matches;
      if (x.weekend == now_weekend) ++matches;
      if (now.device != DeviceClass::kUnknown && e.context.device == now.device) ++matches;
      if (!now.page_type.empty() && e.context.page_type == now.page_type) ++matches;
      context = 1.0 + config.context_weight * static_cast<double>(matches) / 4.0;
    }
    double d = 1.0;
    if (!fast) {
      d = decay(now_ms, e.at_ms, h);
    } else if (age > 0) {
      if (std::isnan(x.growth)) {
        x.growth = portable_exp2(static_cast<double>(e.at_ms - growth_anchor_ms_) / hd);
      }
      d = x.growth * common;
    }
    const double w = config.weights.of(e.type) * d * context;
    const bool recent = age <= config.evidence_window_ms;
    auto credit = [&](std::vector<Affinity>& by_slot, const std::vector<std::uint32_t>& slots) {
      for (std::uint32_t slot : slots) {
        Affinity& a = by_slot[slot];
        a.score += w;
        ++a.events;
        if (recent) ++a.recent_events;
        a.last_seen_ms = std::max(a.last_seen_ms, e.at_ms);
      }
    };
    credit(categories, x.categories);
    credit(tags, x.tags);
  }
  fill(table.categories_, categories_, categories);
  fill(table.tags_, tags_, tags);
  return table;
}

}  // namespace tessera::personal
