// Profile serialization, sealing with crypto_secretbox_easy, and the readable
// export; see tessera/personal/profile_storage.hpp.
#include "tessera/personal/profile_storage.hpp"

#include <sodium.h>

#include <algorithm>
#include <cmath>

namespace tessera::personal {
namespace {

constexpr std::uint8_t kFormatVersion = 1;
constexpr std::size_t kMaxStoredEvents = 10000;

// Loading must keep every stored event: caps and retention are the
// caller's config's business, applied at the next record() or expire().
ProfileConfig loading_config() {
  ProfileConfig c;
  c.retention_ms = kMaxTimestampMs;
  c.max_events = kMaxStoredEvents;
  c.max_categories = kMaxStoredEvents * kMaxCategoriesPerEvent;
  c.max_tags = kMaxStoredEvents * kMaxTagsPerEvent;
  return c;
}

Json interests_json(const AffinityTable::Map& map, const char* key) {
  std::vector<std::pair<std::string, Affinity>> sorted(map.begin(), map.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.second.score > b.second.score; });
  Json out = Json::array();
  for (const auto& [id, a] : sorted) {
    out.push_back({{key, id},
                   {"strength", static_cast<int>(std::floor(a.relative * 100.0 + 0.5))},
                   {"recentEvents", a.recent_events},
                   {"lastSeen", format_utc(a.last_seen_ms)}});
  }
  return out;
}

}  // namespace

std::string serialize_profile(const Profile& profile) {
  Json events = Json::array();
  for (const Event& e : profile.events()) events.push_back(event_to_json(e));
  return dump_json(Json{{"v", 1}, {"events", std::move(events)}});
}

Result<Profile> parse_profile(std::string_view text) {
  JsonLimits limits;
  limits.max_bytes = 8u << 20;  // 10,000 events of a few hundred bytes
  TESSERA_ASSIGN_OR_RETURN(Json doc, parse_json(text, limits));
  TESSERA_RETURN_IF_ERROR(expect_object(doc, ""));
  FieldReader reader(doc, "");
  TESSERA_RETURN_IF_ERROR(reader.reject_unknown({"v", "events"}));
  TESSERA_RETURN_IF_ERROR(reader.required_int("v", 1, 1).status());
  const Json* events = reader.find("events");
  if (events == nullptr) return Status(Code::kMissingField, "required field is missing", "/events");
  TESSERA_RETURN_IF_ERROR(expect_array(*events, "/events", 0, kMaxStoredEvents));
  const ProfileConfig config = loading_config();
  Profile profile;
  for (std::size_t i = 0; i < events->size(); ++i) {
    const std::string at = pointer_join("/events", i);
    TESSERA_ASSIGN_OR_RETURN(Event e, parse_event((*events)[i], at));
    Status s = profile.record(std::move(e), config);
    if (!s.ok()) return Status(s.code(), s.message(), at + s.path());
  }
  return profile;
}

crypto::Bytes seal_profile(const Profile& profile, const StorageKey& key,
                           const StorageNonce& nonce) {
  const std::string plain = serialize_profile(profile);
  crypto::Bytes out(kSealedProfileOverhead + plain.size());
  out[0] = kFormatVersion;
  std::copy(nonce.begin(), nonce.end(), out.begin() + 1);
  crypto_secretbox_easy(out.data() + 1 + nonce.size(),
                        reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
                        nonce.data(), key.data());
  return out;
}

Result<Profile> open_profile(const crypto::Bytes& sealed, const StorageKey& key) {
  if (sealed.size() < kSealedProfileOverhead) {
    return Status(Code::kCryptoError, "sealed profile is shorter than its 41-byte overhead");
  }
  if (sealed[0] != kFormatVersion) {
    return Status(Code::kCryptoError, "unknown sealed profile format " + std::to_string(sealed[0]));
  }
  const unsigned char* nonce = sealed.data() + 1;
  const unsigned char* box = nonce + crypto_secretbox_NONCEBYTES;
  const std::size_t box_size = sealed.size() - 1 - crypto_secretbox_NONCEBYTES;
  std::string plain(box_size - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()), box, box_size,
                                 nonce, key.data()) != 0) {
    return Status(Code::kCryptoError, "sealed profile does not open (wrong key, or altered)");
  }
  Result<Profile> profile = parse_profile(plain);
  sodium_memzero(plain.data(), plain.size());
  if (!profile.ok()) {
    // Authentic but unreadable: written by an incompatible version. The
    // caller's remedy is the same as for tampering, so the code is too.
    return Status(Code::kCryptoError, "sealed profile opened but is not a valid profile: " +
                                          profile.status().to_string());
  }
  return profile;
}

Json export_profile(const Profile& profile, std::int64_t now_ms, const ProfileConfig& config) {
  ProfileConfig plain = config;
  plain.context_weight = 0;  // the panel shows interests, not today's situation
  const AffinityTable table = profile.affinity(now_ms, Context{}, plain);
  Json events = Json::array();
  for (const Event& e : profile.events()) {
    const LocalTime t = local_time(e.at_ms, e.context.utc_offset_minutes);
    events.push_back({{"at", format_utc(e.at_ms)},
                      {"type", std::string(event_type_name(e.type))},
                      {"categories", e.categories},
                      {"tags", e.tags},
                      {"daypart", std::string(daypart_name(t.daypart))},
                      {"weekday", std::string(weekday_name(t.weekday))},
                      {"device", std::string(device_class_name(e.context.device))},
                      {"page", e.context.page_type}});
  }
  return Json{{"generatedAt", format_utc(now_ms)},
              {"settings",
               {{"halfLifeHours", static_cast<double>(config.half_life_ms) / kHourMs},
                {"retentionDays", config.retention_ms / kDayMs},
                {"maxEvents", config.max_events}}},
              {"categories", interests_json(table.categories(), "category")},
              {"tags", interests_json(table.tags(), "tag")},
              {"events", std::move(events)}};
}

}  // namespace tessera::personal
