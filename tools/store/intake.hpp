// Intake: checks what a browser POSTs before it is stored.
//
// /v1/responses takes the delivery the engine built (docs/engine-api.md):
//   {"v":1,"site":"demo-shop","surveyId":"post-purchase",
//    "idempotencyKey":"3f0c...-...","kind":"final","sealed":"<base64>"}
// Only the routing fields are readable; the answers are inside `sealed`.
//
// /v1/ldp takes one private-statistics report:
//   {"v":1,"site":"demo-shop","metric":"nps-bucket","epsilon":1.0,
//    "encoding":"grr","report":3}
//   auto report = parse_ldp_report(body, now_ms);  // LdpReport or a Status
#pragma once

#include <string_view>

#include "store/response_store.hpp"
#include "tessera/common/status.hpp"

namespace tessera::store {

// Largest sealed record accepted, in base64 characters (48 KiB of plaintext
// answers is far more than any survey produces).
constexpr std::size_t kMaxSealedBase64 = 65536;

Result<StoredResponse> parse_delivery(std::string_view body, std::int64_t received_at_ms);

// Largest /v1/ldp body. A report is a few bits to a few hundred; the
// limit leaves room for unary encodings of large domains.
constexpr std::size_t kMaxLdpBody = 16384;
// Largest report: items of an array, or characters of a string.
constexpr std::size_t kMaxLdpReportItems = 4096;
// Largest epsilon accepted. Above it randomized response protects almost
// nothing, so a larger value is far likelier a bug than a choice.
constexpr double kMaxLdpEpsilon = 10.0;

// The report is kept opaque (the collector does not decode it) but must be
// an integer, a string or an array of integers: no objects, so no field
// names in which to carry an identifier. The time kept is the hour of
// arrival only, so a report cannot be matched to a survey answer by time.
Result<LdpReport> parse_ldp_report(std::string_view body, std::int64_t received_at_ms);

}  // namespace tessera::store
