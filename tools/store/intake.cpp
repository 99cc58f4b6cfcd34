// Delivery validation for the collector; see intake.hpp.
#include "store/intake.hpp"

#include "tessera/common/json.hpp"
#include "tessera/crypto/encoding.hpp"

namespace tessera::store {
namespace {

Status check_uuid(const std::string& key) {
  bool ok = key.size() == 36;
  for (std::size_t i = 0; ok && i < key.size(); ++i) {
    char c = key[i];
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    ok = dash ? c == '-' : ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  }
  if (!ok) return Status(Code::kInvalidValue, "expected a lowercase UUID", "/idempotencyKey");
  return Status::Ok();
}

}  // namespace

Result<StoredResponse> parse_delivery(std::string_view body, std::int64_t received_at_ms) {
  TESSERA_ASSIGN_OR_RETURN(Json doc, parse_json(body, {kMaxSealedBase64 + 4096, 4}));
  TESSERA_RETURN_IF_ERROR(expect_object(doc, ""));
  FieldReader r(doc, "");
  TESSERA_RETURN_IF_ERROR(
      r.reject_unknown({"v", "site", "surveyId", "idempotencyKey", "kind", "sealed"}));
  TESSERA_ASSIGN_OR_RETURN(auto version, r.required_int("v", 1, 1));
  (void)version;
  StoredResponse out;
  TESSERA_ASSIGN_OR_RETURN(out.site, r.required_id("site"));
  TESSERA_ASSIGN_OR_RETURN(out.survey_id, r.required_id("surveyId"));
  TESSERA_ASSIGN_OR_RETURN(out.idempotency_key, r.required_string("idempotencyKey", 36));
  TESSERA_RETURN_IF_ERROR(check_uuid(out.idempotency_key));
  TESSERA_ASSIGN_OR_RETURN(out.kind, r.required_string("kind", 16));
  if (out.kind != "final" && out.kind != "partial") {
    return Status(Code::kInvalidValue, "expected \"final\" or \"partial\"", "/kind");
  }
  TESSERA_ASSIGN_OR_RETURN(out.sealed, r.required_string("sealed", kMaxSealedBase64));
  TESSERA_ASSIGN_OR_RETURN(crypto::Bytes sealed, crypto::base64_decode(out.sealed, "/sealed"));
  if (sealed.size() <= crypto::kSealOverhead) {
    return Status(Code::kInvalidValue, "too short to be a sealed record", "/sealed");
  }
  out.received_at_ms = received_at_ms;
  return out;
}

}  // namespace tessera::store
