// The ChaCha20 block function; see tessera/common/chacha20.hpp.
#include "tessera/common/chacha20.hpp"

#include <sodium.h>

namespace tessera {
namespace {

// Inlined even in the size-optimized wasm build (-Oz), where a call per
// quarter round (80 per block) cost more than the rounds themselves.
#define TESSERA_INLINE inline __attribute__((always_inline))

std::uint32_t load32_le(const std::uint8_t* p) {
  return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
         static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}

void store32_le(std::uint8_t* p, std::uint32_t v) {
  p[0] = static_cast<std::uint8_t>(v);
  p[1] = static_cast<std::uint8_t>(v >> 8);
  p[2] = static_cast<std::uint8_t>(v >> 16);
  p[3] = static_cast<std::uint8_t>(v >> 24);
}

TESSERA_INLINE std::uint32_t rotl(std::uint32_t v, int n) { return (v << n) | (v >> (32 - n)); }

TESSERA_INLINE void quarter_round(std::uint32_t* x, int a, int b, int c, int d) {
  x[a] += x[b];
  x[d] = rotl(x[d] ^ x[a], 16);
  x[c] += x[d];
  x[b] = rotl(x[b] ^ x[c], 12);
  x[a] += x[b];
  x[d] = rotl(x[d] ^ x[a], 8);
  x[c] += x[d];
  x[b] = rotl(x[b] ^ x[c], 7);
}

#undef TESSERA_INLINE

}  // namespace

void chacha20_block(const std::array<std::uint8_t, 32>& key,
                    const std::array<std::uint8_t, 8>& nonce, std::uint64_t counter,
                    std::uint8_t out[64]) {
  // "expand 32-byte k", the key, the block counter (low, high), the nonce.
  std::uint32_t input[16] = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};
  for (int i = 0; i < 8; ++i) input[4 + i] = load32_le(key.data() + 4 * i);
  input[12] = static_cast<std::uint32_t>(counter);
  input[13] = static_cast<std::uint32_t>(counter >> 32);
  input[14] = load32_le(nonce.data());
  input[15] = load32_le(nonce.data() + 4);
  std::uint32_t x[16];
  for (int i = 0; i < 16; ++i) x[i] = input[i];
  for (int round = 0; round < 10; ++round) {
    quarter_round(x, 0, 4, 8, 12);
    quarter_round(x, 1, 5, 9, 13);
    quarter_round(x, 2, 6, 10, 14);
    quarter_round(x, 3, 7, 11, 15);
    quarter_round(x, 0, 5, 10, 15);
    quarter_round(x, 1, 6, 11, 12);
    quarter_round(x, 2, 7, 8, 13);
    quarter_round(x, 3, 4, 9, 14);
  }
  for (int i = 0; i < 16; ++i) store32_le(out + 4 * i, x[i] + input[i]);
  // The key was copied into the state: do not leave it on the stack.
  sodium_memzero(input, sizeof input);
  sodium_memzero(x, sizeof x);
}

}  // namespace tessera
