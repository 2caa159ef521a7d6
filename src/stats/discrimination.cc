#include "stats/discrimination.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <string>

namespace continuum {
namespace {

// Q(a, x) = Γ(a, x) / Γ(a), the regularised upper incomplete gamma function: by its series
// below x = a + 1 and by its continued fraction (modified Lentz) above, as in Numerical
// Recipes' gammq. The chi-squared distribution's upper tail at x on k degrees of freedom is
// Q(k/2, x/2).
double RegularisedUpperGamma(double a, double x) {
  if (x <= 0) return 1;
  const double prefix = std::exp(a * std::log(x) - x - std::lgamma(a));
  if (x < a + 1) {
    double term = 1 / a, sum = term;
    for (int n = 1; n < 10000 && term > 1e-17 * sum; ++n) {
      term *= x / (a + n);
      sum += term;
    }
    return std::max(0.0, 1 - prefix * sum);
  }
  constexpr double kTiny = 1e-300;
  double b = x + 1 - a, c = 1 / kTiny, d = 1 / b, fraction = d;
  for (int i = 1; i < 10000; ++i) {
    const double an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (std::abs(d) < kTiny) d = kTiny;
    c = b + an / c;
    if (std::abs(c) < kTiny) c = kTiny;
    d = 1 / d;
    fraction *= d * c;
    if (std::abs(d * c - 1) < 1e-16) break;
  }
  return prefix * fraction;
}

}  // namespace

Result<RiskRanking> RiskRanking::Make(std::span<const double> probability,
                                      std::span<const uint8_t> outcome) {
  if (probability.size() != outcome.size()) {
    return Status::InvalidInput(std::to_string(probability.size()) + " probabilities but " +
                                std::to_string(outcome.size()) + " outcomes");
  }
  if (probability.empty()) return Status::InvalidInput("there are no predictions to assess");
  struct Ranked {
    double probability;
    size_t row;
  };
  std::vector<Ranked> ranked(probability.size());
  RiskRanking ranking;
  for (size_t row = 0; row < probability.size(); ++row) {
    const double p = probability[row];
    if (!(p >= 0 && p <= 1)) {
      return Status::InvalidInput("row " + std::to_string(row) + ": the probability " +
                                  std::to_string(p) + " is not between 0 and 1");
    }
    if (outcome[row] > 1) {
      return Status::InvalidInput("row " + std::to_string(row) + ": the outcome is " +
                                  std::to_string(outcome[row]) + ", not 0 or 1");
    }
    ranked[row] = {p, row};
    ranking.events_ += outcome[row];
  }
  std::sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    return a.probability != b.probability ? a.probability > b.probability : a.row < b.row;
  });
  ranking.probability_.resize(ranked.size());
  ranking.outcome_.resize(ranked.size());
  for (size_t rank = 0; rank < ranked.size(); ++rank) {
    ranking.probability_[rank] = ranked[rank].probability;
    ranking.outcome_[rank] = outcome[ranked[rank].row];
  }
  return ranking;
}

Result<double> CStatistic(const RiskRanking& ranking) {
  const int64_t n = static_cast<int64_t>(ranking.size());
  const int64_t positives = ranking.events(), negatives = n - positives;
  if (positives == 0 || negatives == 0) {
    return Status::InvalidInput("the c-statistic needs people with and without the outcome; all " +
                                std::to_string(n) + " have outcome " +
                                std::to_string(positives ? 1 : 0));
  }
  // From the lowest risk up, a run of equal probabilities at a time: each positive in the run
  // is above every negative already passed, and level with the run's own negatives.
  int64_t twice_concordant = 0, negatives_below = 0;
  for (int64_t end = n; end > 0;) {
    int64_t begin = end - 1, run_positives = 0;
    while (begin > 0 && ranking.probability(begin - 1) == ranking.probability(end - 1)) --begin;
    for (int64_t rank = begin; rank < end; ++rank) run_positives += ranking.outcome(rank);
    const int64_t run_negatives = end - begin - run_positives;
    twice_concordant += run_positives * (2 * negatives_below + run_negatives);
    negatives_below += run_negatives;
    end = begin;
  }
  return static_cast<double>(twice_concordant) / (2.0 * positives * negatives);
}

double BrierScore(const RiskRanking& ranking) {
  double sum = 0;
  for (size_t rank = 0; rank < ranking.size(); ++rank) {
    const double error = ranking.probability(rank) - ranking.outcome(rank);
    sum += error * error;
  }
  return sum / ranking.size();
}

TopRisk FlagTopRisk(const RiskRanking& ranking, double percent) {
  TopRisk top;
  top.percent = std::clamp(percent, 0.0, 100.0);
  top.flagged = static_cast<int64_t>(std::floor(ranking.size() * top.percent / 100 + 0.5));
  for (int64_t rank = 0; rank < top.flagged; ++rank) top.true_positives += ranking.outcome(rank);
  top.threshold = top.flagged > 0 ? ranking.probability(top.flagged - 1) : 1;
  if (top.flagged > 0) top.ppv = static_cast<double>(top.true_positives) / top.flagged;
  if (ranking.events() > 0) {
    top.sensitivity = static_cast<double>(top.true_positives) / ranking.events();
  }
  return top;
}

std::vector<CalibrationGroup> CalibrationByRisk(const RiskRanking& ranking, int groups) {
  assert(groups > 0);
  const size_t n = ranking.size();
  std::vector<CalibrationGroup> result(groups);
  for (int g = 0; g < groups; ++g) {
    CalibrationGroup& group = result[g];
    // Ranks counted from the lowest risk: ascending rank a is rank n - 1 - a.
    const size_t begin = n * g / groups, end = n * (g + 1) / groups;
    group.people = static_cast<int64_t>(end - begin);
    if (group.people == 0) continue;
    group.lowest = ranking.probability(n - 1 - begin);
    group.highest = ranking.probability(n - end);
    for (size_t a = begin; a < end; ++a) {
      group.events += ranking.outcome(n - 1 - a);
      group.expected += ranking.probability(n - 1 - a);
    }
    group.mean_predicted = group.expected / group.people;
    group.observed_rate = static_cast<double>(group.events) / group.people;
  }
  return result;
}

HosmerLemeshow HosmerLemeshowTest(const std::vector<CalibrationGroup>& groups) {
  HosmerLemeshow test;
  int used = 0;
  for (const CalibrationGroup& group : groups) {
    if (group.people == 0) continue;
    ++used;
    const double variance = group.expected * (1 - group.expected / group.people);
    if (variance <= 0) continue;
    const double difference = group.events - group.expected;
    test.statistic += difference * difference / variance;
  }
  test.degrees_of_freedom = used - 2;
  test.p_value = test.degrees_of_freedom > 0
                     ? RegularisedUpperGamma(test.degrees_of_freedom / 2.0, test.statistic / 2)
                     : std::numeric_limits<double>::quiet_NaN();
  return test;
}

}  // namespace continuum
