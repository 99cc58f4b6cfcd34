// Cache-Control for the static folders the collector serves (--mount).
//
// scripts/release-dist.mjs names what the snippet loads by content: a release
// folder `<10 hex>/` and the core `tessera-core.<10 hex>.wasm`. Such a URL
// never changes meaning, so browsers may keep it for a year without asking
// again; everything else (loader.js, pages, configs) is revalidated on each
// use, so a new release is picked up on the next page view.
//
//   static_cache_control("/tessera/9f3d153837/core.js")  // "public, max-age=31536000, immutable"
//   static_cache_control("/tessera/loader.js")           // "no-cache"
#pragma once

#include <string_view>

namespace tessera::collector {

// True when a path segment is a release folder or the file is a hashed core.
bool is_content_hashed(std::string_view path);

std::string_view static_cache_control(std::string_view path);

}  // namespace tessera::collector
