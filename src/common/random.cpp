// ChaCha20 keystream as a seeded random source; see tessera/common/random.hpp.
#include "tessera/common/random.hpp"

#include "tessera/common/chacha20.hpp"

#include <sodium.h>

#include <algorithm>

namespace tessera {

RandomSeed seed_from_u64(std::uint64_t value) {
  RandomSeed seed{};
  for (int i = 0; i < 8; ++i) seed[i] = static_cast<std::uint8_t>(value >> (8 * i));
  return seed;
}

Chance Chance::of(double p) {
  // NaN fails both comparisons and so becomes 0: never say yes by accident.
  if (!(p > 0.0)) return Chance(0);
  if (p >= 1.0) return Chance(kDenominator);
  // p * 2^53 is exact (a power-of-two scaling); + 0.5 then truncation rounds.
  return Chance(static_cast<std::uint64_t>(p * static_cast<double>(kDenominator) + 0.5));
}

Chance Chance::from_numerator(std::uint64_t numerator) {
  return Chance(std::min(numerator, kDenominator));
}

double Chance::value() const {
  return static_cast<double>(numerator_) / static_cast<double>(kDenominator);
}

SeededRandom::SeededRandom(const RandomSeed& seed, std::uint64_t stream) : key_(seed) {
  for (int i = 0; i < 8; ++i) nonce_[i] = static_cast<std::uint8_t>(stream >> (8 * i));
}

SeededRandom::~SeededRandom() {
  sodium_memzero(key_.data(), key_.size());
  sodium_memzero(buffer_.data(), buffer_.size());
}

namespace {

std::uint32_t load32_le(const std::uint8_t* p) {
  return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
         static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}

}  // namespace

void SeededRandom::refill() {
  for (std::size_t block = 0; block < buffer_.size() / 64; ++block) {
    chacha20_block(key_, nonce_, next_block_++, buffer_.data() + 64 * block);
  }
  used_ = 0;
}

std::uint64_t SeededRandom::next_u64() {
  if (used_ + 8 > buffer_.size()) refill();
  // Little-endian by construction, whatever the host's byte order.
  const std::uint8_t* p = buffer_.data() + used_;
  used_ += 8;
  return static_cast<std::uint64_t>(load32_le(p)) | static_cast<std::uint64_t>(load32_le(p + 4))
                                                        << 32;
}

std::uint64_t SeededRandom::uniform_below(std::uint64_t bound) {
  if (bound <= 1) return 0;
  // Values below `threshold` would make some residues more likely; 2^64 -
  // threshold is a multiple of bound, so accepted values are exactly uniform.
  const std::uint64_t threshold = (0 - bound) % bound;
  for (;;) {
    std::uint64_t r = next_u64();
    if (r >= threshold) return r % bound;
  }
}

double SeededRandom::unit() {
  return static_cast<double>(next_u64() >> 11) * (1.0 / static_cast<double>(Chance::kDenominator));
}

double SeededRandom::open_unit() {
  for (;;) {
    double u = unit();
    if (u > 0.0) return u;
  }
}

}  // namespace tessera
