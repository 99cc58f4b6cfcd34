// exp, exp2 and log that give the same bits on every platform.
//
// std::exp and std::log are not required to be correctly rounded, and glibc,
// musl (Emscripten) and others differ in the last bit. Anything Tessera
// serializes or compares (decay weights, privacy probabilities, Thompson
// samples) must agree byte for byte between native x86-64 and wasm32, so
// these functions use only IEEE 754 operations that are exactly specified:
// + - * / (correctly rounded), floor, ldexp and frexp (exact). Accuracy is a
// few ulp, which is plenty for scores; the point is reproducibility.
//
//   double w = portable_exp2(-age_hours / half_life_hours);  // decay weight
//   double e = portable_exp(epsilon);                        // e^epsilon
//   double l = portable_log(u);                              // u > 0
#pragma once

namespace tessera {

// e^x. Returns 0 below -745 and +inf above 709.7, as IEEE exp would.
double portable_exp(double x);
// 2^x, exact for integers in the normal range.
double portable_exp2(double x);
// Natural logarithm; -inf for 0, NaN for negative or NaN input, x for +inf.
double portable_log(double x);

}  // namespace tessera
