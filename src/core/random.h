// Continuum's own random numbers: xoshiro256** seeded through splitmix64, with the few
// distributions the generator and the simulations need written out here, so that the same seed
// gives the same bytes with any compiler or standard library (std:: distributions are not
// portable).
//
//   Rng rng = Rng::ForStream(seed, person_index);   // one independent stream per person
//   int admissions = rng.Poisson(0.11 * years);
#pragma once

#include <cmath>
#include <cstdint>

namespace continuum {

// splitmix64: a good 64-bit mixer, used to seed and to derive stream seeds.
inline uint64_t SplitMix64(uint64_t* state) {
  uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// wyrand (Wang Yi's generator): one 128-bit multiply a number, for hot loops such as the
// bootstrap's draws, where xoshiro256** is the slower part. Passes the statistical test
// batteries its author reports (BigCrush, PractRand); seeded like Rng.
class FastRng {
 public:
  static FastRng ForStream(uint64_t seed, uint64_t stream) {
    uint64_t s = seed ^ (stream * 0xD1342543DE82EF95ULL + 0x2545F4914F6CDD1DULL);
    return FastRng(SplitMix64(&s));
  }
  explicit FastRng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    state_ += 0xA0761D6478BD642FULL;
    const unsigned __int128 t =
        static_cast<unsigned __int128>(state_) * (state_ ^ 0xE7037ED1A0B428DBULL);
    return static_cast<uint64_t>(t >> 64) ^ static_cast<uint64_t>(t);
  }

 private:
  uint64_t state_;
};

class Rng {
 public:
  explicit Rng(uint64_t seed) {
    uint64_t s = seed;
    for (uint64_t& word : state_) word = SplitMix64(&s);
  }
  // An independent stream for (seed, stream): persons, practices, the plan each get one.
  static Rng ForStream(uint64_t seed, uint64_t stream) {
    uint64_t s = seed ^ (stream * 0xD1342543DE82EF95ULL + 0x2545F4914F6CDD1DULL);
    return Rng(SplitMix64(&s));
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
  double Uniform(double low, double high) { return low + (high - low) * Uniform(); }
  // Uniform integer in [0, n), n > 0 (Lemire's multiply-shift; the tiny bias is irrelevant here).
  uint32_t Below(uint32_t n) {
    return static_cast<uint32_t>(((Next() >> 32) * static_cast<uint64_t>(n)) >> 32);
  }
  // Uniform integer in [low, high].
  int Between(int low, int high) { return low + static_cast<int>(Below(high - low + 1)); }
  bool Chance(double p) { return Uniform() < p; }

  double Normal();
  double Normal(double mean, double sd) { return mean + sd * Normal(); }
  double LogNormal(double mu, double sigma) { return std::exp(mu + sigma * Normal()); }
  double Exponential(double mean) { return -mean * std::log1p(-Uniform()); }
  // Gamma with the given shape and mean (Marsaglia and Tsang).
  double Gamma(double shape, double mean);
  // Poisson with the given mean: inversion below 12, PTRS (Hoermann 1993) above.
  int Poisson(double mean);

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

  uint64_t state_[4];
  double spare_normal_ = 0;  // the second value of the last polar-method pair
  bool has_spare_ = false;
};

// Standard normal distribution function.
inline double NormalCdf(double x) { return 0.5 * std::erfc(-x * 0.70710678118654752440); }

}  // namespace continuum
