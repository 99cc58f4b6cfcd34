// Intake: checks what a browser POSTs to /v1/responses before it is stored.
//
// The body is the delivery the engine built (docs/engine-api.md):
//   {"v":1,"site":"demo-shop","surveyId":"post-purchase",
//    "idempotencyKey":"3f0c...-...","kind":"final","sealed":"<base64>"}
// Only the routing fields are readable; the answers are inside `sealed`.
#pragma once

#include <string_view>

#include "store/response_store.hpp"
#include "tessera/common/status.hpp"

namespace tessera::store {

// Largest sealed record accepted, in base64 characters (48 KiB of plaintext
// answers is far more than any survey produces).
constexpr std::size_t kMaxSealedBase64 = 65536;

Result<StoredResponse> parse_delivery(std::string_view body, std::int64_t received_at_ms);

}  // namespace tessera::store
