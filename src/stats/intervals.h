// Confidence intervals for the figures a quality indicator reports, by the methods Public Health
// England's "Technical Guide: Confidence Intervals" (APHO/PHE, 2018) prescribes: Wilson's score
// interval for a proportion, exact or Byar's limits for a count of events, Dobson's method for a
// directly standardised rate, and the count's limits over the expected for an indirectly
// standardised ratio. Formulae, sources and choices: docs/statistics.md.
//
//   Result<Estimate> p = WilsonProportion(81, 263);            // 0.308 (0.255 to 0.366)
//   Result<Estimate> smr = IndirectlyStandardisedRatio(5, 2.5);  // 2.0 (0.649 to 4.667)
//   Result<Estimate> dsr = DirectlyStandardisedRate(events, populations, esp2013_weights);
//
// Every function checks what it is given and says what is wrong in its Status; `level` is the
// two-sided confidence level, a fraction (0.95, 0.998).
#pragma once

#include <cstdint>
#include <span>

#include "core/status.h"

namespace continuum {

inline constexpr double kLevel95 = 0.95;
inline constexpr double kLevel998 = 0.998;  // the "three sigma" level of funnel plots and PHE

struct Interval {
  double lower = 0;
  double upper = 0;
};

// A figure with its confidence interval, both on the figure's own scale.
struct Estimate {
  double value = 0;
  Interval interval;
};

// The z of a two-sided interval at `level`: Φ⁻¹(1 − (1 − level) / 2), 1.959964 at 0.95 and
// 3.090232 at 0.998.
Result<double> TwoSidedZ(double level);

// The proportion numerator / denominator with Wilson's score interval (Wilson 1927):
// (2O + z² ± z √(z² + 4O(1 − p))) / (2(n + z²)), which stays inside [0, 1] and behaves at 0 and n.
Result<Estimate> WilsonProportion(int64_t numerator, int64_t denominator, double level = kLevel95);

// Limits for the mean of a Poisson count of `events`: exact below 10 events (from the gamma
// quantile, the chi-square relationship: lower χ²_{α/2}(2O) / 2, upper χ²_{1−α/2}(2O + 2) / 2),
// Byar's approximation from 10 on, as PHE does; Byar is within 0.2% of exact there at 95%.
Result<Interval> PoissonLimits(int64_t events, double level = kLevel95);

// A directly standardised rate per `per` population (100,000 unless said): Σ w_i O_i / n_i over
// Σ w_i, for each stratum's events O_i, population n_i and standard-population weight w_i (the
// European Standard Population's count for that age band, say). The interval is Dobson et al.'s
// (Statistics in Medicine 10:457, 1991): DSR + √(Var(DSR) / O) (O_limit − O), with O the total
// events, its limits from PoissonLimits and Var(DSR) = Σ w_i² O_i / n_i² / (Σ w_i)². Fewer than
// 10 events in all is an error: PHE does not publish such a rate, and Dobson's method misbehaves.
Result<Estimate> DirectlyStandardisedRate(std::span<const int64_t> events,
                                          std::span<const double> populations,
                                          std::span<const double> standard_populations,
                                          double level = kLevel95, double per = 100'000);

// Observed over expected events (1 is "as expected"; multiply by 100 for the SMR convention), with
// the interval PoissonLimits(observed) / expected.
Result<Estimate> IndirectlyStandardisedRatio(int64_t observed, double expected,
                                             double level = kLevel95);

}  // namespace continuum
