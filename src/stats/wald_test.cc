#include "stats/wald_test.h"

#include <vector>

#include "stats/distributions.h"
#include "stats/symmetric_solve.h"

namespace continuum {

WaldTest JointWaldTest(std::span<const ClusterScoredEstimate* const> estimates) {
  WaldTest test;
  const size_t k = estimates.size();
  if (k == 0) return test;
  const size_t g = estimates[0]->cluster_scores.size();
  if (g < 2) return test;
  std::vector<double> v(k * k, 0.0), theta(k);
  for (size_t a = 0; a < k; ++a) {
    theta[a] = estimates[a]->estimate;
    for (size_t b = a; b < k; ++b) {
      double sum = 0;
      for (size_t c = 0; c < g; ++c) {
        sum += estimates[a]->cluster_scores[c] * estimates[b]->cluster_scores[c];
      }
      v[a * k + b] = v[b * k + a] = sum * static_cast<double>(g) / static_cast<double>(g - 1);
    }
  }
  auto solved = SolveSymmetric(v, theta);
  if (!solved.ok()) return test;
  for (size_t a = 0; a < k; ++a) test.statistic += theta[a] * (*solved)[a];
  test.degrees_of_freedom = static_cast<int32_t>(k);
  if (k + 2 > g) {
    test.rank_limited = true;
    return test;
  }
  const double d1 = static_cast<double>(k), d2 = static_cast<double>(g - k);
  test.denominator_degrees_of_freedom = static_cast<int32_t>(g - k);
  const double f = test.statistic * d2 / (d1 * static_cast<double>(g - 1));
  // P(F > f) = I_{d2 / (d2 + d1 f)}(d2 / 2, d1 / 2).
  test.p_value = RegularisedBeta(d2 / 2, d1 / 2, d2 / (d2 + d1 * f));
  return test;
}

}  // namespace continuum
