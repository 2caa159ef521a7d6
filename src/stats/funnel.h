// Funnel-plot control limits (Spiegelhalter, "Funnel plots for comparing institutional
// performance", Statistics in Medicine 24:1185, 2005): for a unit of a given size, the range its
// indicator falls in by chance alone if it performs at the target, at an inner (95%) and an outer
// (99.8%) level, for a proportion, an indirectly standardised ratio or a rate per population.
//
//   Result<FunnelLimits> limits = ProportionFunnel(0.1, 100);      // target 10%, 100 patients
//   FunnelPosition where = ClassifyFunnel(18.0 / 100, *limits);     // kAboveInner
//
// Limits are exact, from the binomial or Poisson distribution with Spiegelhalter's interpolation
// between counts, unless an over-dispersion factor φ > 1 is given (ProportionOverdispersion,
// CountOverdispersion): then they are the normal approximation widened by √φ (his
// multiplicative model). docs/statistics.md has the formulae and the reasons.
#pragma once

#include <cstdint>
#include <span>

#include "core/status.h"
#include "stats/intervals.h"

namespace continuum {

struct FunnelOptions {
  double inner_level = kLevel95;
  double outer_level = kLevel998;
  // φ, the multiplicative over-dispersion; 1 (the default) leaves the limits exact, and a value
  // below 1 never narrows them.
  double overdispersion = 1;
};

struct FunnelLimits {
  Interval inner;
  Interval outer;
};

// Limits for a proportion among `denominator` cases around the target proportion (0 < target < 1),
// clipped to [0, 1].
Result<FunnelLimits> ProportionFunnel(double target, int64_t denominator,
                                      const FunnelOptions& options = {});

// Limits for observed / expected around 1, given the expected events, clipped below at 0.
Result<FunnelLimits> RatioFunnel(double expected, const FunnelOptions& options = {});

// Limits for events / population around the target rate (events per head of population, or per
// person-year: scale the limits to "per 100,000" as the value is), clipped below at 0.
Result<FunnelLimits> RateFunnel(double target_rate, double population,
                                const FunnelOptions& options = {});

// Where a unit's value lies against its limits. A value on a limit is within it.
enum class FunnelPosition {
  kWithin,
  kAboveInner,  // above the inner (95%) limit, within the outer
  kAboveOuter,  // above the outer (99.8%) limit
  kBelowInner,
  kBelowOuter,
};
FunnelPosition ClassifyFunnel(double value, const FunnelLimits& limits);

// φ for a funnel's units (Spiegelhalter 2005, over-dispersion): the mean square of each unit's
// z-score against the target, z = (y − θ0) / sd(y | θ0), after winsorising the z-scores at
// `winsor_fraction` each end (10%: those below the 10th centile are set to it, those above the 90th
// to that). For proportions: numerators and denominators against the target proportion. For ratios
// and rates: observed events against each unit's expected events (target rate × population for a
// rate).
Result<double> ProportionOverdispersion(std::span<const int64_t> numerators,
                                        std::span<const int64_t> denominators, double target,
                                        double winsor_fraction = 0.1);
Result<double> CountOverdispersion(std::span<const int64_t> observed,
                                   std::span<const double> expected, double winsor_fraction = 0.1);

}  // namespace continuum
