// k-ary randomized response and optimized unary encoding; see
// tessera/privacy/mechanism.hpp for the definitions and their source.
#include "tessera/privacy/mechanism.hpp"

#include <string>

#include "tessera/common/portable_math.hpp"

namespace tessera::privacy {
namespace {

constexpr std::uint32_t kMaxDomain = 65536;

Status check_parameters(std::uint32_t domain_size, Epsilon epsilon) {
  if (domain_size < 2 || domain_size > kMaxDomain) {
    return Status(Code::kOutOfRange,
                  "domain size must be from 2 to " + std::to_string(kMaxDomain) + ", got " +
                      std::to_string(domain_size),
                  "/domain");
  }
  if (!epsilon.valid()) {
    return Status(Code::kOutOfRange,
                  "epsilon must be from 0.001 to 10, got " + std::to_string(epsilon.value()),
                  "/epsilon");
  }
  return Status::Ok();
}

}  // namespace

std::string_view mechanism_name(Mechanism m) {
  return m == Mechanism::kRandomizedResponse ? "rr" : "oue";
}

Result<Mechanism> parse_mechanism(std::string_view name, const std::string& path) {
  if (name == "rr") return Mechanism::kRandomizedResponse;
  if (name == "oue") return Mechanism::kOptimizedUnary;
  return Status(Code::kInvalidValue, "expected \"rr\" or \"oue\"", path);
}

Mechanism recommend_mechanism(std::uint32_t domain_size, Epsilon epsilon) {
  const double e = portable_exp(epsilon.value());
  return static_cast<double>(domain_size) - 2.0 < 3.0 * e ? Mechanism::kRandomizedResponse
                                                          : Mechanism::kOptimizedUnary;
}

SupportProbabilities support_probabilities(Mechanism m, std::uint32_t domain_size,
                                           Epsilon epsilon) {
  const double e = portable_exp(epsilon.value());
  if (m == Mechanism::kRandomizedResponse) {
    const double denominator = e + static_cast<double>(domain_size) - 1.0;
    return {e / denominator, 1.0 / denominator};
  }
  return {0.5, 1.0 / (e + 1.0)};
}

Result<RandomizedResponse> RandomizedResponse::create(std::uint32_t domain_size, Epsilon epsilon) {
  TESSERA_RETURN_IF_ERROR(check_parameters(domain_size, epsilon));
  const SupportProbabilities pq =
      support_probabilities(Mechanism::kRandomizedResponse, domain_size, epsilon);
  return RandomizedResponse(domain_size, epsilon, Chance::of(pq.p));
}

std::uint32_t RandomizedResponse::encode(std::uint32_t value, SeededRandom& rng) const {
  if (rng.bernoulli(keep_)) return value;
  // Uniform over the d - 1 other values: draw from [0, d - 1) and skip value.
  const auto other = static_cast<std::uint32_t>(rng.uniform_below(domain_size_ - 1));
  return other < value ? other : other + 1;
}

Result<OptimizedUnaryEncoding> OptimizedUnaryEncoding::create(std::uint32_t domain_size,
                                                              Epsilon epsilon) {
  TESSERA_RETURN_IF_ERROR(check_parameters(domain_size, epsilon));
  const SupportProbabilities pq =
      support_probabilities(Mechanism::kOptimizedUnary, domain_size, epsilon);
  return OptimizedUnaryEncoding(domain_size, epsilon, Chance::of(pq.q));
}

PackedBits OptimizedUnaryEncoding::encode(std::uint32_t value, SeededRandom& rng) const {
  static const Chance kHalf = Chance::from_numerator(Chance::kDenominator / 2);
  PackedBits bits((domain_size_ + 7) / 8, 0);
  // One coin per position, in order, whatever the value: the number of draws
  // (and so the timing) does not depend on the secret.
  for (std::uint32_t i = 0; i < domain_size_; ++i) {
    if (rng.bernoulli(i == value ? kHalf : other_)) {
      bits[i / 8] = static_cast<std::uint8_t>(bits[i / 8] | (1u << (i % 8)));
    }
  }
  return bits;
}

}  // namespace tessera::privacy
