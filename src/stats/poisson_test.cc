#include "stats/poisson_test.h"

#include <algorithm>
#include <cassert>

#include "stats/distributions.h"

namespace continuum {

double PoissonTwoSidedP(int64_t observed, double expected) {
  assert(observed >= 0 && expected > 0);
  const double k = static_cast<double>(observed);
  // P(X ≤ k) = Q(k + 1, mean) and P(X ≥ k) = P(k, mean), each a tail computed directly.
  const double at_most = RegularisedGammaQ(k + 1, expected);
  const double at_least = observed == 0 ? 1.0 : RegularisedGammaP(k, expected);
  return std::min(1.0, 2 * std::min(at_most, at_least));
}

}  // namespace continuum
