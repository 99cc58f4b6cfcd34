// Deterministic exp/exp2/log from exactly specified IEEE operations; see
// tessera/common/portable_math.hpp.
//
// exp: argument reduction x = k ln2 + r with |r| <= ln2/2, where ln2 is split
// into a high part with trailing zero bits (so k * kLn2High is exact for
// |k| < 2^11) and a low correction. e^r is then a degree-13 Taylor polynomial:
// the first omitted term, r^14/14!, is below 5e-18 for |r| <= 0.347, under
// the rounding error of the sum. Finally 2^k is applied with ldexp (exact).
//
// log: x = m 2^e with m in [sqrt(1/2), sqrt(2)) (frexp, exact), then
// ln m = 2 atanh(s), s = (m - 1)/(m + 1), |s| <= 0.1716, using the odd series
// 2(s + s^3/3 + s^5/5 + ...) up to s^25: the next term is below 1e-20.
#include "tessera/common/portable_math.hpp"

#include <cmath>
#include <limits>

namespace tessera {
namespace {

// ln 2 = kLn2High + kLn2Low; kLn2High has its low 32 bits of mantissa zero.
constexpr double kLn2High = 6.93147180369123816490e-01;
constexpr double kLn2Low = 1.90821492927058770002e-10;
constexpr double kLn2 = 0.693147180559945309417232121458;
constexpr double kInvLn2 = 1.44269504088896340735992468100;

// e^r for |r| <= ln2/2 + a little, Horner form of the Taylor series.
double exp_reduced(double r) {
  // 1/n! for n = 13 down to 1, each a correctly rounded double literal.
  constexpr double kInvFactorial[] = {1.0 / 6227020800.0,
                                      1.0 / 479001600.0,
                                      1.0 / 39916800.0,
                                      1.0 / 3628800.0,
                                      1.0 / 362880.0,
                                      1.0 / 40320.0,
                                      1.0 / 5040.0,
                                      1.0 / 720.0,
                                      1.0 / 120.0,
                                      1.0 / 24.0,
                                      1.0 / 6.0,
                                      1.0 / 2.0,
                                      1.0};
  double sum = 0.0;
  for (double c : kInvFactorial) sum = sum * r + c;
  return sum * r + 1.0;
}

}  // namespace

double portable_exp(double x) {
  if (std::isnan(x)) return x;
  if (x > 709.78) return std::numeric_limits<double>::infinity();
  if (x < -745.2) return 0.0;
  const double k = std::floor(x * kInvLn2 + 0.5);
  const double r = (x - k * kLn2High) - k * kLn2Low;
  return std::ldexp(exp_reduced(r), static_cast<int>(k));
}

double portable_exp2(double x) {
  if (std::isnan(x)) return x;
  if (x >= 1024.0) return std::numeric_limits<double>::infinity();
  if (x < -1075.0) return 0.0;
  const double k = std::floor(x + 0.5);
  const double f = x - k;  // exact: x and k are close
  return std::ldexp(exp_reduced(f * kLn2), static_cast<int>(k));
}

double portable_log(double x) {
  if (std::isnan(x) || x < 0.0) return std::numeric_limits<double>::quiet_NaN();
  if (x == 0.0) return -std::numeric_limits<double>::infinity();
  if (std::isinf(x)) return x;
  int e = 0;
  double m = std::frexp(x, &e);  // x = m 2^e, m in [0.5, 1)
  if (m < 0.70710678118654752440) {
    m *= 2.0;
    --e;
  }
  const double s = (m - 1.0) / (m + 1.0);
  const double s2 = s * s;
  // Odd series sum_{j=0..12} s^(2j+1) / (2j+1), Horner in s^2.
  double sum = 0.0;
  for (int j = 12; j >= 0; --j) sum = sum * s2 + 1.0 / static_cast<double>(2 * j + 1);
  const double ln_m = 2.0 * s * sum;
  return static_cast<double>(e) * kLn2High + (static_cast<double>(e) * kLn2Low + ln_m);
}

}  // namespace tessera
