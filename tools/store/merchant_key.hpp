// The merchant's key file: the X25519 key pair that opens sealed answers.
// It lives on the merchant's machine only (mode 0600), never on a collector.
//
//   {"kind":"tessera-merchant-key","v":1,"publicKey":"<b64>","secretKey":"<b64>"}
#pragma once

#include <string>

#include "tessera/crypto/seal.hpp"

namespace tessera::store {

std::string format_key_file(const crypto::KeyPair& keys);
// Checks that the public key matches the secret key, so a damaged file is
// caught before it silently fails to open every record.
Result<crypto::KeyPair> parse_key_file(std::string_view text);
Result<crypto::KeyPair> load_key_file(const std::string& path);

}  // namespace tessera::store
