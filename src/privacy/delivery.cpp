// Collector bodies and randomized send times for LDP reports; see
// tessera/privacy/delivery.hpp.
#include "tessera/privacy/delivery.hpp"

#include "tessera/crypto/encoding.hpp"

namespace tessera::privacy {
namespace {

constexpr std::int64_t kMaxDelaySeconds = DeliveryPolicy::kMaxDelayMs / 1000;

}  // namespace

Result<DeliveryPolicy> parse_delivery_policy(const Json& value, const std::string& path) {
  TESSERA_RETURN_IF_ERROR(expect_object(value, path));
  FieldReader reader(value, path);
  TESSERA_RETURN_IF_ERROR(reader.reject_unknown({"minDelaySeconds", "maxDelaySeconds"}));
  DeliveryPolicy policy;
  TESSERA_ASSIGN_OR_RETURN(
      std::int64_t min_s,
      reader.optional_int("minDelaySeconds", policy.min_delay_ms / 1000, 0, kMaxDelaySeconds));
  TESSERA_ASSIGN_OR_RETURN(
      std::int64_t max_s,
      reader.optional_int("maxDelaySeconds", policy.max_delay_ms / 1000, 0, kMaxDelaySeconds));
  if (min_s > max_s) {
    return Status(Code::kInvalidValue,
                  "minDelaySeconds (" + std::to_string(min_s) + ") is above maxDelaySeconds (" +
                      std::to_string(max_s) + ")",
                  reader.path_of("minDelaySeconds"));
  }
  policy.min_delay_ms = min_s * 1000;
  policy.max_delay_ms = max_s * 1000;
  return policy;
}

std::int64_t draw_send_time(const DeliveryPolicy& policy, std::int64_t now_ms, SeededRandom& rng) {
  const auto span = static_cast<std::uint64_t>(policy.max_delay_ms - policy.min_delay_ms);
  return now_ms + policy.min_delay_ms + static_cast<std::int64_t>(rng.uniform_below(span + 1));
}

std::string encoding_name(const LdpReport& report) {
  return std::string(mechanism_name(report.mechanism)) + "-" + std::to_string(report.domain_size);
}

Json collector_body(const LdpReport& report, std::string_view site) {
  Json body{{"v", 1},
            {"site", std::string(site)},
            {"metric", report.metric},
            {"epsilon", report.epsilon.value()},
            {"encoding", encoding_name(report)}};
  if (report.mechanism == Mechanism::kRandomizedResponse) {
    body["report"] = report.value;
  } else {
    body["report"] = crypto::base64_encode(report.bits);
  }
  return body;
}

}  // namespace tessera::privacy
