#include "stats/intervals.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

#include "stats/distributions.h"

namespace continuum {
namespace {

// PHE uses the exact limits below this many events and Byar's approximation from it on.
constexpr int64_t kByarFrom = 10;

// The shortest text that reads back as x: "0.95", "1e-05".
std::string Number(double x) {
  char buffer[32];
  return std::string(buffer, std::to_chars(buffer, buffer + sizeof buffer, x).ptr);
}

}  // namespace

Result<double> TwoSidedZ(double level) {
  if (!(level > 0 && level < 1)) {
    return Status::InvalidInput("confidence level " + Number(level) +
                                " is not a fraction between 0 and 1 (0.95 for 95%)");
  }
  return NormalQuantile(1 - (1 - level) / 2);
}

Result<Estimate> WilsonProportion(int64_t numerator, int64_t denominator, double level) {
  if (denominator <= 0) {
    return Status::InvalidInput("a proportion needs a denominator above 0, not " +
                                std::to_string(denominator));
  }
  if (numerator < 0 || numerator > denominator) {
    return Status::InvalidInput("numerator " + std::to_string(numerator) +
                                " is not between 0 and the denominator " +
                                std::to_string(denominator));
  }
  Result<double> z = TwoSidedZ(level);
  if (!z.ok()) return z.status();
  const double o = static_cast<double>(numerator);
  const double n = static_cast<double>(denominator);
  const double p = o / n;
  const double z2 = *z * *z;
  const double centre = 2 * o + z2;
  const double spread = *z * std::sqrt(z2 + 4 * o * (1 - p));
  const double scale = 2 * (n + z2);
  // At 0 and n the formula gives 0 and 1 up to rounding; say so exactly.
  const double lower = numerator == 0 ? 0 : (centre - spread) / scale;
  const double upper = numerator == denominator ? 1 : (centre + spread) / scale;
  return Estimate{p, {lower, upper}};
}

Result<Interval> PoissonLimits(int64_t events, double level) {
  if (events < 0) {
    return Status::InvalidInput("a count of events cannot be negative: " + std::to_string(events));
  }
  Result<double> z = TwoSidedZ(level);
  if (!z.ok()) return z.status();
  const double o = static_cast<double>(events);
  if (events < kByarFrom) {
    const double tail = (1 - level) / 2;
    return Interval{events == 0 ? 0 : GammaQuantile(o, tail), GammaQuantile(o + 1, 1 - tail)};
  }
  // Byar (Breslow & Day 1987): O (1 − 1/(9O) − z/(3√O))³ and (O+1)(1 − 1/(9(O+1)) + z/(3√(O+1)))³.
  const double next = o + 1;
  const double lower = o * std::pow(1 - 1 / (9 * o) - *z / (3 * std::sqrt(o)), 3);
  const double upper = next * std::pow(1 - 1 / (9 * next) + *z / (3 * std::sqrt(next)), 3);
  return Interval{std::max(0.0, lower), upper};
}

Result<Estimate> DirectlyStandardisedRate(std::span<const int64_t> events,
                                          std::span<const double> populations,
                                          std::span<const double> standard_populations,
                                          double level, double per) {
  if (events.size() != populations.size() || events.size() != standard_populations.size()) {
    return Status::InvalidInput(
        "a standardised rate needs events, populations and standard populations for the same "
        "strata: got " +
        std::to_string(events.size()) + ", " + std::to_string(populations.size()) + " and " +
        std::to_string(standard_populations.size()));
  }
  double weighted_rates = 0;     // Σ w_i O_i / n_i
  double weighted_variance = 0;  // Σ w_i² O_i / n_i²
  double total_weight = 0;
  int64_t total_events = 0;
  for (size_t i = 0; i < events.size(); ++i) {
    const std::string stratum = "stratum " + std::to_string(i + 1);
    if (events[i] < 0) return Status::InvalidInput(stratum + " has negative events");
    if (!(populations[i] > 0)) {
      return Status::InvalidInput(stratum + " has population " + Number(populations[i]) +
                                  "; each stratum needs a population above 0");
    }
    if (!(standard_populations[i] >= 0)) {
      return Status::InvalidInput(stratum + " has a negative standard population");
    }
    const double weight_over_n = standard_populations[i] / populations[i];
    weighted_rates += weight_over_n * static_cast<double>(events[i]);
    weighted_variance += weight_over_n * weight_over_n * static_cast<double>(events[i]);
    total_weight += standard_populations[i];
    total_events += events[i];
  }
  if (!(total_weight > 0)) {
    return Status::InvalidInput("the standard population is empty: its weights sum to 0");
  }
  if (!(per > 0)) return Status::InvalidInput("a rate is per a population above 0");
  if (total_events < kByarFrom) {
    return Status::InvalidInput("only " + std::to_string(total_events) +
                                " events: a directly standardised rate needs at least 10");
  }
  Result<Interval> limits = PoissonLimits(total_events, level);
  if (!limits.ok()) return limits.status();
  const double o = static_cast<double>(total_events);
  const double rate = weighted_rates / total_weight;
  const double spread = std::sqrt(weighted_variance / (total_weight * total_weight) / o);
  return Estimate{
      rate * per,
      {(rate + spread * (limits->lower - o)) * per, (rate + spread * (limits->upper - o)) * per}};
}

Result<Estimate> IndirectlyStandardisedRatio(int64_t observed, double expected, double level) {
  if (!(expected > 0)) {
    return Status::InvalidInput("a standardised ratio needs expected events above 0, not " +
                                Number(expected));
  }
  Result<Interval> limits = PoissonLimits(observed, level);
  if (!limits.ok()) return limits.status();
  return Estimate{static_cast<double>(observed) / expected,
                  {limits->lower / expected, limits->upper / expected}};
}

}  // namespace continuum
