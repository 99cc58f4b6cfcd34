// Rating distributions, CSAT and CES; see tessera/score/rating.hpp.
#include "tessera/score/rating.hpp"

#include <algorithm>
#include <string>

#include "tessera/score/summary.hpp"

namespace tessera::score {
namespace {

constexpr std::int64_t kMinPoints = 2;
constexpr std::int64_t kMaxPoints = 11;  // 0..10 is the widest scale surveys use
constexpr std::int64_t kMaxAbsPoint = 100;

std::string scale_text(std::int64_t low, std::int64_t high) {
  return std::to_string(low) + ".." + std::to_string(high);
}

// Percent of answers on each point; nulls when there are no answers.
Json distribution_pct(const RatingDistribution& d) {
  Json out = Json::array();
  for (std::int64_t v = d.low(); v <= d.high(); ++v)
    out.push_back(display_number(d.pct_between(v, v)));
  return out;
}

// Reads {"v","kind","low","high","counts","n","display"} of a rating summary.
Result<RatingDistribution> read_rating_summary(const Json& json, const std::string& path,
                                               std::string_view kind) {
  TESSERA_RETURN_IF_ERROR(expect_object(json, path));
  FieldReader r(json, path);
  TESSERA_RETURN_IF_ERROR(r.reject_unknown({"v", "kind", "low", "high", "counts", "n", "display"}));
  TESSERA_RETURN_IF_ERROR(check_envelope(r, kind));
  return RatingDistribution::read_json(r);
}

}  // namespace

// --- RatingDistribution ----------------------------------------------------

Result<RatingDistribution> RatingDistribution::create(std::int64_t low, std::int64_t high) {
  if (low < -kMaxAbsPoint || high > kMaxAbsPoint || high < low || high - low + 1 < kMinPoints ||
      high - low + 1 > kMaxPoints) {
    return Status(Code::kOutOfRange, "a rating scale has 2 to 11 points within -100..100, got " +
                                         scale_text(low, high));
  }
  return RatingDistribution(low, high);
}

Status RatingDistribution::add(std::int64_t answer) {
  if (answer < low() || answer > high()) {
    return Status(Code::kOutOfRange, "expected an answer from " + scale_text(low(), high()) +
                                         ", got " + std::to_string(answer));
  }
  if (n() >= kMaxCount) return Status(Code::kLimitExceeded, "rating count at 2^53-1");
  ++counts_[static_cast<std::size_t>(answer - low_)];
  return Status::Ok();
}

Status RatingDistribution::merge(const RatingDistribution& other) {
  if (low() != other.low() || high() != other.high()) {
    return Status(Code::kFailedPrecondition, "cannot merge ratings on " +
                                                 scale_text(other.low(), other.high()) +
                                                 " into ratings on " + scale_text(low(), high()));
  }
  std::int64_t total = n();
  TESSERA_RETURN_IF_ERROR(add_checked(total, other.n(), "rating count"));
  for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
  return Status::Ok();
}

std::int64_t RatingDistribution::n() const {
  std::int64_t total = 0;
  for (std::int64_t c : counts_) total += c;
  return total;
}

std::int64_t RatingDistribution::sum() const {
  std::int64_t total = 0;
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    total += (low_ + static_cast<std::int64_t>(i)) * counts_[i];
  }
  return total;
}

std::int64_t RatingDistribution::count_between(std::int64_t from, std::int64_t to) const {
  std::int64_t total = 0;
  for (std::int64_t v = std::max(from, low()); v <= std::min(to, high()); ++v) {
    total += counts_[static_cast<std::size_t>(v - low_)];
  }
  return total;
}

std::optional<double> RatingDistribution::mean() const {
  const std::int64_t count = n();
  if (count == 0) return std::nullopt;
  return static_cast<double>(sum()) / static_cast<double>(count);
}

std::optional<double> RatingDistribution::pct_between(std::int64_t from, std::int64_t to) const {
  const std::int64_t count = n();
  if (count == 0) return std::nullopt;
  return 100.0 * static_cast<double>(count_between(from, to)) / static_cast<double>(count);
}

void RatingDistribution::write_json(Json& out) const {
  out["low"] = low();
  out["high"] = high();
  out["counts"] = counts_;
  out["n"] = n();
}

Result<RatingDistribution> RatingDistribution::read_json(const FieldReader& reader) {
  TESSERA_ASSIGN_OR_RETURN(std::int64_t low,
                           reader.required_int("low", -kMaxAbsPoint, kMaxAbsPoint));
  TESSERA_ASSIGN_OR_RETURN(std::int64_t high,
                           reader.required_int("high", -kMaxAbsPoint, kMaxAbsPoint));
  auto created = create(low, high);
  if (!created.ok()) {
    return Status(created.status().code(), created.status().message(), reader.path_of("high"));
  }
  RatingDistribution d = std::move(created).value();
  const Json* counts = reader.find("counts");
  if (counts == nullptr) {
    return Status(Code::kMissingField, "required field is missing", reader.path_of("counts"));
  }
  TESSERA_ASSIGN_OR_RETURN(d.counts_,
                           read_counts(*counts, reader.path_of("counts"), d.counts_.size()));
  std::int64_t total = 0;
  for (std::int64_t c : d.counts_) {
    TESSERA_RETURN_IF_ERROR(add_checked(total, c, "rating count"));
  }
  if (const Json* n = reader.find("n")) {
    TESSERA_ASSIGN_OR_RETURN(std::int64_t stated, read_count(*n, reader.path_of("n")));
    if (stated != total) {
      return Status(
          Code::kInvalidValue,
          "n is " + std::to_string(stated) + " but the counts add up to " + std::to_string(total),
          reader.path_of("n"));
    }
  }
  return d;
}

// --- CSAT ------------------------------------------------------------------

Result<CsatSummary> CsatSummary::create(const CsatScale& scale) {
  if (scale.low < 0 || scale.low > 1 || scale.points < kMinPoints || scale.points > kMaxPoints) {
    return Status(Code::kOutOfRange, "a CSAT scale starts at 0 or 1 and has 2 to 11 points, got " +
                                         scale_text(scale.low, scale.low + scale.points - 1));
  }
  CsatSummary s;
  TESSERA_ASSIGN_OR_RETURN(s.distribution_,
                           RatingDistribution::create(scale.low, scale.low + scale.points - 1));
  return s;
}

Status CsatSummary::add(std::int64_t answer) { return distribution_.add(answer); }

Status CsatSummary::merge(const CsatSummary& other) {
  return distribution_.merge(other.distribution_);
}

std::int64_t CsatSummary::top2_box_count() const {
  return distribution_.count_between(distribution_.high() - 1, distribution_.high());
}

std::optional<double> CsatSummary::top2_box_pct() const {
  return distribution_.pct_between(distribution_.high() - 1, distribution_.high());
}

Json CsatSummary::to_json() const {
  Json out = summary_envelope("csat");
  distribution_.write_json(out);
  out["display"] = Json{{"mean", display_number(mean())},
                        {"top2BoxPct", display_number(top2_box_pct())},
                        {"distributionPct", distribution_pct(distribution_)}};
  return out;
}

Result<CsatSummary> CsatSummary::from_json(const Json& json, const std::string& path) {
  TESSERA_ASSIGN_OR_RETURN(RatingDistribution d, read_rating_summary(json, path, "csat"));
  if (d.low() < 0 || d.low() > 1) {
    return Status(Code::kOutOfRange, "a CSAT scale starts at 0 or 1", pointer_join(path, "low"));
  }
  CsatSummary s;
  s.distribution_ = std::move(d);
  return s;
}

// --- CES -------------------------------------------------------------------

CesSummary::CesSummary() : distribution_(*RatingDistribution::create(1, 7)) {}

Result<CesSummary> CesSummary::create(std::int64_t points) {
  if (points != 5 && points != 7) {
    return Status(Code::kOutOfRange,
                  "a CES scale has 5 or 7 points, got " + std::to_string(points));
  }
  TESSERA_ASSIGN_OR_RETURN(RatingDistribution d, RatingDistribution::create(1, points));
  return CesSummary(std::move(d));
}

Status CesSummary::add(std::int64_t answer) { return distribution_.add(answer); }

Status CesSummary::merge(const CesSummary& other) {
  return distribution_.merge(other.distribution_);
}

// Midpoint of 1..k is (k + 1) / 2 (3 of 5, 4 of 7): neither agree nor
// disagree, so it is not "easy"; every point above it is.
std::int64_t CesSummary::easy_from() const { return (distribution_.high() + 1) / 2 + 1; }

std::int64_t CesSummary::easy_count() const {
  return distribution_.count_between(easy_from(), distribution_.high());
}

std::optional<double> CesSummary::easy_pct() const {
  return distribution_.pct_between(easy_from(), distribution_.high());
}

Json CesSummary::to_json() const {
  Json out = summary_envelope("ces");
  distribution_.write_json(out);
  out["display"] = Json{{"mean", display_number(mean())},
                        {"easyFrom", easy_from()},
                        {"easyPct", display_number(easy_pct())},
                        {"distributionPct", distribution_pct(distribution_)}};
  return out;
}

Result<CesSummary> CesSummary::from_json(const Json& json, const std::string& path) {
  TESSERA_ASSIGN_OR_RETURN(RatingDistribution d, read_rating_summary(json, path, "ces"));
  if (d.low() != 1 || (d.high() != 5 && d.high() != 7)) {
    return Status(Code::kOutOfRange, "a CES scale is 1..5 or 1..7", pointer_join(path, "high"));
  }
  return CesSummary(std::move(d));
}

}  // namespace tessera::score
