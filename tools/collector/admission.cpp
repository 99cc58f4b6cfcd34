// Origin policy and per-client rate limits; see admission.hpp.
#include "collector/admission.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace tessera::collector {
namespace {

// Above this many tracked clients, buckets that have refilled are dropped:
// a full bucket is the same as no bucket, so forgetting it changes nothing
// except memory. Past the hard cap (an address-spraying flood) the table is
// cleared, which errs towards letting requests in rather than growing
// without bound.
constexpr std::size_t kPruneAbove = 4096;
constexpr std::size_t kHardCap = 65536;

}  // namespace

OriginPolicy::OriginPolicy(std::vector<std::string> allowed) : allowed_(std::move(allowed)) {
  any_ = std::find(allowed_.begin(), allowed_.end(), "*") != allowed_.end();
}

bool OriginPolicy::allows(std::string_view origin, std::string_view host) const {
  if (origin.empty() || any_) return true;
  if (!host.empty() &&
      (origin == "http://" + std::string(host) || origin == "https://" + std::string(host))) {
    return true;
  }
  return std::find(allowed_.begin(), allowed_.end(), origin) != allowed_.end();
}

std::string OriginPolicy::allow_header(std::string_view origin) const {
  if (origin.empty()) return "";
  if (any_) return "*";
  if (std::find(allowed_.begin(), allowed_.end(), origin) != allowed_.end()) {
    return std::string(origin);
  }
  return "";
}

RateLimiter::RateLimiter(double per_second, double burst)
    : per_second_(per_second), burst_(std::max(1.0, burst)) {}

RateLimiter::Decision RateLimiter::admit(const std::string& client, std::int64_t now_ms) {
  if (!enabled()) return {};
  std::lock_guard<std::mutex> lock(mutex_);
  if (buckets_.size() > kPruneAbove) forget_idle(now_ms);
  auto [it, fresh] = buckets_.try_emplace(client, Bucket{burst_, now_ms});
  Bucket& b = it->second;
  if (!fresh) {
    double elapsed_s = static_cast<double>(std::max<std::int64_t>(0, now_ms - b.updated_ms)) / 1e3;
    b.tokens = std::min(burst_, b.tokens + elapsed_s * per_second_);
    b.updated_ms = now_ms;
  }
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return {};
  }
  double wait_s = (1.0 - b.tokens) / per_second_;
  return {false, std::max(1, static_cast<int>(std::ceil(wait_s)))};
}

std::size_t RateLimiter::tracked_clients() {
  std::lock_guard<std::mutex> lock(mutex_);
  return buckets_.size();
}

void RateLimiter::forget_idle(std::int64_t now_ms) {
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    double elapsed_s = static_cast<double>(now_ms - it->second.updated_ms) / 1e3;
    if (it->second.tokens + elapsed_s * per_second_ >= burst_) {
      it = buckets_.erase(it);
    } else {
      ++it;
    }
  }
  if (buckets_.size() > kHardCap) buckets_.clear();
}

bool parse_rate(std::string_view text, double& per_second) {
  double divisor = 1.0;
  if (text.size() > 2 && text.substr(text.size() - 2) == "/s") {
    text.remove_suffix(2);
  } else if (text.size() > 2 && text.substr(text.size() - 2) == "/m") {
    text.remove_suffix(2);
    divisor = 60.0;
  }
  std::string number(text);
  if (number.empty()) return false;
  char* end = nullptr;
  double value = std::strtod(number.c_str(), &end);
  if (end != number.c_str() + number.size() || !std::isfinite(value) || value < 0) return false;
  per_second = value / divisor;
  return true;
}

}  // namespace tessera::collector
