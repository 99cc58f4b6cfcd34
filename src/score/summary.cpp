// Shared summary conventions; see tessera/score/summary.hpp.
#include "tessera/score/summary.hpp"

#include <cmath>

namespace tessera::score {

double round_display(double x) {
  // Reproducibility argument: every derived value is computed from exact
  // integers with + - * / and sqrt only, which IEEE 754 requires to be
  // correctly rounded; x86-64 (SSE2, no x87 excess precision) and wasm32
  // both implement them so, and neither target has an FMA the compiler could
  // contract into. Here x * 1e4 is one more correctly rounded multiply,
  // std::llround rounds half away from zero independently of the current
  // rounding mode, and the division is correctly rounded again. nlohmann_json
  // then prints the double with its own digit generator (no printf, no
  // locale), so the bytes match on both targets.
  constexpr double kScale = 1e4;
  static_assert(kDisplayDecimals == 4, "kScale must be 10^kDisplayDecimals");
  // Beyond 2^53 / 1e4 there is nothing left to round (and llround could
  // overflow); no score reaches that, but stay defined.
  if (!(std::fabs(x) < 9.0e11)) return x;
  return static_cast<double>(std::llround(x * kScale)) / kScale;
}

Json display_number(std::optional<double> x) {
  if (!x.has_value() || !std::isfinite(*x)) return Json(nullptr);
  return Json(round_display(*x));
}

Status add_checked(std::int64_t& total, std::int64_t more, std::string_view what) {
  if (more > kMaxCount - total) {
    return Status(Code::kLimitExceeded,
                  std::string(what) + " would exceed 2^53-1 (the largest exact JS integer)");
  }
  total += more;
  return Status::Ok();
}

Json summary_envelope(std::string_view kind) { return Json{{"v", 1}, {"kind", std::string(kind)}}; }

Status check_envelope(const FieldReader& reader, std::string_view kind) {
  TESSERA_ASSIGN_OR_RETURN(std::int64_t version, reader.required_int("v", 1, 1));
  (void)version;
  TESSERA_ASSIGN_OR_RETURN(std::string got, reader.required_string("kind", 64));
  if (got != kind) {
    return Status(Code::kInvalidValue,
                  "expected a summary of kind \"" + std::string(kind) + "\", got \"" + got + "\"",
                  reader.path_of("kind"));
  }
  return Status::Ok();
}

Result<std::int64_t> read_count(const Json& value, const std::string& path) {
  return read_int(value, path, 0, kMaxCount);
}

Result<std::vector<std::int64_t>> read_counts(const Json& value, const std::string& path,
                                              std::size_t size) {
  TESSERA_RETURN_IF_ERROR(expect_array(value, path, size, size));
  std::vector<std::int64_t> counts;
  counts.reserve(size);
  for (std::size_t i = 0; i < size; ++i) {
    TESSERA_ASSIGN_OR_RETURN(std::int64_t c, read_count(value[i], pointer_join(path, i)));
    counts.push_back(c);
  }
  return counts;
}

}  // namespace tessera::score
