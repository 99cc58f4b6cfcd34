// Delivery validation for the collector; see intake.hpp.
#include "store/intake.hpp"

#include <cmath>

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

Status check_report(const Json& report) {
  const std::string path = "/report";
  if (report.is_number_integer()) return Status::Ok();
  if (report.is_string()) {
    if (report.get_ref<const std::string&>().size() > kMaxLdpReportItems) {
      return Status(Code::kOutOfRange, "report longer than 4096 characters", path);
    }
    return Status::Ok();
  }
  if (report.is_array()) {
    TESSERA_RETURN_IF_ERROR(expect_array(report, path, 1, kMaxLdpReportItems));
    for (std::size_t i = 0; i < report.size(); ++i) {
      if (!report[i].is_number_integer()) {
        return Status(Code::kInvalidType, "expected an integer", pointer_join(path, i));
      }
    }
    return Status::Ok();
  }
  return Status(Code::kInvalidType, "expected an integer, a string or an array of integers", path);
}

}  // namespace

Result<LdpReport> parse_ldp_report(std::string_view body, std::int64_t received_at_ms) {
  TESSERA_ASSIGN_OR_RETURN(Json doc, parse_json(body, {kMaxLdpBody, 3}));
  TESSERA_RETURN_IF_ERROR(expect_object(doc, ""));
  FieldReader r(doc, "");
  TESSERA_RETURN_IF_ERROR(
      r.reject_unknown({"v", "site", "metric", "epsilon", "encoding", "report"}));
  TESSERA_ASSIGN_OR_RETURN(auto version, r.required_int("v", 1, 1));
  (void)version;
  LdpReport out;
  TESSERA_ASSIGN_OR_RETURN(out.site, r.required_id("site"));
  TESSERA_ASSIGN_OR_RETURN(out.metric, r.required_id("metric"));
  const Json* epsilon = r.find("epsilon");
  if (!epsilon) return Status(Code::kMissingField, "required field is missing", "/epsilon");
  if (!epsilon->is_number()) return Status(Code::kInvalidType, "expected a number", "/epsilon");
  out.epsilon = epsilon->get<double>();
  if (!std::isfinite(out.epsilon) || out.epsilon <= 0 || out.epsilon > kMaxLdpEpsilon) {
    return Status(Code::kOutOfRange, "expected a number above 0 and at most 10", "/epsilon");
  }
  TESSERA_ASSIGN_OR_RETURN(out.encoding, r.required_id("encoding"));
  const Json* report = r.find("report");
  if (!report) return Status(Code::kMissingField, "required field is missing", "/report");
  TESSERA_RETURN_IF_ERROR(check_report(*report));
  out.report_json = dump_json(*report);
  constexpr std::int64_t kHourMs = 3600 * 1000;
  out.received_hour_ms = received_at_ms - received_at_ms % kHourMs;
  return out;
}

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
