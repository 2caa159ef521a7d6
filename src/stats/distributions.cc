#include "stats/distributions.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <numbers>

namespace continuum {
namespace {

constexpr double kEpsilon = 1e-16;  // relative size of the last term a series or fraction adds
constexpr double kTiny = 1e-300;    // Lentz's guard against dividing by zero
constexpr int kMaxIterations = 1'000'000;

// Horner's rule over coefficients from the constant term up.
template <size_t N>
double Polynomial(const double (&c)[N], double x) {
  double sum = 0;
  for (size_t i = N; i-- > 0;) sum = sum * x + c[i];
  return sum;
}

// Stirling's error δ(a) = ln Γ(a) − [(a − ½) ln a − a + ½ ln 2π], by its asymptotic series from 15
// on, where the series is good to 1e-14 and lgamma would lose digits to cancellation.
double StirlingError(double a) {
  if (a < 15) {
    return std::lgamma(a) - ((a - 0.5) * std::log(a) - a + 0.5 * std::log(2 * std::numbers::pi));
  }
  const double a2 = a * a;
  return (1.0 / 12 - (1.0 / 360 - (1.0 / 1260 - 1.0 / (1680 * a2)) / a2) / a2) / a;
}

// x^a e^(−x) / Γ(a), written as √(a / 2π) · exp(a ln(x / a) + a − x − δ(a)) so that the large
// terms of a ln x − x − ln Γ(a) cancel exactly instead of in floating point; near x = a the
// exponent is taken as a (ln(1 + t) − t), t = (x − a) / a, which keeps its digits there.
double GammaPrefix(double a, double x) {
  if (x == 0) return 0;
  const double t = (x - a) / a;
  const double exponent =
      std::fabs(t) < 0.5 ? a * (std::log1p(t) - t) : a * std::log(x / a) + a - x;
  return std::sqrt(a / (2 * std::numbers::pi)) * std::exp(exponent - StirlingError(a));
}

// P(a, x) by its series Σ x^n / (a (a+1) … (a+n)), for x < a + 1.
double GammaPSeries(double a, double x) {
  double term = 1 / a;
  double sum = term;
  for (int n = 1; n < kMaxIterations; ++n) {
    term *= x / (a + n);
    sum += term;
    if (term < sum * kEpsilon) break;
  }
  return sum * GammaPrefix(a, x);
}

// Q(a, x) by Lentz's evaluation of its continued fraction, for x ≥ a + 1.
double GammaQContinuedFraction(double a, double x) {
  double b = x + 1 - a;
  double c = 1 / kTiny;
  double d = 1 / b;
  double h = d;
  for (int i = 1; i < kMaxIterations; ++i) {
    const double an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = b + an / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1) < kEpsilon) break;
  }
  return h * GammaPrefix(a, x);
}

// The continued fraction of I_x(a, b) (Numerical Recipes' betacf, with Lentz's method).
double BetaContinuedFraction(double a, double b, double x) {
  const double qab = a + b;
  const double qap = a + 1;
  const double qam = a - 1;
  double c = 1;
  double d = 1 - qab * x / qap;
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1 / d;
  double h = d;
  for (int m = 1; m < kMaxIterations; ++m) {
    const int m2 = 2 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1) < kEpsilon) break;
  }
  return h;
}

// The smallest k in (lo, hi] with cdf(k) ≥ q, given cdf(lo) < q ≤ cdf(hi).
template <typename Cdf>
int64_t SmallestReaching(double q, int64_t lo, int64_t hi, Cdf cdf) {
  while (hi - lo > 1) {
    const int64_t mid = lo + (hi - lo) / 2;
    (cdf(mid) >= q ? hi : lo) = mid;
  }
  return hi;
}

}  // namespace

double NormalQuantile(double p) {
  assert(p > 0 && p < 1);
  // Wichura's three rational approximations: the centre, the near tail and the far tail.
  static constexpr double kCentreNum[] = {3.3871328727963666080e+0, 1.3314166789178437745e+2,
                                          1.9715909503065514427e+3, 1.3731693765509461125e+4,
                                          4.5921953931549871457e+4, 6.7265770927008700853e+4,
                                          3.3430575583588128105e+4, 2.5090809287301226727e+3};
  static constexpr double kCentreDen[] = {1.0000000000000000000e+0, 4.2313330701600911252e+1,
                                          6.8718700749205790830e+2, 5.3941960214247511077e+3,
                                          2.1213794301586595867e+4, 3.9307895800092710610e+4,
                                          2.8729085735721942674e+4, 5.2264952788528545610e+3};
  static constexpr double kNearNum[] = {1.42343711074968357734e+0, 4.63033784615654529590e+0,
                                        5.76949722146069140550e+0, 3.64784832476320460504e+0,
                                        1.27045825245236838258e+0, 2.41780725177450611770e-1,
                                        2.27238449892691845833e-2, 7.74545014278341407640e-4};
  static constexpr double kNearDen[] = {1.00000000000000000000e+0, 2.05319162663775882187e+0,
                                        1.67638483018380384940e+0, 6.89767334985100004550e-1,
                                        1.48103976427480074590e-1, 1.51986665636164571966e-2,
                                        5.47593808499534494600e-4, 1.05075007164441684324e-9};
  static constexpr double kFarNum[] = {6.65790464350110377720e+0, 5.46378491116411436990e+0,
                                       1.78482653991729133580e+0, 2.96560571828504891230e-1,
                                       2.65321895265761230930e-2, 1.24266094738807843860e-3,
                                       2.71155556874348757815e-5, 2.01033439929228813265e-7};
  static constexpr double kFarDen[] = {1.00000000000000000000e+0, 5.99832206555887937690e-1,
                                       1.36929880922735805310e-1, 1.48753612908506148525e-2,
                                       7.86869131145613259100e-4, 1.84631831751005468180e-5,
                                       1.42151175831644588870e-7, 2.04426310338993978564e-15};
  const double q = p - 0.5;
  if (std::fabs(q) <= 0.425) {
    const double r = 0.180625 - q * q;
    return q * Polynomial(kCentreNum, r) / Polynomial(kCentreDen, r);
  }
  double r = std::sqrt(-std::log(q < 0 ? p : 1 - p));
  double x;
  if (r <= 5) {
    r -= 1.6;
    x = Polynomial(kNearNum, r) / Polynomial(kNearDen, r);
  } else {
    r -= 5;
    x = Polynomial(kFarNum, r) / Polynomial(kFarDen, r);
  }
  return q < 0 ? -x : x;
}

double NormalCdf(double x) { return 0.5 * std::erfc(-x / std::numbers::sqrt2); }

double RegularisedGammaP(double a, double x) {
  assert(a > 0 && x >= 0);
  if (x == 0) return 0;
  return x < a + 1 ? GammaPSeries(a, x) : 1 - GammaQContinuedFraction(a, x);
}

double RegularisedGammaQ(double a, double x) {
  assert(a > 0 && x >= 0);
  if (x == 0) return 1;
  return x < a + 1 ? 1 - GammaPSeries(a, x) : GammaQContinuedFraction(a, x);
}

double GammaQuantile(double a, double p) {
  assert(a > 0 && p > 0 && p < 1);
  // g rises through zero at the answer. Above the median it is written through Q so that 0.999 is
  // solved as Q = 0.001 at full precision rather than as 1 − P.
  const bool upper = p > 0.5;
  const auto g = [&](double x) {
    return upper ? (1 - p) - RegularisedGammaQ(a, x) : RegularisedGammaP(a, x) - p;
  };
  // Start from the Wilson–Hilferty cube-root approximation, or for a small shape from
  // P(a, x) ≈ x^a / Γ(a + 1), which holds near zero.
  const double z = NormalQuantile(p);
  double x = a * std::pow(1 - 1 / (9 * a) + z / (3 * std::sqrt(a)), 3);
  if (a < 1 || !(x > 0)) {
    const double log_x = (std::log(p) + std::lgamma(a + 1)) / a;
    if (log_x < std::log(std::numeric_limits<double>::min())) return 0;  // below any double
    x = std::exp(log_x);
  }
  double lo = 0;
  double hi = std::max({2 * x, 2 * a, 1.0});
  while (g(hi) < 0) hi *= 2;
  if (!(x > lo && x < hi)) x = 0.5 * (lo + hi);
  for (int i = 0; i < 400; ++i) {
    const double gx = g(x);
    if (gx == 0) return x;
    (gx < 0 ? lo : hi) = x;
    const double density = GammaPrefix(a, x) / x;
    double next = density > 0 ? x - gx / density : lo;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);  // Newton left the bracket: bisect
    if (std::fabs(next - x) <= 1e-14 * next || hi - lo <= 1e-15 * hi) return next;
    x = next;
  }
  return x;
}

double RegularisedBeta(double a, double b, double x) {
  assert(a > 0 && b > 0 && x >= 0 && x <= 1);
  if (x == 0) return 0;
  if (x == 1) return 1;
  const double front = std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) +
                                a * std::log(x) + b * std::log1p(-x));
  if (x < (a + 1) / (a + b + 2)) return front * BetaContinuedFraction(a, b, x) / a;
  return 1 - front * BetaContinuedFraction(b, a, 1 - x) / b;
}

double PoissonCdf(int64_t k, double mean) {
  assert(mean >= 0);
  if (k < 0) return 0;
  if (mean == 0) return 1;
  return RegularisedGammaQ(static_cast<double>(k) + 1, mean);
}

double BinomialCdf(int64_t k, int64_t n, double p) {
  assert(n >= 0 && p >= 0 && p <= 1);
  if (k < 0) return 0;
  if (k >= n) return 1;
  return RegularisedBeta(static_cast<double>(n - k), static_cast<double>(k) + 1, 1 - p);
}

int64_t PoissonQuantile(double q, double mean) {
  assert(q > 0 && q < 1 && mean >= 0);
  if (mean == 0) return 0;
  int64_t hi = static_cast<int64_t>(std::ceil(mean + 10 * std::sqrt(mean) + 10));
  while (PoissonCdf(hi, mean) < q) hi *= 2;
  return SmallestReaching(q, -1, hi, [mean](int64_t k) { return PoissonCdf(k, mean); });
}

int64_t BinomialQuantile(double q, int64_t n, double p) {
  assert(q > 0 && q < 1 && n >= 0 && p >= 0 && p <= 1);
  return SmallestReaching(q, -1, n, [n, p](int64_t k) { return BinomialCdf(k, n, p); });
}

}  // namespace continuum
