#include "stats/poisson_regression.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/random.h"

namespace continuum {
namespace {

// Two groups and an intercept: the fitted rate ratio is the ratio of the groups' crude rates,
// and the robust variance of each group's log rate is Σ(yᵢ − r eᵢ)² / (Σyᵢ)², worked by hand.
TEST(PoissonRegression, TwoGroupsGiveTheirCrudeRatesAndHandWorkedErrors) {
  const std::vector<double> y = {0, 2, 5, 1, 3, 0, 4, 1};
  const std::vector<double> years = {1, 2, 2, 0.5, 1, 1, 2, 0.5};
  const std::vector<double> group = {0, 0, 0, 0, 1, 1, 1, 1};
  std::vector<double> x, offset;
  for (size_t i = 0; i < y.size(); ++i) {
    x.insert(x.end(), {1.0, group[i]});
    offset.push_back(std::log(years[i]));
  }
  auto fit = FitPoisson(x, 2, y, offset);
  ASSERT_TRUE(fit.ok()) << fit.status().message();
  const double control = 8 / 5.5, treated = 8 / 4.5;
  EXPECT_NEAR(std::exp(fit->coefficient[0]), control, 1e-10);
  EXPECT_NEAR(std::exp(fit->coefficient[1]), treated / control, 1e-10);
  auto variance = [&](int g, double rate) {
    double sum = 0, events = 0;
    for (size_t i = 0; i < y.size(); ++i) {
      if (group[i] != g) continue;
      sum += (y[i] - rate * years[i]) * (y[i] - rate * years[i]);
      events += y[i];
    }
    return sum / (events * events);
  };
  EXPECT_NEAR(fit->StandardError(1), std::sqrt(variance(0, control) + variance(1, treated)), 1e-10);
  EXPECT_NEAR(fit->StandardError(0), std::sqrt(variance(0, control)), 1e-10);
}

// A planted rate ratio and slope are recovered from many simulated overdispersed counts.
TEST(PoissonRegression, RecoversPlantedEffects) {
  Rng rng(7);
  std::vector<double> x, y, offset;
  for (int i = 0; i < 20000; ++i) {
    const double treated = i % 2, age = rng.Uniform(-1, 1), years = rng.Uniform(0.2, 2);
    const double rate = std::exp(-0.5 + std::log(0.8) * treated + 0.4 * age) * rng.Gamma(2, 0.5);
    x.insert(x.end(), {1.0, treated, age});
    y.push_back(rng.Poisson(rate * years));
    offset.push_back(std::log(years));
  }
  auto fit = FitPoisson(x, 3, y, offset);
  ASSERT_TRUE(fit.ok()) << fit.status().message();
  EXPECT_NEAR(fit->coefficient[1], std::log(0.8), 3 * fit->StandardError(1));
  EXPECT_NEAR(fit->coefficient[2], 0.4, 3 * fit->StandardError(2));
  EXPECT_LT(fit->StandardError(1), 0.05);
}

TEST(PoissonRegression, RefusesBadInput) {
  EXPECT_FALSE(FitPoisson(std::vector<double>{1, 1}, 1, std::vector<double>{-1, 2},
                          std::vector<double>{0, 0})
                   .ok());
  EXPECT_FALSE(
      FitPoisson(std::vector<double>{1}, 1, std::vector<double>{1, 2}, std::vector<double>{0, 0})
          .ok());
  // A column that is 1 only where there are no events: no finite maximum.
  auto separated = FitPoisson(std::vector<double>{1, 0, 1, 0, 1, 1, 1, 1}, 2,
                              std::vector<double>{3, 2, 0, 0}, std::vector<double>{0, 0, 0, 0});
  EXPECT_FALSE(separated.ok());
}

}  // namespace
}  // namespace continuum
