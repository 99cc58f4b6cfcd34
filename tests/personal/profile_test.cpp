// Profile: decay, event weights, context, retention, caps and validation.
#include "tessera/personal/profile.hpp"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "tessera/personal/profile_storage.hpp"

#include <gtest/gtest.h>

namespace tessera::personal {
namespace {

constexpr std::int64_t kT0 = 1717430400000;  // Mon 2024-06-03 16:00 UTC

Event view(std::int64_t at, std::vector<std::string> categories,
           std::vector<std::string> tags = {}) {
  return Event{at, EventType::kView, std::move(categories), std::move(tags), Context{}};
}

ProfileConfig plain_config() {
  ProfileConfig c;
  c.context_weight = 0;  // exact decay arithmetic in these tests
  return c;
}

TEST(Profile, AffinityHalvesEveryHalfLife) {
  const ProfileConfig config = plain_config();
  Profile p;
  ASSERT_TRUE(p.record(view(kT0, {"running-shoes"}), config).ok());
  auto score_at = [&](std::int64_t t) {
    return p.affinity(t, Context{}, config).category("running-shoes")->score;
  };
  // Within a few ulps: decay is a cached per-event factor times one exp2
  // per call (profile.hpp), not one exp2 of the age.
  EXPECT_EQ(score_at(kT0), 1.0);
  EXPECT_DOUBLE_EQ(score_at(kT0 + 7 * kDayMs), 0.5);
  EXPECT_DOUBLE_EQ(score_at(kT0 + 14 * kDayMs), 0.25);
  EXPECT_NEAR(score_at(kT0 + 84 * kHourMs), 0.7071067811865476, 1e-15);
  EXPECT_EQ(score_at(kT0 - kDayMs), 1.0);  // future events count as now
}

TEST(Profile, WeightsAndRelativeStrength) {
  const ProfileConfig config = plain_config();
  Profile p;
  ASSERT_TRUE(p.record(view(kT0, {"socks"}), config).ok());
  ASSERT_TRUE(p.record(Event{kT0, EventType::kPurchase, {"jackets"}, {"rain"}, {}}, config).ok());
  const AffinityTable t = p.affinity(kT0, Context{}, config);
  EXPECT_EQ(t.category("jackets")->score, 6.0);
  EXPECT_EQ(t.category("jackets")->relative, 1.0);
  EXPECT_DOUBLE_EQ(t.category("socks")->relative, 1.0 / 6.0);
  EXPECT_EQ(t.tag("rain")->relative, 1.0);
  EXPECT_EQ(t.category("hats"), nullptr);
}

TEST(Profile, MatchingContextCountsMore) {
  ProfileConfig config;  // context_weight 0.25
  Profile p;
  Context phone_product{0, DeviceClass::kMobile, "product"};
  ASSERT_TRUE(p.record(Event{kT0, EventType::kView, {"a"}, {}, phone_product}, config).ok());
  ASSERT_TRUE(p.record(Event{kT0, EventType::kView, {"b"}, {}, Context{}}, config).ok());
  const AffinityTable t = p.affinity(kT0, phone_product, config);
  // a matches daypart, weekend-or-not, device and page: 1 + 0.25.
  EXPECT_DOUBLE_EQ(t.category("a")->score, 1.25);
  // b matches daypart and weekend-or-not only: 1 + 0.25 * 2/4.
  EXPECT_DOUBLE_EQ(t.category("b")->score, 1.125);
}

TEST(Profile, RetentionDropsOldEventsExactly) {
  const ProfileConfig config = plain_config();
  Profile p;
  ASSERT_TRUE(p.record(view(kT0, {"old"}), config).ok());
  ASSERT_TRUE(p.record(view(kT0 + 20 * kDayMs, {"new"}), config).ok());
  // Past retention but not yet expired: already counts for nothing.
  const AffinityTable t = p.affinity(kT0 + 29 * kDayMs, Context{}, config);
  EXPECT_EQ(t.category("old"), nullptr);
  EXPECT_NE(t.category("new"), nullptr);
  EXPECT_EQ(p.events().size(), 2u);
  // A new event expires it for good.
  ASSERT_TRUE(p.record(view(kT0 + 29 * kDayMs, {"new"}), config).ok());
  EXPECT_EQ(p.events().size(), 2u);
  EXPECT_EQ(p.category_count(), 1u);
  // An event already past retention is accepted and dropped.
  ASSERT_TRUE(p.record(view(kT0, {"ancient"}), config).ok());
  EXPECT_EQ(p.category_count(), 1u);
  p.expire(kT0 + 60 * kDayMs, config);
  EXPECT_TRUE(p.events().empty());
  EXPECT_EQ(p.category_count(), 0u);
}

TEST(Profile, KeepsTimeOrderWhateverTheArrivalOrder) {
  const ProfileConfig config = plain_config();
  Profile p;
  for (std::int64_t h : {5, 1, 3, 2, 4})
    ASSERT_TRUE(p.record(view(kT0 + h * kHourMs, {"c"}), config).ok());
  for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(p.events()[i].at_ms, kT0 + (i + 1) * kHourMs);
}

TEST(Profile, EventCapDropsOldestFirst) {
  ProfileConfig config = plain_config();
  config.max_events = 3;
  Profile p;
  for (int i = 0; i < 5; ++i)
    ASSERT_TRUE(p.record(view(kT0 + i, {"c" + std::to_string(i)}), config).ok());
  ASSERT_EQ(p.events().size(), 3u);
  EXPECT_EQ(p.events().front().categories[0], "c2");
  EXPECT_EQ(p.category_count(), 3u);
}

TEST(Profile, CategoryCapForgetsTheWeakest) {
  ProfileConfig config = plain_config();
  config.max_categories = 2;
  Profile p;
  ASSERT_TRUE(p.record(Event{kT0, EventType::kPurchase, {"strong"}, {}, {}}, config).ok());
  ASSERT_TRUE(p.record(view(kT0 + 1, {"weak", "strong"}), config).ok());
  ASSERT_TRUE(p.record(view(kT0 + 2, {"weak"}), config).ok());
  // A third category: "weak" (2 views) is weaker than "strong" (purchase + view).
  ASSERT_TRUE(p.record(view(kT0 + 3, {"fresh"}), config).ok());
  EXPECT_EQ(p.category_count(), 2u);
  const AffinityTable t = p.affinity(kT0 + 3, Context{}, config);
  EXPECT_EQ(t.category("weak"), nullptr);
  EXPECT_NE(t.category("strong"), nullptr);
  EXPECT_NE(t.category("fresh"), nullptr);  // the new event's own category stays
  EXPECT_EQ(p.events().size(), 3u);         // the "weak"-only event went with it
  for (const Event& e : p.events()) {
    for (const auto& c : e.categories) EXPECT_NE(c, "weak");
  }
}

TEST(Profile, TagCapAlsoHolds) {
  ProfileConfig config = plain_config();
  config.max_tags = 3;
  Profile p;
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(p.record(view(kT0 + i, {"c"}, {"t" + std::to_string(i)}), config).ok());
    EXPECT_LE(p.tag_count(), 3u);
  }
  EXPECT_EQ(p.category_count(), 1u);
}

TEST(Profile, ValidationErrorsPointAtTheField) {
  const ProfileConfig config;
  Profile p;
  EXPECT_EQ(p.record(view(kT0, {}), config).path(), "/categories");
  EXPECT_EQ(p.record(view(kT0, {"ok", "not ok"}), config).path(), "/categories/1");
  EXPECT_EQ(p.record(view(kT0, {"a"}, {"t", "t"}), config).code(), Code::kDuplicateId);
  EXPECT_EQ(p.record(view(-1, {"a"}), config).path(), "/at");
  Event far{kT0, EventType::kView, {"a"}, {}, Context{900, DeviceClass::kUnknown, ""}};
  EXPECT_EQ(p.record(far, config).path(), "/context/utcOffsetMinutes");
  EXPECT_TRUE(p.events().empty());
  p.clear();
  EXPECT_EQ(p.category_count(), 0u);
}

TEST(Event, JsonRoundTripAndErrors) {
  auto parsed = parse_event(
      Json::parse(R"({"at":1717430400000,"type":"add_to_cart","categories":["running-shoes"],
                      "tags":["trail"],"context":{"utcOffsetMinutes":120,"device":"mobile",
                      "page":"product"}})"),
      "/event");
  ASSERT_TRUE(parsed.ok()) << parsed.status().to_string();
  EXPECT_EQ(parsed->type, EventType::kAddToCart);
  EXPECT_EQ(parsed->context.device, DeviceClass::kMobile);
  EXPECT_EQ(dump_json(event_to_json(*parsed)),
            R"({"at":1717430400000,"categories":["running-shoes"],"context":{"device":"mobile",)"
            R"("page":"product","utcOffsetMinutes":120},"tags":["trail"],"type":"add_to_cart"})");
  EXPECT_EQ(
      parse_event(Json{{"at", 1}, {"type", "like"}, {"categories", {"a"}}}, "/e").status().path(),
      "/e/type");
  EXPECT_EQ(
      parse_event(Json{{"at", 1}, {"type", "view"}, {"categories", {1}}}, "/e").status().path(),
      "/e/categories/0");
  EXPECT_EQ(parse_event(Json{{"at", 1},
                             {"type", "view"},
                             {"categories", {"a"}},
                             {"context", {{"device", "fridge"}}}},
                        "/e")
                .status()
                .path(),
            "/e/context/device");
}

TEST(ProfileConfig, AbsurdValuesAreErrorsWithPointers) {
  auto path_of = [](const char* text) {
    return parse_profile_config(Json::parse(text), "/profile").status().path();
  };
  EXPECT_EQ(path_of(R"({"halfLifeHours": -5})"), "/profile/halfLifeHours");
  EXPECT_EQ(path_of(R"({"halfLifeHours": 0})"), "/profile/halfLifeHours");
  EXPECT_EQ(path_of(R"({"halfLifeHours": 0.001})"), "/profile/halfLifeHours");
  EXPECT_EQ(path_of(R"({"retentionDays": 0})"), "/profile/retentionDays");
  EXPECT_EQ(path_of(R"({"retentionDays": 7, "evidenceWindowDays": 14})"),
            "/profile/evidenceWindowDays");
  EXPECT_EQ(path_of(R"({"maxEvents": 0})"), "/profile/maxEvents");
  EXPECT_EQ(path_of(R"({"weights": {"view": -1}})"), "/profile/weights/view");
  EXPECT_EQ(path_of(R"({"weights": {"view": 0, "click": 0, "add_to_cart": 0, "purchase": 0,
                                    "survey": 0}})"),
            "/profile/weights");
  EXPECT_EQ(path_of(R"({"halfLife": 3})"), "/profile/halfLife");
  auto ok = parse_profile_config(Json::parse(R"({"halfLifeHours": 18, "retentionDays": 14})"), "");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->half_life_ms, 18 * kHourMs);
  EXPECT_EQ(ok->retention_ms, 14 * kDayMs);
}

TEST(Profile, DecayMatchesTheFormulaInAndOutOfOrderAndAfterReload) {
  // Affinity is the sum of weight * 2^(-age / half-life) over the events, to
  // rounding error, for events recorded in and out of order, and the same
  // bits after a reload (the stored profile is all the state there is).
  for (std::int64_t half_life : {7 * kDayMs, 5 * kHourMs, kHourMs}) {
    ProfileConfig config;
    config.half_life_ms = half_life;
    config.context_weight = 0;
    Profile p;
    std::vector<std::pair<std::int64_t, double>> events;  // at, weight
    for (int i = 0; i < 300; ++i) {
      const std::int64_t at = kT0 + ((i * 7919) % 300) * 37 * kMinuteMs;
      const EventType type = static_cast<EventType>(i % 5);
      ASSERT_TRUE(p.record(Event{at, type, {"c" + std::to_string(i % 3)}, {}, {}}, config).ok());
      if (i % 3 == 0) events.emplace_back(at, config.weights.of(type));
    }
    const Profile reloaded = *parse_profile(serialize_profile(p));
    for (std::int64_t now : {kT0 + 2 * kDayMs, kT0 + 9 * kDayMs, kT0 + 5 * kHourMs}) {
      double want = 0;
      for (const auto& [at, w] : events) {
        want += w * std::exp2(-static_cast<double>(std::max<std::int64_t>(0, now - at)) /
                              static_cast<double>(half_life));
      }
      const AffinityTable live = p.affinity(now, Context{}, config);
      const AffinityTable again = reloaded.affinity(now, Context{}, config);
      const Affinity* a = live.category("c0");
      const Affinity* b = again.category("c0");
      ASSERT_NE(a, nullptr);
      ASSERT_NE(b, nullptr);
      EXPECT_NEAR(a->score / want, 1.0, 1e-12) << half_life << " " << now;
      EXPECT_EQ(a->score, b->score) << half_life << " " << now;
    }
  }
}

}  // namespace
}  // namespace tessera::personal
