// A small, fast, portable random number generator and the distributions the generator needs.
// std:: distributions differ between standard libraries, which would break "same seed, same
// bytes"; these are exact on every platform.
//
//   Random rng(seed, patient_index);
//   double u = rng.Uniform();  int k = rng.Poisson(2.5);
#pragma once

#include <cmath>
#include <cstdint>

namespace continuum {

inline uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// xoshiro256** (Blackman and Vigna), seeded through SplitMix64 from a seed and a stream number,
// so each patient or chunk draws from its own stream.
class Random {
 public:
  Random(uint64_t seed, uint64_t stream) {
    uint64_t s = seed * 0x2545F4914F6CDD1DULL + stream * 0x9E3779B97F4A7C15ULL + 1;
    for (uint64_t& word : state_) word = SplitMix64(s);
  }

  uint64_t Next() {
    const uint64_t result = Rotl(state_[1] * 5, 7) * 9;
    const uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = Rotl(state_[3], 45);
    return result;
  }

  // Uniform in [0, 1).
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  // Uniform integer in [0, n).
  uint64_t Below(uint64_t n) { return static_cast<uint64_t>(Uniform() * static_cast<double>(n)); }
  int Between(int low, int high) { return low + static_cast<int>(Below(high - low + 1)); }
  bool Chance(double p) { return Uniform() < p; }

  double Normal() {
    // Box-Muller, one value per call so the stream's use is simple to follow.
    double u1 = Uniform();
    while (u1 <= 0.0) u1 = Uniform();
    const double u2 = Uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  double Normal(double mean, double sd) { return mean + sd * Normal(); }
  double LogNormal(double mu, double sigma) { return std::exp(mu + sigma * Normal()); }
  double Exponential(double mean) {
    double u = Uniform();
    while (u <= 0.0) u = Uniform();
    return -mean * std::log(u);
  }

  // Gamma with shape k and mean `mean` (Marsaglia and Tsang, 2000).
  double Gamma(double shape, double mean) {
    if (shape < 1.0) {
      double u = Uniform();
      while (u <= 0.0) u = Uniform();
      // If X ~ Gamma(k + 1, scale) then X * U^(1/k) ~ Gamma(k, scale): same scale, mean k * scale.
      return Gamma(shape + 1.0, mean * (shape + 1.0) / shape) * std::pow(u, 1.0 / shape);
    }
    const double d = shape - 1.0 / 3.0, c = 1.0 / std::sqrt(9.0 * d);
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
        return d * v * mean / shape;
      }
    }
  }

  // Poisson: multiplication of uniforms for small means, a rounded normal for large ones.
  int Poisson(double mean) {
    if (mean <= 0.0) return 0;
    if (mean > 40.0) {
      const double x = std::floor(Normal(mean, std::sqrt(mean)) + 0.5);
      return x < 0 ? 0 : static_cast<int>(x);
    }
    const double limit = std::exp(-mean);
    int k = 0;
    double product = Uniform();
    while (product > limit) {
      ++k;
      product *= Uniform();
    }
    return k;
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t state_[4];
};

}  // namespace continuum
