// Unbiased frequency estimation from RR and OUE reports; formulas in
// tessera/privacy/estimate.hpp.
#include "tessera/privacy/estimate.hpp"

#include <sodium.h>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace tessera::privacy {
namespace {

// Two-sided 95% quantile of the standard normal distribution.
constexpr double kZ95 = 1.959963984540054;

}  // namespace

Result<FrequencyEstimator> FrequencyEstimator::create(const MetricSpec& spec) {
  if (spec.mechanism == Mechanism::kRandomizedResponse) {
    TESSERA_RETURN_IF_ERROR(RandomizedResponse::create(spec.domain_size, spec.epsilon).status());
  } else {
    TESSERA_RETURN_IF_ERROR(
        OptimizedUnaryEncoding::create(spec.domain_size, spec.epsilon).status());
  }
  return FrequencyEstimator(spec,
                            support_probabilities(spec.mechanism, spec.domain_size, spec.epsilon));
}

Status FrequencyEstimator::add(const LdpReport& report) {
  if (report.metric != spec_.metric || report.mechanism != spec_.mechanism ||
      report.domain_size != spec_.domain_size || !(report.epsilon == spec_.epsilon)) {
    return Status(Code::kInvalidValue,
                  "report parameters differ from the metric being decoded (" + spec_.metric + ")");
  }
  if (spec_.mechanism == Mechanism::kRandomizedResponse) {
    if (report.value >= spec_.domain_size) {
      return Status(Code::kOutOfRange, "reported value outside the domain", "/value");
    }
    add_value(report.value);
  } else {
    if (report.bits.size() != (spec_.domain_size + 7) / 8) {
      return Status(Code::kInvalidValue, "wrong number of bytes of bits", "/bits");
    }
    add_bits(report.bits);
  }
  return Status::Ok();
}

void FrequencyEstimator::add_value(std::uint32_t reported_value) {
  // Misuse of the fast path must not write out of bounds; such a report is
  // dropped whole (counting it in n without support would bias every value).
  if (reported_value >= support_.size()) return;
  ++support_[reported_value];
  ++reports_;
}

void FrequencyEstimator::add_bits(const PackedBits& bits) {
  // Branch-free: OUE bits are random, so a data-dependent branch per bit
  // would mispredict about a third of the time.
  const std::size_t d = support_.size();
  const std::size_t full_bytes = std::min(bits.size(), d / 8);
  std::int64_t* out = support_.data();
  for (std::size_t byte = 0; byte < full_bytes; ++byte, out += 8) {
    const unsigned b = bits[byte];
    for (unsigned i = 0; i < 8; ++i) out[i] += (b >> i) & 1u;
  }
  // The last, partial byte; never read past the report or the domain.
  const std::size_t end = std::min(d, bits.size() * 8);
  for (std::size_t v = full_bytes * 8; v < end; ++v) {
    support_[v] += (bits[v / 8] >> (v % 8)) & 1u;
  }
  ++reports_;
}

Status FrequencyEstimator::add_stored(std::string_view encoding, double epsilon,
                                      std::string_view report_json) {
  if (encoding != encoding_) {
    return Status(
        Code::kInvalidValue,
        "encoding \"" + std::string(encoding) + "\" is not this metric's (" + encoding_ + ")",
        "/encoding");
  }
  if (!(std::fabs(epsilon * 1000.0 - static_cast<double>(spec_.epsilon.millis())) < 0.5)) {
    return Status(Code::kInvalidValue, "epsilon differs from the metric's", "/epsilon");
  }
  const auto bad = [] {
    return Status(Code::kInvalidValue, "report does not fit the encoding", "/report");
  };
  if (spec_.mechanism == Mechanism::kRandomizedResponse) {
    std::uint32_t value = 0;
    const char* end = report_json.data() + report_json.size();
    auto [ptr, ec] = std::from_chars(report_json.data(), end, value);
    if (ec != std::errc() || ptr != end || report_json.empty() || value >= spec_.domain_size) {
      return bad();
    }
    add_value(value);
    return Status::Ok();
  }
  // A JSON string of base64: no escapes can occur in base64, so the text
  // between the quotes is the base64 itself.
  if (report_json.size() < 2 || report_json.front() != '"' || report_json.back() != '"') {
    return bad();
  }
  const std::string_view b64 = report_json.substr(1, report_json.size() - 2);
  const std::size_t bytes = (spec_.domain_size + 7) / 8;
  scratch_.resize(bytes);
  std::size_t decoded = 0;
  const char* b64_end = nullptr;
  if (sodium_base642bin(scratch_.data(), scratch_.size(), b64.data(), b64.size(), nullptr, &decoded,
                        &b64_end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      b64_end != b64.data() + b64.size() || decoded != bytes) {
    return bad();
  }
  // Bits past the domain must be zero (as LdpReport::from_json requires).
  if (spec_.domain_size % 8 != 0 && (scratch_.back() >> (spec_.domain_size % 8)) != 0) {
    return bad();
  }
  add_bits(scratch_);
  return Status::Ok();
}

Status FrequencyEstimator::merge(const FrequencyEstimator& other) {
  if (other.spec_.metric != spec_.metric || other.spec_.mechanism != spec_.mechanism ||
      other.spec_.domain_size != spec_.domain_size || !(other.spec_.epsilon == spec_.epsilon)) {
    return Status(Code::kInvalidValue, "cannot merge estimators of different metrics");
  }
  for (std::size_t v = 0; v < support_.size(); ++v) support_[v] += other.support_[v];
  reports_ += other.reports_;
  return Status::Ok();
}

std::vector<FrequencyEstimate> FrequencyEstimator::estimates() const {
  std::vector<FrequencyEstimate> out;
  out.reserve(support_.size());
  const double n = static_cast<double>(reports_);
  const double p = pq_.p;
  const double q = pq_.q;
  const double gap = p - q;
  for (std::size_t v = 0; v < support_.size(); ++v) {
    FrequencyEstimate e;
    e.value = static_cast<std::uint32_t>(v);
    if (reports_ > 0) {
      e.count = (static_cast<double>(support_[v]) - n * q) / gap;
      e.frequency = e.count / n;
      const double holders = std::clamp(e.count, 0.0, n);
      e.variance = (holders * p * (1 - p) + (n - holders) * q * (1 - q)) / (gap * gap);
      const double half_width = kZ95 * std::sqrt(e.variance);
      e.ci_low = e.count - half_width;
      e.ci_high = e.count + half_width;
    }
    out.push_back(e);
  }
  return out;
}

Json FrequencyEstimator::to_json() const {
  Json list = Json::array();
  for (const FrequencyEstimate& e : estimates()) {
    list.push_back({{"value", e.value},
                    {"count", e.count},
                    {"frequency", e.frequency},
                    {"variance", e.variance},
                    {"ciLow", e.ci_low},
                    {"ciHigh", e.ci_high}});
  }
  return Json{{"metric", spec_.metric},
              {"mechanism", std::string(mechanism_name(spec_.mechanism))},
              {"epsilonMillis", spec_.epsilon.millis()},
              {"reports", reports_},
              {"estimates", std::move(list)}};
}

}  // namespace tessera::privacy
