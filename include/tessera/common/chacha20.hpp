// The ChaCha20 block function (Bernstein 2008, the original variant: 64-bit
// nonce, 64-bit block counter), as libsodium's crypto_stream_chacha20
// computes it; SeededRandom's keystream. Our own because ranking draws one
// word per candidate on every page view: in the widget's size-optimized wasm
// build libsodium's portable code makes a function call per 4-byte load, and
// this one is several times faster there. tests/common/random_test.cpp checks
// it against libsodium, including counters above 2^32.
//
//   std::uint8_t out[64];
//   chacha20_block(key, nonce, /*counter=*/0, out);  // the first 64 keystream bytes
#pragma once

#include <array>
#include <cstdint>

namespace tessera {

void chacha20_block(const std::array<std::uint8_t, 32>& key,
                    const std::array<std::uint8_t, 8>& nonce, std::uint64_t counter,
                    std::uint8_t out[64]);

}  // namespace tessera
