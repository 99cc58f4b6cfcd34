// Merchant key files; see merchant_key.hpp.
#include "store/merchant_key.hpp"

#include <sodium.h>

#include "store/files.hpp"
#include "tessera/common/json.hpp"
#include "tessera/crypto/encoding.hpp"

namespace tessera::store {

std::string format_key_file(const crypto::KeyPair& keys) {
  Json doc = {{"kind", "tessera-merchant-key"},
              {"v", 1},
              {"publicKey", crypto::base64_encode(keys.public_key.data(), 32)},
              {"secretKey", crypto::base64_encode(keys.secret_key.data(), 32)}};
  return doc.dump(2) + "\n";
}

Result<crypto::KeyPair> parse_key_file(std::string_view text) {
  TESSERA_ASSIGN_OR_RETURN(Json doc, parse_json(text, {16384, 4}));
  TESSERA_RETURN_IF_ERROR(expect_object(doc, ""));
  FieldReader r(doc, "");
  TESSERA_RETURN_IF_ERROR(r.reject_unknown({"kind", "v", "publicKey", "secretKey"}));
  TESSERA_ASSIGN_OR_RETURN(std::string kind, r.required_string("kind", 64));
  if (kind != "tessera-merchant-key") {
    return Status(Code::kInvalidValue, "expected \"tessera-merchant-key\"", "/kind");
  }
  crypto::KeyPair keys;
  TESSERA_ASSIGN_OR_RETURN(std::string pk, r.required_string("publicKey", 64));
  TESSERA_ASSIGN_OR_RETURN(std::string sk, r.required_string("secretKey", 64));
  TESSERA_ASSIGN_OR_RETURN(keys.public_key, crypto::base64_decode_fixed<32>(pk, "/publicKey"));
  TESSERA_ASSIGN_OR_RETURN(keys.secret_key, crypto::base64_decode_fixed<32>(sk, "/secretKey"));
  if (crypto::public_key_of(keys.secret_key) != keys.public_key) {
    return Status(Code::kCryptoError, "public key does not belong to the secret key", "/publicKey");
  }
  return keys;
}

Result<crypto::KeyPair> load_key_file(const std::string& path) {
  TESSERA_ASSIGN_OR_RETURN(std::string text, read_file(path));
  auto keys = parse_key_file(text);
  if (!keys.ok()) {
    const Status& st = keys.status();
    return Status(st.code(), path + ": " + st.message(), st.path());
  }
  return keys;
}

}  // namespace tessera::store
