#include "stats/funnel.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "stats/distributions.h"

namespace continuum {
namespace {

// Spiegelhalter's interpolated p-quantile of a count (2005, appendix): r_p, the smallest count
// with F(r_p) ≥ p, less α = (F(r_p) − p) / (F(r_p) − F(r_p − 1)); the count at which a straight
// line between the steps of the distribution function reaches p.
template <typename Cdf>
double InterpolatedQuantile(double p, int64_t r_p, Cdf cdf) {
  const double at = cdf(r_p);
  return static_cast<double>(r_p) - (at - p) / (at - cdf(r_p - 1));
}

Status CheckOptions(const FunnelOptions& options) {
  for (double level : {options.inner_level, options.outer_level}) {
    Result<double> z = TwoSidedZ(level);
    if (!z.ok()) return z.status();
  }
  if (!(options.inner_level < options.outer_level)) {
    return Status::InvalidInput("a funnel's inner level must be below its outer level");
  }
  if (!(options.overdispersion >= 0) || std::isinf(options.overdispersion)) {
    return Status::InvalidInput("the over-dispersion factor must be a number from 0 up");
  }
  return Status::Ok();
}

// One level's limits on count / size for a count with the given mean and variance: exact, from
// its quantiles and distribution function with Spiegelhalter's interpolation, or where φ > 1 the
// normal approximation (mean ± z √(φ variance)) / size. Clipped to [0, ceiling].
template <typename Quantile, typename Cdf>
Interval LevelLimits(double level, const FunnelOptions& options, double mean, double variance,
                     double size, double ceiling, Quantile quantile, Cdf cdf) {
  const double tail = (1 - level) / 2;
  double lower, upper;
  if (options.overdispersion > 1) {
    const double spread = *TwoSidedZ(level) * std::sqrt(options.overdispersion * variance);
    lower = mean - spread;
    upper = mean + spread;
  } else {
    lower = InterpolatedQuantile(tail, quantile(tail), cdf);
    upper = InterpolatedQuantile(1 - tail, quantile(1 - tail), cdf);
  }
  return Interval{std::clamp(lower / size, 0.0, ceiling), std::clamp(upper / size, 0.0, ceiling)};
}

// Both levels' limits for a count with the given mean and variance.
template <typename Quantile, typename Cdf>
Result<FunnelLimits> Funnel(const FunnelOptions& options, double mean, double variance, double size,
                            double ceiling, Quantile quantile, Cdf cdf) {
  CONTINUUM_RETURN_IF_ERROR(CheckOptions(options));
  const auto at = [&](double level) {
    return LevelLimits(level, options, mean, variance, size, ceiling, quantile, cdf);
  };
  return FunnelLimits{at(options.inner_level), at(options.outer_level)};
}

// Limits on count / size for a Poisson count with the given mean.
Result<FunnelLimits> PoissonFunnel(double mean, double size, const FunnelOptions& options) {
  return Funnel(
      options, mean, mean, size, std::numeric_limits<double>::infinity(),
      [mean](double q) { return PoissonQuantile(q, mean); },
      [mean](int64_t k) { return PoissonCdf(k, mean); });
}

// Type 7 quantile (linear between order statistics, R's default) of sorted values.
double SortedQuantile(const std::vector<double>& sorted, double q) {
  const double h = q * static_cast<double>(sorted.size() - 1);
  const size_t below = static_cast<size_t>(std::floor(h));
  if (below + 1 >= sorted.size()) return sorted.back();
  return sorted[below] + (h - static_cast<double>(below)) * (sorted[below + 1] - sorted[below]);
}

// φ: the mean square of the z-scores once winsorised at `fraction` each end.
Result<double> WinsorisedMeanSquare(std::vector<double> z_scores, double fraction) {
  if (z_scores.empty()) return Status::InvalidInput("over-dispersion needs at least one unit");
  if (!(fraction >= 0 && fraction < 0.5)) {
    return Status::InvalidInput("the winsorising fraction must be from 0 up to but not 0.5");
  }
  std::vector<double> sorted = z_scores;
  std::sort(sorted.begin(), sorted.end());
  const double low = SortedQuantile(sorted, fraction);
  const double high = SortedQuantile(sorted, 1 - fraction);
  double sum = 0;
  for (double z : z_scores) {
    const double w = std::clamp(z, low, high);
    sum += w * w;
  }
  return sum / static_cast<double>(z_scores.size());
}

}  // namespace

Result<FunnelLimits> ProportionFunnel(double target, int64_t denominator,
                                      const FunnelOptions& options) {
  if (!(target > 0 && target < 1)) {
    return Status::InvalidInput("a funnel's target proportion must be above 0 and below 1");
  }
  if (denominator <= 0) {
    return Status::InvalidInput("a unit needs a denominator above 0 for a funnel's limits, not " +
                                std::to_string(denominator));
  }
  const double n = static_cast<double>(denominator);
  return Funnel(
      options, n * target, n * target * (1 - target), n, 1,
      [&](double q) { return BinomialQuantile(q, denominator, target); },
      [&](int64_t k) { return BinomialCdf(k, denominator, target); });
}

Result<FunnelLimits> RatioFunnel(double expected, const FunnelOptions& options) {
  if (!(expected > 0) || std::isinf(expected)) {
    return Status::InvalidInput("a unit needs expected events above 0 for a funnel's limits");
  }
  return PoissonFunnel(expected, expected, options);
}

Result<FunnelLimits> RateFunnel(double target_rate, double population,
                                const FunnelOptions& options) {
  if (!(target_rate > 0) || std::isinf(target_rate)) {
    return Status::InvalidInput("a funnel's target rate must be above 0");
  }
  if (!(population > 0) || std::isinf(population)) {
    return Status::InvalidInput("a unit needs a population above 0 for a funnel's limits");
  }
  return PoissonFunnel(target_rate * population, population, options);
}

FunnelPosition ClassifyFunnel(double value, const FunnelLimits& limits) {
  if (value > limits.outer.upper) return FunnelPosition::kAboveOuter;
  if (value > limits.inner.upper) return FunnelPosition::kAboveInner;
  if (value < limits.outer.lower) return FunnelPosition::kBelowOuter;
  if (value < limits.inner.lower) return FunnelPosition::kBelowInner;
  return FunnelPosition::kWithin;
}

Result<double> ProportionOverdispersion(std::span<const int64_t> numerators,
                                        std::span<const int64_t> denominators, double target,
                                        double winsor_fraction) {
  if (numerators.size() != denominators.size()) {
    return Status::InvalidInput("over-dispersion needs a denominator for each numerator");
  }
  if (!(target > 0 && target < 1)) {
    return Status::InvalidInput("a funnel's target proportion must be above 0 and below 1");
  }
  std::vector<double> z_scores;
  for (size_t i = 0; i < numerators.size(); ++i) {
    if (denominators[i] <= 0 || numerators[i] < 0 || numerators[i] > denominators[i]) {
      return Status::InvalidInput("unit " + std::to_string(i + 1) + " has numerator " +
                                  std::to_string(numerators[i]) + " of denominator " +
                                  std::to_string(denominators[i]));
    }
    const double n = static_cast<double>(denominators[i]);
    const double p = static_cast<double>(numerators[i]) / n;
    z_scores.push_back((p - target) / std::sqrt(target * (1 - target) / n));
  }
  return WinsorisedMeanSquare(std::move(z_scores), winsor_fraction);
}

Result<double> CountOverdispersion(std::span<const int64_t> observed,
                                   std::span<const double> expected, double winsor_fraction) {
  if (observed.size() != expected.size()) {
    return Status::InvalidInput("over-dispersion needs expected events for each observed count");
  }
  std::vector<double> z_scores;
  for (size_t i = 0; i < observed.size(); ++i) {
    if (observed[i] < 0 || !(expected[i] > 0)) {
      return Status::InvalidInput("unit " + std::to_string(i + 1) +
                                  " needs observed events from 0 and expected events above 0");
    }
    // (O/E − 1) / √(1/E), the ratio's z-score; the same as a rate's (O/n − λ) / √(λ/n).
    z_scores.push_back((static_cast<double>(observed[i]) - expected[i]) / std::sqrt(expected[i]));
  }
  return WinsorisedMeanSquare(std::move(z_scores), winsor_fraction);
}

}  // namespace continuum
