// Which static URLs may be cached for a year: only content-hashed ones.
#include <gtest/gtest.h>

#include "collector/static_cache.hpp"

namespace tessera::collector {
namespace {

TEST(StaticCache, ReleaseFoldersAndHashedCoreAreImmutable) {
  EXPECT_TRUE(is_content_hashed("/tessera/9f3d153837/core.js"));
  EXPECT_TRUE(is_content_hashed("/tessera/9f3d153837/embed/triggers.js"));
  EXPECT_TRUE(is_content_hashed("/tessera/tessera-core.aeafb4f292.wasm"));
  EXPECT_TRUE(is_content_hashed("/tessera/tessera-core.aeafb4f292.wasm?x=1"));
  EXPECT_EQ(static_cache_control("/tessera/9f3d153837/tessera-core.mjs"),
            "public, max-age=31536000, immutable");
}

TEST(StaticCache, EverythingElseIsRevalidated) {
  for (const char* path :
       {"/tessera/loader.js", "/tessera/tessera.js", "/tessera/tessera-core.wasm",
        "/tessera/tessera-core.mjs", "/", "", "/config/site-config.json",
        "/tessera/9f3d15383/core.js",    // 9 hex: not a release folder
        "/tessera/9f3d1538377/core.js",  // 11 hex
        "/tessera/9F3D153837/core.js",   // upper case is not what release-dist writes
        "/tessera/9f3d153837",           // the folder name as a file
        "/tessera/tessera-core.aeafb4f29.wasm", "/tessera/x-core.aeafb4f292.wasm",
        "/tessera/tessera-core.aeafb4f292.mjs", "/a?/9f3d153837/core.js"}) {
    EXPECT_FALSE(is_content_hashed(path)) << path;
    EXPECT_EQ(static_cache_control(path), "no-cache") << path;
  }
}

}  // namespace
}  // namespace tessera::collector
