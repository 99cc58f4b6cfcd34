// Cache-Control for static mounts; see static_cache.hpp.
#include "collector/static_cache.hpp"

namespace tessera::collector {
namespace {

constexpr std::size_t kHashLength = 10;

bool is_hash(std::string_view s) {
  if (s.size() != kHashLength) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

bool is_content_hashed(std::string_view path) {
  std::size_t query = path.find_first_of("?#");
  if (query != std::string_view::npos) path = path.substr(0, query);
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    bool last = end == std::string_view::npos;
    std::string_view segment = path.substr(start, last ? std::string_view::npos : end - start);
    if (!last && is_hash(segment)) return true;  // a release folder
    if (last) {
      constexpr std::string_view kPrefix = "tessera-core.";
      constexpr std::string_view kSuffix = ".wasm";
      return segment.size() == kPrefix.size() + kHashLength + kSuffix.size() &&
             segment.substr(0, kPrefix.size()) == kPrefix &&
             segment.substr(segment.size() - kSuffix.size()) == kSuffix &&
             is_hash(segment.substr(kPrefix.size(), kHashLength));
    }
    start = end + 1;
  }
  return false;
}

std::string_view static_cache_control(std::string_view path) {
  return is_content_hashed(path) ? "public, max-age=31536000, immutable" : "no-cache";
}

}  // namespace tessera::collector
