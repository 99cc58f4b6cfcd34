// Seeded randomness and portable math: reproducible bits, unbiased integer
// sampling, and accuracy against the C library.
#include "tessera/common/random.hpp"

#include <cmath>
#include <cstring>
#include <vector>

#include <sodium.h>

#include <array>

#include <gtest/gtest.h>

#include "tessera/common/chacha20.hpp"
#include "tessera/common/portable_math.hpp"

namespace tessera {
namespace {

std::uint64_t bits_of(double x) {
  std::uint64_t u = 0;
  std::memcpy(&u, &x, sizeof u);
  return u;
}

TEST(SeededRandom, SameSeedAndStreamSameSequence) {
  SeededRandom a(seed_from_u64(7), kStreamRanking);
  SeededRandom b(seed_from_u64(7), kStreamRanking);
  SeededRandom other_seed(seed_from_u64(8), kStreamRanking);
  SeededRandom other_stream(seed_from_u64(7), kStreamPrivacy);
  int differs_seed = 0;
  int differs_stream = 0;
  for (int i = 0; i < 100; ++i) {  // crosses several 256-byte refills
    const std::uint64_t x = a.next_u64();
    EXPECT_EQ(x, b.next_u64());
    differs_seed += x != other_seed.next_u64();
    differs_stream += x != other_stream.next_u64();
  }
  EXPECT_EQ(differs_seed, 100);
  EXPECT_EQ(differs_stream, 100);
}

TEST(SeededRandom, IsTheChaCha20Keystream) {
  // Golden: the first word is bytes 0..7 of ChaCha20(key = seed, nonce =
  // stream, counter 0), little-endian. Pinning it catches any change in how
  // the stream is read (and so any native/wasm divergence).
  SeededRandom rng(seed_from_u64(0), 0);
  // All-zero key and nonce: keystream 76 b8 e0 ad a0 f1 3d 90 ... (the
  // first block of RFC 7539's section 2.4.2-style zero-key vectors).
  EXPECT_EQ(rng.next_u64(), 0x903df1a0ade0b876ull);
}

TEST(SeededRandom, EqualsLibsodiumChaCha20OverManyBlocks) {
  // SeededRandom computes ChaCha20 itself (random.cpp says why); it must be
  // exactly libsodium's crypto_stream_chacha20, for any key and nonce, and
  // across the block counter's 32-bit boundary.
  std::vector<std::uint64_t> streams = {0, 1, 2, 0x0123456789abcdefull};
  for (std::uint64_t s = 0; s < 3; ++s) {
    RandomSeed seed = seed_from_u64(0x9e3779b97f4a7c15ull * (s + 1));
    for (std::size_t i = 8; i < seed.size(); ++i) seed[i] = static_cast<std::uint8_t>(i * 37 + s);
    for (std::uint64_t stream : streams) {
      SeededRandom rng(seed, stream);
      std::array<std::uint8_t, 8> nonce{};
      for (int i = 0; i < 8; ++i) nonce[i] = static_cast<std::uint8_t>(stream >> (8 * i));
      std::vector<std::uint8_t> zeros(64 * 40, 0), expected(zeros.size());
      crypto_stream_chacha20_xor_ic(expected.data(), zeros.data(), zeros.size(), nonce.data(), 0,
                                    seed.data());
      for (std::size_t w = 0; w < expected.size() / 8; ++w) {
        std::uint64_t want = 0;
        for (int b = 7; b >= 0; --b) want = (want << 8) | expected[8 * w + b];
        ASSERT_EQ(rng.next_u64(), want) << "seed " << s << " stream " << stream << " word " << w;
      }
    }
  }
  // The 64-bit block counter: blocks around 2^32 (the low word wraps, the
  // high word counts) and near 2^64.
  const RandomSeed key = seed_from_u64(42);
  const std::array<std::uint8_t, 8> nonce = {1, 2, 3, 4, 5, 6, 7, 8};
  for (std::uint64_t counter : {(1ull << 32) - 1, 1ull << 32, (1ull << 32) + 1, ~0ull - 1}) {
    std::uint8_t mine[64];
    chacha20_block(key, nonce, counter, mine);
    std::uint8_t zeros[64] = {};
    std::uint8_t theirs[64];
    crypto_stream_chacha20_xor_ic(theirs, zeros, 64, nonce.data(), counter, key.data());
    EXPECT_EQ(std::memcmp(mine, theirs, 64), 0) << "counter " << counter;
  }
}

TEST(SeededRandom, UniformBelowStaysInRangeAndIsFlat) {
  SeededRandom rng(seed_from_u64(1), 0);
  std::vector<int> counts(7, 0);
  for (int i = 0; i < 70000; ++i) {
    const std::uint64_t v = rng.uniform_below(7);
    ASSERT_LT(v, 7u);
    ++counts[v];
  }
  for (int c : counts) EXPECT_NEAR(c, 10000, 500);  // sd ~ 93
  EXPECT_EQ(rng.uniform_below(1), 0u);
}

TEST(SeededRandom, ChanceIsExactIntegerComparison) {
  EXPECT_EQ(Chance::of(0.5).numerator(), Chance::kDenominator / 2);
  EXPECT_EQ(Chance::of(-1).numerator(), 0u);
  EXPECT_EQ(Chance::of(std::nan("")).numerator(), 0u);
  EXPECT_EQ(Chance::of(2).numerator(), Chance::kDenominator);
  SeededRandom rng(seed_from_u64(2), 0);
  int never = 0;
  int always = 0;
  int quarter = 0;
  for (int i = 0; i < 40000; ++i) {
    never += rng.bernoulli(Chance::of(0));
    always += rng.bernoulli(Chance::of(1));
    quarter += rng.bernoulli(Chance::of(0.25));
  }
  EXPECT_EQ(never, 0);
  EXPECT_EQ(always, 40000);
  EXPECT_NEAR(quarter, 10000, 400);  // sd ~ 87
}

TEST(SeededRandom, UnitIsInHalfOpenRange) {
  SeededRandom rng(seed_from_u64(3), 0);
  for (int i = 0; i < 1000; ++i) {
    const double u = rng.unit();
    EXPECT_GE(u, 0.0);
    EXPECT_LT(u, 1.0);
    EXPECT_GT(rng.open_unit(), 0.0);
  }
}

TEST(PortableMath, CloseToTheCLibrary) {
  for (double x = -700; x <= 700; x += 0.37) {
    EXPECT_NEAR(portable_exp(x) / std::exp(x), 1.0, 4e-15) << x;
  }
  for (double x = -60; x <= 60; x += 0.013) {
    EXPECT_NEAR(portable_exp2(x) / std::exp2(x), 1.0, 4e-15) << x;
  }
  for (double x = 1e-300; x < 1e300; x *= 3.7) {
    EXPECT_NEAR(portable_log(x), std::log(x), 2e-15 * std::max(1.0, std::fabs(std::log(x)))) << x;
  }
  for (double x = 0.5; x <= 2.0; x += 0.001) {
    EXPECT_NEAR(portable_log(x), std::log(x), 3e-16) << x;
  }
}

TEST(PortableMath, EdgeCases) {
  EXPECT_EQ(portable_exp(0), 1.0);
  EXPECT_EQ(portable_exp2(0), 1.0);
  EXPECT_EQ(portable_exp2(-3), 0.125);
  EXPECT_EQ(portable_exp2(10), 1024.0);
  EXPECT_EQ(portable_log(1), 0.0);
  EXPECT_EQ(portable_exp(-1000), 0.0);
  EXPECT_TRUE(std::isinf(portable_exp(1000)));
  EXPECT_TRUE(std::isinf(portable_log(0)));
  EXPECT_TRUE(std::isnan(portable_log(-1)));
}

TEST(PortableMath, GoldenBits) {
  // Bit patterns recorded natively that every platform must reproduce. The
  // first two are 1 ulp from the correctly rounded value (e, sqrt(1/2)):
  // reproducibility, not last-bit accuracy, is the contract.
  EXPECT_EQ(bits_of(portable_exp(1.0)), 0x4005bf0a8b14576aull);
  EXPECT_EQ(bits_of(portable_exp2(-0.5)), 0x3fe6a09e667f3bccull);
  EXPECT_EQ(bits_of(portable_log(10.0)), bits_of(2.302585092994046));
}

}  // namespace
}  // namespace tessera
