#include "stats/false_discovery.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/random.h"

namespace continuum {
namespace {

// Worked by hand: sorted 0.01, 0.03, 0.04, 0.2 with m = 4 give 0.04, 0.06, 0.0533, 0.2; the step
// up takes each as the smallest at or after it. statsmodels' multipletests(method="fdr_bh") gives
// the same.
TEST(FalseDiscovery, AHandWorkedCase) {
  const std::vector<double> q =
      BenjaminiHochbergQValues(std::vector<double>{0.01, 0.04, 0.03, 0.2});
  ASSERT_EQ(q.size(), 4u);
  EXPECT_DOUBLE_EQ(q[0], 0.04);
  EXPECT_DOUBLE_EQ(q[1], 0.16 / 3);
  EXPECT_DOUBLE_EQ(q[2], 0.16 / 3);
  EXPECT_DOUBLE_EQ(q[3], 0.2);
}

TEST(FalseDiscovery, NotTestedIsNotCountedAndQValuesStayAtMostOne) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double> q = BenjaminiHochbergQValues(std::vector<double>{nan, 0.02, 0.9, nan});
  EXPECT_TRUE(std::isnan(q[0]));
  EXPECT_TRUE(std::isnan(q[3]));
  EXPECT_DOUBLE_EQ(q[1], 0.04);  // m = 2
  EXPECT_DOUBLE_EQ(q[2], 0.9);
  EXPECT_TRUE(BenjaminiHochbergQValues({}).empty());
  EXPECT_DOUBLE_EQ(BenjaminiHochbergQValues(std::vector<double>{1, 1, 1})[1], 1);
}

// Against the definition, computed the slow way on random p-values with ties.
TEST(FalseDiscovery, AgreesWithTheDefinition) {
  Rng rng(7);
  for (int trial = 0; trial < 50; ++trial) {
    std::vector<double> p(1 + rng.Below(40));
    for (double& x : p) x = std::round(rng.Uniform() * 50) / 50;  // ties
    const std::vector<double> q = BenjaminiHochbergQValues(p);
    const double m = static_cast<double>(p.size());
    for (size_t i = 0; i < p.size(); ++i) {
      // min over every p_j ≥ p_i of m p_j / (the number of p-values at or below p_j)
      double want = 1;
      for (const double pj : p) {
        if (pj < p[i]) continue;
        double rank = 0;
        for (const double pk : p) rank += pk <= pj;
        want = std::min(want, m * pj / rank);
      }
      EXPECT_NEAR(q[i], want, 1e-15) << trial << " " << i;
    }
  }
}

// Under the null (uniform p-values) the chance that anything is flagged at 0.05 is at most 5%.
TEST(FalseDiscovery, FlagsNothingUnderTheNullAtMostFivePercentOfTheTime) {
  Rng rng(11);
  int any = 0;
  const int runs = 4000;
  for (int run = 0; run < runs; ++run) {
    std::vector<double> p(20);
    for (double& x : p) x = rng.Uniform();
    const std::vector<double> q = BenjaminiHochbergQValues(p);
    any += *std::min_element(q.begin(), q.end()) <= 0.05;
  }
  // All null: the FDR is the chance of any flag, α exactly in expectation; 3 standard errors.
  EXPECT_LE(any / double(runs), 0.05 + 3 * std::sqrt(0.05 * 0.95 / runs));
  EXPECT_GE(any / double(runs), 0.05 - 3 * std::sqrt(0.05 * 0.95 / runs));
}

}  // namespace
}  // namespace continuum
