// Sampling algorithms for Rng, written out so their output depends only on the seed.
#include "core/random.h"

namespace continuum {

// Marsaglia's polar method: two normals per accepted pair, the second kept for the next call.
double Rng::Normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_normal_;
  }
  double u, v, s;
  do {
    u = 2.0 * Uniform() - 1.0;
    v = 2.0 * Uniform() - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  const double factor = std::sqrt(-2.0 * std::log(s) / s);
  spare_normal_ = v * factor;
  has_spare_ = true;
  return u * factor;
}

double Rng::Gamma(double shape, double mean) {
  if (shape < 1.0) {
    // Boost: Gamma(a) = Gamma(a + 1) * U^(1/a).
    const double g = Gamma(shape + 1.0, shape + 1.0);
    return g * std::pow(1.0 - Uniform(), 1.0 / shape) * (mean / shape);
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  while (true) {
    double x, v;
    do {
      x = Normal();
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = Uniform();
    if (u < 1.0 - 0.0331 * x * x * x * x ||
        std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) {
      return d * v * (mean / shape);
    }
  }
}

int Rng::Poisson(double mean) {
  if (mean <= 0.0) return 0;
  if (mean < 12.0) {
    // Inversion by sequential search from zero.
    double p = std::exp(-mean);
    double cumulative = p;
    const double u = Uniform();
    int k = 0;
    while (u > cumulative && k < 200) {
      ++k;
      p *= mean / k;
      cumulative += p;
    }
    return k;
  }
  // PTRS: transformed rejection with squeeze.
  const double slam = std::sqrt(mean);
  const double loglam = std::log(mean);
  const double b = 0.931 + 2.53 * slam;
  const double a = -0.059 + 0.02483 * b;
  const double inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
  const double vr = 0.9277 - 3.6224 / (b - 2.0);
  while (true) {
    const double u = Uniform() - 0.5;
    const double v = Uniform();
    const double us = 0.5 - std::fabs(u);
    const int k = static_cast<int>(std::floor((2.0 * a / us + b) * u + mean + 0.43));
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (std::log(v) + std::log(inv_alpha) - std::log(a / (us * us) + b) <=
        -mean + k * loglam - std::lgamma(k + 1.0)) {
      return k;
    }
  }
}

}  // namespace continuum
