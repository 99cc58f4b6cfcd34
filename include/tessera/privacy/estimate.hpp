// Decoding private reports: unbiased frequency estimates with their variance
// and 95% confidence intervals, from many reports of one metric.
//
// Both mechanisms are "pure" frequency oracles (Wang et al. 2017, section 3):
// a report supports value v (RR: reports v; OUE: bit v is set) with
// probability p when the true value is v, and q otherwise. With n reports of
// which C_v support v, and n_v devices truly holding v:
//
//   E[C_v]   = n_v p + (n - n_v) q
//   estimate = (C_v - n q) / (p - q)                                (unbiased)
//   Var      = (n_v p (1 - p) + (n - n_v) q (1 - q)) / (p - q)^2
//
// Var is evaluated at n_v = the estimate clamped to [0, n] (plug-in). Wang et
// al.'s approximation n q (1 - q) / (p - q)^2 is the n_v = 0 case. The 95%
// interval is estimate +- 1.959964 sqrt(Var) (normal approximation; C_v is a
// sum of n independent Bernoulli variables). Estimates are not clamped: a
// negative estimate is honest noise and keeps sums unbiased.
//
//   FrequencyEstimator est = *FrequencyEstimator::create(spec);
//   for (const auto& r : reports) TESSERA_RETURN_IF_ERROR(est.add(r));
//   for (const FrequencyEstimate& e : est.estimates()) { e.count, e.ci_low, ... }
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tessera/common/json.hpp"
#include "tessera/privacy/report.hpp"

namespace tessera::privacy {

struct FrequencyEstimate {
  std::uint32_t value = 0;
  double count = 0;      // estimated number of devices holding `value`
  double frequency = 0;  // count / n
  double variance = 0;   // of `count`
  double ci_low = 0;     // 95% interval for `count`
  double ci_high = 0;
};

class FrequencyEstimator {
 public:
  // Errors as RandomizedResponse::create / OptimizedUnaryEncoding::create.
  static Result<FrequencyEstimator> create(const MetricSpec& spec);

  // kInvalidValue when the report is for another metric, mechanism, domain
  // or epsilon (mixing parameters would bias every estimate).
  Status add(const LdpReport& report);
  // Fast paths for a collector that has already validated the reports (an
  // out-of-domain value is dropped; bits beyond the domain are ignored).
  void add_value(std::uint32_t reported_value);
  void add_bits(const PackedBits& bits);
  // A report as the collector stores it (docs/collector.md): the encoding
  // ("rr-5", "oue-64"), epsilon and the report as compact JSON text (an
  // integer for rr, a base64 string for oue). kInvalidValue at "/encoding"
  // or "/epsilon" when they are not this metric's, at "/report" when the
  // report does not fit them; nothing is counted then. No JSON parser runs:
  // a million stored reports decode in well under a second.
  Status add_stored(std::string_view encoding, double epsilon, std::string_view report_json);
  // kInvalidValue unless `other` decodes the same metric with the same parameters.
  Status merge(const FrequencyEstimator& other);

  std::int64_t reports() const { return reports_; }
  std::vector<FrequencyEstimate> estimates() const;
  // {"metric":..,"reports":n,"estimates":[{"value":0,"count":..,"ciLow":..,..}]}
  Json to_json() const;

 private:
  FrequencyEstimator(MetricSpec spec, SupportProbabilities pq)
      : spec_(std::move(spec)),
        pq_(pq),
        encoding_(std::string(mechanism_name(spec_.mechanism)) + "-" +
                  std::to_string(spec_.domain_size)),
        support_(spec_.domain_size, 0) {}

  MetricSpec spec_;
  SupportProbabilities pq_;
  std::string encoding_;               // "rr-5": what stored reports must say
  PackedBits scratch_;                 // add_stored's decoded bits, reused
  std::vector<std::int64_t> support_;  // C_v
  std::int64_t reports_ = 0;
};

}  // namespace tessera::privacy
