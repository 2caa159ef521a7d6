#include "stats/distributions.h"

#include <gtest/gtest.h>

#include <cmath>

namespace continuum {
namespace {

TEST(Distributions, NormalQuantileMatchesPublishedZ) {
  // The z values of every statistics table: 95% and 99.8% two-sided, 90% one-sided.
  EXPECT_NEAR(NormalQuantile(0.975), 1.959963984540054, 1e-15);
  EXPECT_NEAR(NormalQuantile(0.999), 3.090232306167813, 1e-15);
  EXPECT_NEAR(NormalQuantile(0.05), -1.6448536269514727, 1e-15);
  EXPECT_NEAR(NormalQuantile(0.025), -1.959963984540054, 1e-15);
  EXPECT_EQ(NormalQuantile(0.5), 0);
  // The far tail (AS 241's third approximation): Φ⁻¹(1e-10) = −6.361340902404056.
  EXPECT_NEAR(NormalQuantile(1e-10), -6.361340902404056, 1e-13);
  EXPECT_NEAR(NormalCdf(NormalQuantile(0.975)), 0.975, 1e-15);
}

TEST(Distributions, IncompleteGammaAgreesWithClosedForms) {
  // P(1, x) = 1 − e^(−x).
  EXPECT_NEAR(RegularisedGammaP(1, 2), 1 - std::exp(-2.0), 1e-15);
  // Q(3, 2.5) = P(Poisson(2.5) ≤ 2) = e^(−2.5) (1 + 2.5 + 2.5²/2) = 6.625 e^(−2.5).
  EXPECT_NEAR(RegularisedGammaQ(3, 2.5), 6.625 * std::exp(-2.5), 1e-15);
  EXPECT_NEAR(PoissonCdf(2, 2.5), 6.625 * std::exp(-2.5), 1e-15);
  // P(½, x) = erf(√x).
  EXPECT_NEAR(RegularisedGammaP(0.5, 0.1), std::erf(std::sqrt(0.1)), 1e-15);
  // The continued fraction's side: Q(3, 8) = e^(−8) (1 + 8 + 32) = 41 e^(−8).
  EXPECT_NEAR(RegularisedGammaQ(3, 8), 41 * std::exp(-8.0), 1e-16);
  EXPECT_NEAR(RegularisedGammaP(3, 8) + RegularisedGammaQ(3, 8), 1, 1e-15);
}

TEST(Distributions, IncompleteGammaKeepsItsDigitsForLargeShapes) {
  // At the mean of a gamma with shape 10⁶, P = ½ + 1/(3√(2π a)) + …: 0.50013298076087259 to 17
  // figures (computed at 40 digits).
  EXPECT_NEAR(RegularisedGammaP(1e6, 1e6), 0.50013298076087259, 1e-12);
  // Two standard deviations above the mean of 10⁴: Q = 0.023287322133598804.
  EXPECT_NEAR(RegularisedGammaQ(1e4, 10200), 0.023287322133598804, 1e-13);
}

TEST(Distributions, GammaQuantileGivesExactPoissonLimits) {
  // Exact 95% limits for a Poisson count O: lower = GammaQuantile(O, 0.025), upper =
  // GammaQuantile(O + 1, 0.975). Published tables (e.g. PHE's APHO guide, Daly 1992) give
  // O = 1: 0.0253 to 5.5716, O = 5: 1.6235 to 11.6683, O = 9: 4.1154 to 17.0848.
  EXPECT_NEAR(GammaQuantile(1, 0.025), 0.02531780798, 1e-10);
  EXPECT_NEAR(GammaQuantile(2, 0.975), 5.571643391, 1e-9);
  EXPECT_NEAR(GammaQuantile(5, 0.025), 1.62348639, 1e-8);
  EXPECT_NEAR(GammaQuantile(6, 0.975), 11.66833208, 1e-8);
  EXPECT_NEAR(GammaQuantile(9, 0.025), 4.115373097, 1e-9);
  EXPECT_NEAR(GammaQuantile(10, 0.975), 17.08480345, 1e-8);
  // For no events the upper limit is −ln(0.025) = 3.688879454.
  EXPECT_NEAR(GammaQuantile(1, 0.975), -std::log(0.025), 1e-12);
  // Round trips, small and large shapes, both tails.
  for (double a : {0.3, 1.0, 4.0, 37.5, 1e5}) {
    for (double p : {1e-6, 0.001, 0.3, 0.5, 0.9, 0.999}) {
      const double x = GammaQuantile(a, p);
      const double back = p > 0.5 ? 1 - RegularisedGammaQ(a, x) : RegularisedGammaP(a, x);
      EXPECT_NEAR(back, p, 1e-10 * p) << "a " << a << " p " << p;
    }
  }
}

TEST(Distributions, BinomialAndPoissonDistributionFunctions) {
  EXPECT_DOUBLE_EQ(BinomialCdf(1, 3, 0.5), 0.5);                   // (1 + 3) / 8
  EXPECT_NEAR(BinomialCdf(0, 10, 0.1), std::pow(0.9, 10), 1e-15);  // 0.9¹⁰
  EXPECT_NEAR(BinomialCdf(15, 100, 0.1), 0.96010947288891666, 1e-13);
  EXPECT_NEAR(BinomialCdf(4990, 10000, 0.5), 0.42465516331866021, 1e-11);
  EXPECT_EQ(BinomialCdf(-1, 10, 0.1), 0);
  EXPECT_EQ(BinomialCdf(10, 10, 0.1), 1);
  EXPECT_EQ(PoissonCdf(-1, 2.5), 0);
  EXPECT_EQ(PoissonCdf(3, 0), 1);
}

TEST(Distributions, QuantilesAreTheFirstCountReachingTheProbability) {
  // Poisson(2.5): F(5) = 0.9580, F(6) = 0.9858, so the 0.975 quantile is 6; F(0) = 0.0821.
  EXPECT_EQ(PoissonQuantile(0.975, 2.5), 6);
  EXPECT_EQ(PoissonQuantile(0.025, 2.5), 0);
  // Binomial(100, 0.1): F(15) = 0.9601, F(16) = 0.9794; F(4) = 0.0237, F(5) = 0.0576.
  EXPECT_EQ(BinomialQuantile(0.975, 100, 0.1), 16);
  EXPECT_EQ(BinomialQuantile(0.025, 100, 0.1), 5);
  EXPECT_EQ(BinomialQuantile(0.5, 0, 0.3), 0);
  EXPECT_EQ(PoissonQuantile(0.5, 0), 0);
}

}  // namespace
}  // namespace continuum
