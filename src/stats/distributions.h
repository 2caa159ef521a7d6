// The probability distributions the indicator statistics stand on: the standard normal quantile,
// the regularised incomplete gamma and beta functions, the gamma quantile, and the Poisson and
// binomial distribution functions and quantiles built on them. Written out here so that every
// limit Continuum publishes comes from code whose method and accuracy are stated
// (docs/statistics.md).
//
//   double z = NormalQuantile(0.975);             // 1.959964: the 95% two-sided z
//   double upper = GammaQuantile(4, 0.975);       // 8.767273: exact 95% upper limit for 3 events
//   double f = BinomialCdf(15, 100, 0.1);         // P(X ≤ 15) for X ~ Binomial(100, 0.1)
//
// Arguments outside a function's domain are programmer errors (assert): the callers in
// intervals.h and funnel.h check what users supply and return a Status first.
#pragma once

#include <cstdint>

namespace continuum {

// Φ⁻¹(p) for 0 < p < 1, by Wichura's AS 241 (Applied Statistics 37:477, 1988), accurate to about
// 1e-16.
double NormalQuantile(double p);

// Φ(x), through std::erfc.
double NormalCdf(double x);

// P(a, x) = γ(a, x) / Γ(a) and its complement Q(a, x) = 1 − P(a, x), for a > 0, x ≥ 0: series
// below x = a + 1, Lentz's continued fraction above, each computed directly so that a small tail is
// not lost to cancellation.
double RegularisedGammaP(double a, double x);
double RegularisedGammaQ(double a, double x);

// The x with P(a, x) = p, for a > 0 and 0 < p < 1: the p-quantile of a gamma distribution with
// shape a and scale 1. Newton's method inside a bracket that bisection keeps, until a step moves
// x by less than 1e-14 of itself; the result is then as good as P itself. Half the chi-square
// quantile: χ²_p(2a) = 2 × GammaQuantile(a, p). 0 where the answer is below the smallest double.
double GammaQuantile(double a, double p);

// I_x(a, b), the regularised incomplete beta function, for a, b > 0 and 0 ≤ x ≤ 1 (Lentz's
// continued fraction on whichever side converges).
double RegularisedBeta(double a, double b, double x);

// P(X ≤ k) for X ~ Poisson(mean), mean ≥ 0; 0 for k < 0.
double PoissonCdf(int64_t k, double mean);

// P(X ≤ k) for X ~ Binomial(n, p), n ≥ 0, 0 ≤ p ≤ 1; 0 for k < 0, 1 for k ≥ n.
double BinomialCdf(int64_t k, int64_t n, double p);

// The smallest k with P(X ≤ k) ≥ q, 0 < q < 1, for the distributions above.
int64_t PoissonQuantile(double q, double mean);
int64_t BinomialQuantile(double q, int64_t n, double p);

}  // namespace continuum
