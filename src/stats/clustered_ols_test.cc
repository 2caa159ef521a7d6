#include "stats/clustered_ols.h"

#include <gtest/gtest.h>

#include <cmath>

#include "stats/two_way_fixed_effects.h"

namespace continuum {
namespace {

TEST(ClusteredOls, ExactLineHasNoError) {
  std::vector<double> x, y;
  std::vector<int32_t> cluster;
  for (int i = 0; i < 6; ++i) {
    x.insert(x.end(), {1.0, double(i)});
    y.push_back(2 + 3 * i);
    cluster.push_back(i % 3);
  }
  auto fit = FitClusteredOls(x, 2, y, cluster, 3);
  ASSERT_TRUE(fit.ok());
  EXPECT_NEAR(fit->coefficients[0], 2, 1e-12);
  EXPECT_NEAR(fit->coefficients[1], 3, 1e-12);
  EXPECT_NEAR(fit->std_errors[1], 0, 1e-9);
}

TEST(ClusteredOls, HandWorkedClusterRobustError) {
  // y on an intercept alone: the coefficient is the mean, and its CR1 variance is
  // G/(G−1)·(N−1)/(N−1)·Σ_c (Σ_i∈c e_i)² / N².
  const std::vector<double> x = {1, 1, 1, 1}, y = {1, 3, 2, 6};
  const std::vector<int32_t> cluster = {0, 0, 1, 1};
  auto fit = FitClusteredOls(x, 1, y, cluster, 2);
  ASSERT_TRUE(fit.ok());
  EXPECT_DOUBLE_EQ(fit->coefficients[0], 3);
  // Residuals −2, 0 | −1, 3: cluster sums −2 and 2.
  EXPECT_NEAR(fit->std_errors[0], std::sqrt(2.0 * 8 / 16), 1e-15);
}

TEST(ClusteredOls, RefusesCollinearAndTooFewClusters) {
  const std::vector<double> x = {1, 2, 1, 2, 1, 2}, y = {1, 2, 3};
  EXPECT_FALSE(FitClusteredOls(x, 2, y, std::vector<int32_t>{0, 1, 2}, 3).ok());
  EXPECT_FALSE(FitClusteredOls({x.data(), 3}, 1, y, std::vector<int32_t>{0, 0, 0}, 1).ok());
}

TEST(TwoWayFixedEffects, RecoversAConstantEffect) {
  // Unit and period effects plus 2 once treated; no noise.
  BalancedPanel panel(4, 3, 4);
  panel.first_treated = {1, 2, kNeverTreated, kNeverTreated};
  for (int u = 0; u < 4; ++u) {
    panel.cluster[u] = u;
    for (int t = 0; t < 3; ++t) {
      panel.at(u, t) =
          10 * u + t * t + (panel.first_treated[u] >= 0 && t >= panel.first_treated[u] ? 2 : 0);
    }
  }
  auto twfe = EstimateTwoWayFixedEffects(panel);
  ASSERT_TRUE(twfe.ok());
  EXPECT_NEAR(twfe->fit.coefficients[0], 2, 1e-12);
  EXPECT_EQ(twfe->fit.parameters, 1 + 4 + 3 - 1);
  // A covariate fixed within each unit is absorbed by the unit effects, not refused.
  panel.covariates.assign(1, std::vector<double>(12));
  for (int u = 0; u < 4; ++u) {
    for (int t = 0; t < 3; ++t) panel.covariates[0][u * 3 + t] = u * u;
  }
  auto absorbed = EstimateTwoWayFixedEffects(panel);
  ASSERT_TRUE(absorbed.ok()) << absorbed.status().message();
  EXPECT_TRUE(absorbed->covariates.empty());
  EXPECT_FALSE(EstimateTwoByTwo(panel).ok());  // two start periods
}

}  // namespace
}  // namespace continuum
