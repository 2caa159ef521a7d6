#include "stats/poisson_test.h"

#include <gtest/gtest.h>

#include <cmath>

#include "stats/intervals.h"

namespace continuum {
namespace {

// The tails summed term by term in long double, independently of the gamma functions.
long double Tail(int64_t k, double mean, bool upper) {
  long double term = std::exp(-static_cast<long double>(mean)), below = 0;
  for (int64_t i = 0; i < k; ++i) {
    below += term;
    term *= static_cast<long double>(mean) / (i + 1);
  }
  return upper ? 1 - below : below + term;  // P(X ≥ k) or P(X ≤ k)
}

TEST(PoissonTest, AHandWorkedCase) {
  // P(X ≥ 10 | 5) = 1 − Σ_{i<10} e^{-5} 5^i / i! = 0.031828...
  EXPECT_NEAR(PoissonTwoSidedP(10, 5.0), 2 * 0.0318280573, 1e-9);
  EXPECT_DOUBLE_EQ(PoissonTwoSidedP(5, 5.0), 1.0);
  // None where 3 were expected: 2 e^{-3}.
  EXPECT_NEAR(PoissonTwoSidedP(0, 3.0), 2 * std::exp(-3.0), 1e-15);
}

TEST(PoissonTest, AgreesWithTheTailsSummedTermByTerm) {
  for (const double mean : {0.3, 2.0, 7.5, 40.0, 250.0}) {
    for (int64_t k = 0; k <= static_cast<int64_t>(3 * mean + 10); ++k) {
      const long double want =
          std::min<long double>(1, 2 * std::min(Tail(k, mean, false), Tail(k, mean, true)));
      EXPECT_NEAR(PoissonTwoSidedP(k, mean), static_cast<double>(want),
                  1e-12 + 1e-9 * static_cast<double>(want))
          << k << " of " << mean;
    }
  }
}

// The exact interval excludes 1 (observed / expected) exactly when the test rejects at 5%:
// the limits and the test are one method. (Below 10 events PoissonLimits is exact.)
TEST(PoissonTest, RejectsExactlyWhenTheExactIntervalExcludesWhatWasExpected) {
  for (int64_t observed = 0; observed < 10; ++observed) {
    for (double expected = 0.25; expected < 25; expected *= 1.07) {
      auto ratio = IndirectlyStandardisedRatio(observed, expected);
      ASSERT_TRUE(ratio.ok());
      const bool excludes = ratio->interval.lower > 1 || ratio->interval.upper < 1;
      const double p = PoissonTwoSidedP(observed, expected);
      if (std::fabs(p - 0.05) > 1e-9) {
        EXPECT_EQ(excludes, p < 0.05) << observed << " against " << expected << ": p " << p;
      }
    }
  }
}

}  // namespace
}  // namespace continuum
