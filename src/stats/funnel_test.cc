#include "stats/funnel.h"

#include <gtest/gtest.h>

#include <vector>

namespace continuum {
namespace {

bool Mentions(const Status& status, const std::string& words) {
  return status.message().find(words) != std::string::npos;
}

void ExpectLimits(const Result<FunnelLimits>& limits, Interval inner, Interval outer,
                  double tolerance) {
  ASSERT_TRUE(limits.ok()) << limits.status().message();
  EXPECT_NEAR(limits->inner.lower, inner.lower, tolerance);
  EXPECT_NEAR(limits->inner.upper, inner.upper, tolerance);
  EXPECT_NEAR(limits->outer.lower, outer.lower, tolerance);
  EXPECT_NEAR(limits->outer.upper, outer.upper, tolerance);
}

TEST(Funnel, ProportionLimitsInterpolateTheExactBinomial) {
  // Target 10% among 100 cases; the binomial's distribution function F at the steps around each
  // tail (worked at 40 digits), and Spiegelhalter's limit (r − (F(r) − p) / (F(r) − F(r − 1))) / n:
  //   p = 0.025: F(4) = 0.0237111, F(5) = 0.0575769 → 5 − 0.0325769/0.0338658 = 4.038060 → 0.040381
  //   p = 0.975: F(15) = 0.9601095, F(16) = 0.9794012 → 16 − 0.0044012/0.0192917 = 15.771861
  //   p = 0.001: F(1) = 0.0003217, F(2) = 0.0019449 → 1.417887
  //   p = 0.999: F(19) = 0.9980214, F(20) = 0.9991924 → 19.835672
  ExpectLimits(ProportionFunnel(0.1, 100), {0.0403805955244, 0.157718611639},
               {0.0141788650084, 0.198356718503}, 1e-11);
}

TEST(Funnel, LargeProportionLimitsMeetTheNormalApproximation) {
  // 20,000 cases at 30%: p0 ± 1.959964 √(0.3 × 0.7 / 20000) = 0.3 ± 0.006351; the exact limits
  // differ by about the half-count continuity step, 1/40000.
  Result<FunnelLimits> limits = ProportionFunnel(0.3, 20000);
  ASSERT_TRUE(limits.ok());
  EXPECT_NEAR(limits->inner.lower, 0.3 - 0.00635100918101, 1e-4);
  EXPECT_NEAR(limits->inner.upper, 0.3 + 0.00635100918101, 1e-4);
}

TEST(Funnel, RatioLimitsInterpolateThePoissonAndStopAtZero) {
  // 2.5 expected events. F(5) = 0.9579790, F(6) = 0.9858127: upper count 6 − 0.0108127/0.0278337
  // = 5.611526, over 2.5 = 2.244610. F(8) = 0.9988597, F(9) = 0.9997226: 99.8% upper 8.162536,
  // 3.265015. F(0) = e^(−2.5) = 0.0820850 already passes 0.025, so the lower limits fall below 0
  // and are clipped there.
  ExpectLimits(RatioFunnel(2.5), {0, 2.24461026986}, {0, 3.26501458461}, 1e-10);
}

TEST(Funnel, RateLimitsPerHeadOfPopulation) {
  // 2 per 1,000 in a population of 20,000: 40 events expected. F(27) = 0.0193390,
  // F(28) = 0.0293796 → 27.563813 → 0.00137819 per head (1.378 per 1,000); F(52) = 0.9719428,
  // F(53) = 0.9800054 → 52.379185 → 0.00261896. 99.8%: counts 21.400028 and 60.451623.
  ExpectLimits(RateFunnel(0.002, 20000), {0.00137819065094, 0.00261895926315},
               {0.0010700014162, 0.0030225811434}, 1e-12);
  // The same 40 expected events as a ratio: the same counts over 40.
  Result<FunnelLimits> ratio = RatioFunnel(40);
  EXPECT_NEAR(ratio->inner.upper, 52.379185263 / 40, 1e-10);
}

TEST(Funnel, ClassifiesEachSideAndLevel) {
  Result<FunnelLimits> limits = ProportionFunnel(0.1, 100);  // 0.0404–0.1577, 0.0142–0.1984
  ASSERT_TRUE(limits.ok());
  EXPECT_EQ(ClassifyFunnel(0.10, *limits), FunnelPosition::kWithin);
  EXPECT_EQ(ClassifyFunnel(0.15, *limits), FunnelPosition::kWithin);
  EXPECT_EQ(ClassifyFunnel(0.18, *limits), FunnelPosition::kAboveInner);
  EXPECT_EQ(ClassifyFunnel(0.21, *limits), FunnelPosition::kAboveOuter);
  EXPECT_EQ(ClassifyFunnel(0.03, *limits), FunnelPosition::kBelowInner);
  EXPECT_EQ(ClassifyFunnel(0.01, *limits), FunnelPosition::kBelowOuter);
  EXPECT_EQ(ClassifyFunnel(limits->inner.upper, *limits), FunnelPosition::kWithin);
}

TEST(Funnel, LevelsAreParameters) {
  Result<FunnelLimits> limits =
      ProportionFunnel(0.1, 100, {.inner_level = 0.90, .outer_level = 0.99});
  ASSERT_TRUE(limits.ok());
  EXPECT_GT(limits->inner.upper, 0.1);
  EXPECT_LT(limits->inner.upper, 0.157718611639);  // narrower than 95%
  EXPECT_LT(limits->outer.upper, 0.198356718503);  // and than 99.8%
  EXPECT_TRUE(
      Mentions(ProportionFunnel(0.1, 100, {.inner_level = 0.998, .outer_level = 0.95}).status(),
               "inner level must be below its outer"));
  EXPECT_FALSE(RatioFunnel(10, {.outer_level = 99.8}).ok());
}

TEST(Funnel, OverdispersionFromWinsorisedZScores) {
  // Ten units with 100 expected events each, observed so that z = (O − E)/√E is −3, −1, −0.5, 0,
  // 0.5, 1, 1.5, 2, 2.5 and 6. Winsorising at 10% (type 7 centiles): the 10th centile is
  // −3 + 0.9 × (−1 − −3) = −1.2 and the 90th 2.5 + 0.1 × (6 − 2.5) = 2.85, so −3 becomes −1.2 and
  // 6 becomes 2.85. φ = (1.44 + 1 + 0.25 + 0 + 0.25 + 1 + 2.25 + 4 + 6.25 + 8.1225) / 10 = 2.45625.
  const std::vector<int64_t> observed = {70, 90, 95, 100, 105, 110, 115, 120, 125, 160};
  const std::vector<double> expected(10, 100);
  Result<double> phi = CountOverdispersion(observed, expected);
  ASSERT_TRUE(phi.ok());
  EXPECT_NEAR(*phi, 2.45625, 1e-12);
  // Without winsorising: (9 + 1 + 0.25 + 0 + 0.25 + 1 + 2.25 + 4 + 6.25 + 36) / 10 = 6.
  EXPECT_NEAR(*CountOverdispersion(observed, expected, 0), 6, 1e-12);
  // The same z-scores for proportions: target 0.5 among 100, sd 0.05, so z = (p − 0.5) / 0.05.
  const std::vector<int64_t> numerators = {35, 45, 47, 50, 52, 55, 57, 60, 62, 80};
  const std::vector<int64_t> denominators(10, 100);
  // z: −3, −1, −0.6, 0, 0.4, 1, 1.4, 2, 2.4, 6; 10th centile −1.2, 90th 2.76.
  // φ = (1.44 + 1 + 0.36 + 0 + 0.16 + 1 + 1.96 + 4 + 5.76 + 7.6176) / 10 = 2.32976.
  EXPECT_NEAR(*ProportionOverdispersion(numerators, denominators, 0.5), 2.32976, 1e-12);
  EXPECT_FALSE(CountOverdispersion({}, {}).ok());
  EXPECT_FALSE(CountOverdispersion(observed, expected, 0.5).ok());
  EXPECT_TRUE(Mentions(
      ProportionOverdispersion(std::vector<int64_t>{5}, std::vector<int64_t>{4}, 0.5).status(),
      "unit 1 has numerator 5 of denominator 4"));
}

TEST(Funnel, OverdispersedLimitsWidenTheNormalApproximation) {
  // φ = 2.45625: target 0.1 among 100 gets 0.1 ± 1.959964 √(2.45625 × 0.09 / 100) = 0.1 ± 0.092152
  // and at 99.8% 0.1 ± 0.145294, clipped at 0.
  ExpectLimits(ProportionFunnel(0.1, 100, {.overdispersion = 2.45625}),
               {0.1 - 0.0921521834006, 0.1 + 0.0921521834006}, {0, 0.1 + 0.145294330138}, 1e-12);
  // A ratio with 100 expected: 1 ± 1.959964 √(2.45625 / 100) = 1 ± 0.307174; 99.8% ± 0.484314.
  Result<FunnelLimits> ratio = RatioFunnel(100, {.overdispersion = 2.45625});
  EXPECT_NEAR(ratio->inner.lower, 1 - 0.307173944669, 1e-12);
  EXPECT_NEAR(ratio->outer.upper, 1 + 0.484314433793, 1e-12);
  // φ at or below 1 leaves the exact limits alone.
  EXPECT_NEAR(ProportionFunnel(0.1, 100, {.overdispersion = 0.7})->inner.upper, 0.157718611639,
              1e-11);
  EXPECT_FALSE(RatioFunnel(100, {.overdispersion = -1}).ok());
}

TEST(Funnel, RefusesImpossibleTargetsAndSizes) {
  EXPECT_TRUE(Mentions(ProportionFunnel(1.0, 100).status(), "target proportion"));
  EXPECT_TRUE(Mentions(ProportionFunnel(0.1, 0).status(), "needs a denominator above 0"));
  EXPECT_TRUE(Mentions(RatioFunnel(0).status(), "expected events above 0"));
  EXPECT_TRUE(Mentions(RateFunnel(0.001, -5).status(), "population above 0"));
  EXPECT_TRUE(Mentions(RateFunnel(0, 5000).status(), "target rate"));
}

}  // namespace
}  // namespace continuum
