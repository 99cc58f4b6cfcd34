// Local differential privacy encoders: what a device does to one value before
// it may leave the device.
//
// Two frequency oracles from Wang et al. 2017, "Locally Differentially Private
// Protocols for Frequency Estimation" (USENIX Security):
//  - k-ary randomized response ("direct encoding", DE): report the true value
//    with probability p = e^eps / (e^eps + d - 1), else one of the other d - 1
//    values uniformly. Best for small domains.
//  - optimized unary encoding (OUE): one bit per value; the true value's bit
//    is 1 with probability 1/2, every other bit with q = 1 / (e^eps + 1).
//    Best when d > 3 e^eps + 2 (Wang et al. section 4).
// Both satisfy eps-LDP: for any two inputs a, b and any output y,
// P[y | a] <= e^eps P[y | b]. Coins come from a SeededRandom (a CSPRNG seed
// in production) and are integer comparisons (Chance), never floating point.
//
//   auto rr = *RandomizedResponse::create(/*domain_size=*/5, Epsilon::from_millis(1000));
//   SeededRandom rng(seed, kStreamPrivacy);
//   std::uint32_t sent = rr.encode(/*value=*/2, rng);
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "tessera/common/random.hpp"
#include "tessera/common/status.hpp"

namespace tessera::privacy {

// Privacy loss per report, in thousandths. Integers keep budget sums exact.
class Epsilon {
 public:
  static constexpr std::int64_t kMinMillis = 1;      // 0.001
  static constexpr std::int64_t kMaxMillis = 10000;  // 10: beyond this LDP means little
  static constexpr Epsilon from_millis(std::int64_t millis) { return Epsilon(millis); }
  std::int64_t millis() const { return millis_; }
  double value() const { return static_cast<double>(millis_) / 1000.0; }
  bool valid() const { return millis_ >= kMinMillis && millis_ <= kMaxMillis; }
  friend bool operator==(Epsilon a, Epsilon b) { return a.millis_ == b.millis_; }

 private:
  constexpr explicit Epsilon(std::int64_t millis) : millis_(millis) {}
  std::int64_t millis_;
};

enum class Mechanism { kRandomizedResponse, kOptimizedUnary };
std::string_view mechanism_name(Mechanism m);  // "rr", "oue"
Result<Mechanism> parse_mechanism(std::string_view name, const std::string& path);

// The mechanism with the smaller estimator variance (Wang et al. section 4):
// randomized response when d - 2 < 3 e^eps, otherwise OUE.
Mechanism recommend_mechanism(std::uint32_t domain_size, Epsilon epsilon);

// The two probabilities every frequency oracle here is described by:
// p = P[report supports v | true value v], q = P[report supports v | other].
struct SupportProbabilities {
  double p = 0;
  double q = 0;
};
SupportProbabilities support_probabilities(Mechanism m, std::uint32_t domain_size, Epsilon epsilon);

class RandomizedResponse {
 public:
  // Errors: kOutOfRange for domain_size outside [2, 65536] or invalid epsilon.
  static Result<RandomizedResponse> create(std::uint32_t domain_size, Epsilon epsilon);
  // Precondition: value < domain_size().
  std::uint32_t encode(std::uint32_t value, SeededRandom& rng) const;
  std::uint32_t domain_size() const { return domain_size_; }
  Epsilon epsilon() const { return epsilon_; }

 private:
  RandomizedResponse(std::uint32_t d, Epsilon e, Chance keep)
      : domain_size_(d), epsilon_(e), keep_(keep) {}
  std::uint32_t domain_size_;
  Epsilon epsilon_;
  Chance keep_;  // p
};

// Bits packed least significant first: value i is bit (i % 8) of byte i / 8.
using PackedBits = std::vector<std::uint8_t>;
inline bool bit_at(const PackedBits& bits, std::uint32_t i) {
  return ((bits[i / 8] >> (i % 8)) & 1u) != 0;
}

class OptimizedUnaryEncoding {
 public:
  // Errors: kOutOfRange for domain_size outside [2, 65536] or invalid epsilon.
  static Result<OptimizedUnaryEncoding> create(std::uint32_t domain_size, Epsilon epsilon);
  // Precondition: value < domain_size(). Returns (domain_size + 7) / 8 bytes.
  PackedBits encode(std::uint32_t value, SeededRandom& rng) const;
  std::uint32_t domain_size() const { return domain_size_; }
  Epsilon epsilon() const { return epsilon_; }

 private:
  OptimizedUnaryEncoding(std::uint32_t d, Epsilon e, Chance other)
      : domain_size_(d), epsilon_(e), other_(other) {}
  std::uint32_t domain_size_;
  Epsilon epsilon_;
  Chance other_;  // q; the true bit uses exactly 1/2
};

}  // namespace tessera::privacy
