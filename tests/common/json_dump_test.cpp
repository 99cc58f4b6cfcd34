// dump_json writes plain values itself (speed) and must give exactly the
// bytes of nlohmann's serializer, which golden vectors and signatures rely
// on: checked on hand-picked values and on seeded random documents whose
// strings hold every kind of byte (controls, quotes, UTF-8, invalid UTF-8).
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <limits>
#include <string>

#include "tessera/common/json.hpp"

namespace tessera {
namespace {

std::string reference(const Json& v) {
  return v.dump(-1, ' ', false, Json::error_handler_t::replace);
}

TEST(DumpJson, HandPickedValuesMatchTheReference) {
  const Json values[] = {
      Json(),
      true,
      false,
      0,
      -1,
      std::numeric_limits<std::int64_t>::min(),
      std::numeric_limits<std::uint64_t>::max(),
      1.5,
      0.1,
      1e300,
      -0.0,
      2.0,
      std::numeric_limits<double>::infinity(),
      "",
      "plain text",
      "quote \" backslash \\ slash /",
      "tab\tnewline\ncontrol\x01\x1f del\x7f",
      "caf\xc3\xa9 \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xf0\x9f\x98\x80",
      "bad \xff\xfe utf-8 \xc3",
      Json::array(),
      Json::object(),
      Json::parse(R"({"b":[1,{"z":null,"a":"x"}],"a":{"k":[true,false,1.25]},"\u00e9":"\"q\""})"),
  };
  for (const Json& v : values) EXPECT_EQ(dump_json(v), reference(v)) << reference(v);
  EXPECT_EQ(dump_json(Json::parse(R"({"b":1,"a":[2,"x"]})")), R"({"a":[2,"x"],"b":1})");
}

TEST(DumpJson, RandomDocumentsMatchTheReference) {
  std::uint64_t state = 42;
  auto next = [&] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<std::uint32_t>(state >> 33);
  };
  auto random_string = [&] {
    std::string s;
    std::uint32_t n = next() % 12;
    for (std::uint32_t i = 0; i < n; ++i) {
      std::uint32_t kind = next() % 10;
      if (kind < 6) {
        s += static_cast<char>(0x20 + next() % 0x5F);
      } else if (kind < 8) {
        s += "\xc3\xa9";
      } else {
        s += static_cast<char>(next() % 256);
      }
    }
    return s;
  };
  std::function<Json(int)> random_value = [&](int depth) -> Json {
    switch (next() % (depth > 3 ? 6 : 8)) {
      case 0:
        return Json();
      case 1:
        return next() % 2 == 0;
      case 2:
        return static_cast<std::int64_t>(next()) - (1ll << 31);
      case 3:
        return static_cast<double>(next()) / 7.0;
      case 4:
      case 5:
        return random_string();
      case 6: {
        Json a = Json::array();
        for (std::uint32_t i = next() % 5; i > 0; --i) a.push_back(random_value(depth + 1));
        return a;
      }
      default: {
        Json o = Json::object();
        for (std::uint32_t i = next() % 5; i > 0; --i) o[random_string()] = random_value(depth + 1);
        return o;
      }
    }
  };
  for (int i = 0; i < 2000; ++i) {
    Json v = random_value(0);
    ASSERT_EQ(dump_json(v), reference(v)) << i;
  }
}

}  // namespace
}  // namespace tessera
