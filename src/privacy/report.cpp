// Metric specs, report (de)serialization and budgeted privatization; see
// tessera/privacy/report.hpp.
#include "tessera/privacy/report.hpp"

#include <cmath>
#include <set>

#include "tessera/crypto/encoding.hpp"

namespace tessera::privacy {
namespace {

constexpr std::int64_t kMaxDomain = 65536;

Result<Epsilon> read_epsilon(const FieldReader& reader) {
  const Json* v = reader.find("epsilon");
  if (v == nullptr) return Epsilon::from_millis(1000);
  if (!v->is_number()) {
    return Status(Code::kInvalidType, "expected a number", reader.path_of("epsilon"));
  }
  const double eps = v->get<double>();
  const auto millis = static_cast<std::int64_t>(std::floor(eps * 1000.0 + 0.5));
  if (!(eps > 0.0) || eps > 10.0 || millis < Epsilon::kMinMillis) {
    return Status(Code::kOutOfRange, "expected an epsilon from 0.001 to 10",
                  reader.path_of("epsilon"));
  }
  return Epsilon::from_millis(millis);
}

Result<std::vector<std::string>> read_categories(const FieldReader& reader, const Json& list) {
  const std::string at = reader.path_of("categories");
  TESSERA_RETURN_IF_ERROR(expect_array(list, at, 1, kMaxDomain - 1));
  std::vector<std::string> out;
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string item_at = pointer_join(at, i);
    if (!list[i].is_string()) return Status(Code::kInvalidType, "expected a category id", item_at);
    TESSERA_RETURN_IF_ERROR(check_id(list[i].get_ref<const std::string&>(), item_at));
    if (!seen.insert(list[i].get_ref<const std::string&>()).second) {
      return Status(Code::kDuplicateId, "listed twice", item_at);
    }
    out.push_back(list[i].get<std::string>());
  }
  return out;
}

}  // namespace

Result<MetricSpec> parse_metric_spec(const Json& value, const std::string& path) {
  TESSERA_RETURN_IF_ERROR(expect_object(value, path));
  FieldReader reader(value, path);
  TESSERA_RETURN_IF_ERROR(
      reader.reject_unknown({"metric", "mechanism", "domain", "epsilon", "categories"}));
  MetricSpec spec;
  TESSERA_ASSIGN_OR_RETURN(spec.metric, reader.required_id("metric"));
  if (const Json* categories = reader.find("categories")) {
    if (reader.has("domain")) {
      return Status(Code::kInvalidValue,
                    "an interest metric's domain is its categories plus \"none of these\"; "
                    "leave out domain",
                    reader.path_of("domain"));
    }
    TESSERA_ASSIGN_OR_RETURN(spec.categories, read_categories(reader, *categories));
    spec.domain_size = static_cast<std::uint32_t>(spec.categories.size() + 1);
  } else {
    if (!reader.has("domain")) {
      return Status(Code::kMissingField, "a metric needs a domain (or a list of categories)",
                    reader.path_of("domain"));
    }
    TESSERA_ASSIGN_OR_RETURN(std::int64_t domain, reader.required_int("domain", 2, kMaxDomain));
    spec.domain_size = static_cast<std::uint32_t>(domain);
  }
  TESSERA_ASSIGN_OR_RETURN(spec.epsilon, read_epsilon(reader));
  TESSERA_ASSIGN_OR_RETURN(std::string mechanism, reader.optional_string("mechanism", "auto", 8));
  if (mechanism == "auto") {
    spec.mechanism = recommend_mechanism(spec.domain_size, spec.epsilon);
  } else {
    TESSERA_ASSIGN_OR_RETURN(spec.mechanism,
                             parse_mechanism(mechanism, reader.path_of("mechanism")));
  }
  return spec;
}

Json LdpReport::to_json() const {
  Json out{{"metric", metric},
           {"mechanism", std::string(mechanism_name(mechanism))},
           {"domain", domain_size},
           {"epsilonMillis", epsilon.millis()}};
  if (mechanism == Mechanism::kRandomizedResponse) {
    out["value"] = value;
  } else {
    out["bits"] = crypto::base64_encode(bits);
  }
  return out;
}

Result<LdpReport> LdpReport::from_json(const Json& json) {
  TESSERA_RETURN_IF_ERROR(expect_object(json, ""));
  FieldReader reader(json, "");
  TESSERA_RETURN_IF_ERROR(
      reader.reject_unknown({"metric", "mechanism", "domain", "epsilonMillis", "value", "bits"}));
  LdpReport r;
  TESSERA_ASSIGN_OR_RETURN(r.metric, reader.required_id("metric"));
  TESSERA_ASSIGN_OR_RETURN(std::string mechanism, reader.required_string("mechanism", 8));
  TESSERA_ASSIGN_OR_RETURN(r.mechanism, parse_mechanism(mechanism, "/mechanism"));
  TESSERA_ASSIGN_OR_RETURN(std::int64_t domain, reader.required_int("domain", 2, kMaxDomain));
  r.domain_size = static_cast<std::uint32_t>(domain);
  TESSERA_ASSIGN_OR_RETURN(
      std::int64_t millis,
      reader.required_int("epsilonMillis", Epsilon::kMinMillis, Epsilon::kMaxMillis));
  r.epsilon = Epsilon::from_millis(millis);
  if (r.mechanism == Mechanism::kRandomizedResponse) {
    if (reader.has("bits")) {
      return Status(Code::kUnknownField, "\"bits\" belongs to oue reports", "/bits");
    }
    TESSERA_ASSIGN_OR_RETURN(std::int64_t v, reader.required_int("value", 0, domain - 1));
    r.value = static_cast<std::uint32_t>(v);
    return r;
  }
  if (reader.has("value")) {
    return Status(Code::kUnknownField, "\"value\" belongs to rr reports", "/value");
  }
  TESSERA_ASSIGN_OR_RETURN(std::string b64, reader.required_string("bits", kMaxDomain));
  TESSERA_ASSIGN_OR_RETURN(r.bits, crypto::base64_decode(b64, "/bits"));
  if (r.bits.size() != (r.domain_size + 7) / 8) {
    return Status(Code::kInvalidValue,
                  "expected " + std::to_string((r.domain_size + 7) / 8) + " bytes of bits",
                  "/bits");
  }
  // Padding bits past the domain must be zero, or one report could count
  // towards values that do not exist.
  if (r.domain_size % 8 != 0 && (r.bits.back() >> (r.domain_size % 8)) != 0) {
    return Status(Code::kInvalidValue, "bits beyond the domain are set", "/bits");
  }
  return r;
}

Result<LdpReport> privatize(const MetricSpec& spec, std::uint32_t value, PrivacyBudget& budget,
                            std::int64_t now_ms, const BudgetPolicy& policy, SeededRandom& rng) {
  if (value >= spec.domain_size) {
    return Status(Code::kOutOfRange, "value " + std::to_string(value) +
                                         " is outside the domain 0.." +
                                         std::to_string(spec.domain_size - 1));
  }
  LdpReport report;
  report.metric = spec.metric;
  report.mechanism = spec.mechanism;
  report.domain_size = spec.domain_size;
  report.epsilon = spec.epsilon;
  if (spec.mechanism == Mechanism::kRandomizedResponse) {
    TESSERA_ASSIGN_OR_RETURN(auto rr, RandomizedResponse::create(spec.domain_size, spec.epsilon));
    TESSERA_RETURN_IF_ERROR(budget.charge(spec.epsilon, now_ms, policy));
    report.value = rr.encode(value, rng);
  } else {
    TESSERA_ASSIGN_OR_RETURN(auto oue,
                             OptimizedUnaryEncoding::create(spec.domain_size, spec.epsilon));
    TESSERA_RETURN_IF_ERROR(budget.charge(spec.epsilon, now_ms, policy));
    report.bits = oue.encode(value, rng);
  }
  return report;
}

}  // namespace tessera::privacy
