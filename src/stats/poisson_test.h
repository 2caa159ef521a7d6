// Whether a count of events departs from what was expected of it: the exact two-sided test of a
// Poisson count, twice the smaller tail (the "central" method, which agrees with the exact limits
// of intervals.h: the interval excludes the expected count exactly when p is below 1 − level).
//
//   double p = PoissonTwoSidedP(10, 5.0);   // 0.0637: 2 P(X ≥ 10 | mean 5)
#pragma once

#include <cstdint>

namespace continuum {

// min(1, 2 min(P(X ≤ observed), P(X ≥ observed))) for X ~ Poisson(expected); observed ≥ 0 and
// expected > 0 (the caller checks).
double PoissonTwoSidedP(int64_t observed, double expected);

}  // namespace continuum
