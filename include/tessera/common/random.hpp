// Seeded randomness for the core: every random choice in Tessera (exploration
// in ranking, coin flips of local differential privacy) reads one stream.
//
// The core has no global RNG: a 32-byte seed is passed in. In production it
// comes from a CSPRNG (crypto.getRandomValues in the browser); in tests it is
// fixed, so results are exact. The stream is ChaCha20's keystream (libsodium
// crypto_stream_chacha20, the seed as key, a stream number as nonce). A
// cryptographic stream matters for privacy: with a linear generator such as
// xoshiro, an observer of several LDP reports could solve for the state and
// undo the randomization. Sampling is integer-only (no
// std::uniform_*_distribution, whose algorithms are implementation-defined),
// so native x86-64 and wasm32 draw identical values.
//
//   SeededRandom rng(seed_from_u64(42), kStreamRanking);
//   std::uint64_t slot = rng.uniform_below(10);     // 0..9, unbiased
//   bool heads = rng.bernoulli(Chance::of(0.25));  // one integer comparison
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace tessera {

using RandomSeed = std::array<std::uint8_t, 32>;

// Separate streams from one seed, so that adding a draw in ranking never
// shifts the coins of a privacy report made from the same seed.
constexpr std::uint64_t kStreamRanking = 1;
constexpr std::uint64_t kStreamPrivacy = 2;
constexpr std::uint64_t kStreamDelivery = 3;  // when an LDP report is sent

// A seed whose first 8 bytes are `value` (little-endian), the rest zero. For
// tests, demos and golden vectors only: it has 64 bits of entropy at most.
RandomSeed seed_from_u64(std::uint64_t value);

// A probability stored as an integer numerator over 2^53, so that a coin flip
// is an exact integer comparison with 53 random bits: no floating point in
// the decision, hence identical on every platform.
class Chance {
 public:
  static constexpr std::uint64_t kDenominator = std::uint64_t{1} << 53;
  // Rounds p (clamped to [0, 1]) to the nearest multiple of 2^-53.
  static Chance of(double p);
  static Chance from_numerator(std::uint64_t numerator);
  std::uint64_t numerator() const { return numerator_; }
  double value() const;

 private:
  explicit Chance(std::uint64_t numerator) : numerator_(numerator) {}
  std::uint64_t numerator_ = 0;
};

class SeededRandom {
 public:
  SeededRandom(const RandomSeed& seed, std::uint64_t stream);
  // Not copyable: a copy would replay the same coins, and two privacy
  // reports randomized by the same coins leak what they have in common.
  SeededRandom(const SeededRandom&) = delete;
  SeededRandom& operator=(const SeededRandom&) = delete;
  // Wipes the seed and buffered keystream.
  ~SeededRandom();

  std::uint64_t next_u64();
  // Uniform on [0, bound); bound >= 1. Rejection sampling removes modulo bias.
  std::uint64_t uniform_below(std::uint64_t bound);
  // Uniform multiple of 2^-53 in [0, 1).
  double unit();
  // Uniform multiple of 2^-53 in (0, 1): safe to take the logarithm of.
  double open_unit();
  bool bernoulli(Chance chance) { return (next_u64() >> 11) < chance.numerator(); }

 private:
  void refill();

  RandomSeed key_;
  std::array<std::uint8_t, 8> nonce_{};
  std::uint64_t next_block_ = 0;  // ChaCha20 block counter (64-byte blocks)
  std::array<std::uint8_t, 256> buffer_{};
  std::size_t used_ = 256;  // bytes of buffer_ already consumed
};

}  // namespace tessera
