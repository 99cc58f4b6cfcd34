// Admission: who may post to the collector, decided before a body is parsed.
//
// OriginPolicy answers CORS: which web origins may call the API from a
// browser. Only origins given with --allow-origin are allowed, plus the
// collector's own origin (the demo shop it serves); "*" allows any, and only
// when given explicitly.
//
// RateLimiter is a token bucket per client address: `burst` requests at
// once, refilled at `per_second`. A client over its budget gets 429 with
// Retry-After, which the browser's outbox treats as "try again later".
//
//   OriginPolicy origins({"https://shop.example"});
//   origins.allows("https://shop.example", "collector.example")  // true
//   RateLimiter limiter(5.0, 20.0);
//   auto d = limiter.admit("203.0.113.7", now_ms);  // d.allowed, d.retry_after_s
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tessera::collector {

class OriginPolicy {
 public:
  explicit OriginPolicy(std::vector<std::string> allowed = {});

  bool allows_any() const { return any_; }
  // True when a browser on `origin` may call us. No Origin header (a server,
  // curl, a test) and our own origin (`host` is the request's Host header)
  // are always allowed: CORS only governs other sites' pages.
  bool allows(std::string_view origin, std::string_view host) const;
  // Access-Control-Allow-Origin for a cross-origin caller, "" for none.
  std::string allow_header(std::string_view origin) const;

 private:
  std::vector<std::string> allowed_;
  bool any_ = false;
};

class RateLimiter {
 public:
  struct Decision {
    bool allowed = true;
    int retry_after_s = 0;  // whole seconds until one token is back (>= 1)
  };

  // per_second <= 0 turns limiting off.
  RateLimiter(double per_second, double burst);

  // Takes one token from `client`'s bucket at `now_ms` (a monotonic clock).
  Decision admit(const std::string& client, std::int64_t now_ms);
  bool enabled() const { return per_second_ > 0; }
  std::size_t tracked_clients();

 private:
  struct Bucket {
    double tokens;
    std::int64_t updated_ms;
  };
  void forget_idle(std::int64_t now_ms);

  const double per_second_;
  const double burst_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

// Parses "N/s", "N/m" or a plain "N" (per second) into requests per second;
// false on anything else.
bool parse_rate(std::string_view text, double& per_second);

}  // namespace tessera::collector
