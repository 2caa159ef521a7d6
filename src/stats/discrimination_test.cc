#include "stats/discrimination.h"

#include <gtest/gtest.h>

#include <cmath>

namespace continuum {
namespace {

// Ten people; the outcome in rows 1, 3, 5 and 8. By risk, highest first (the two at 0.7 in row
// order): 0.9 (row 1, y), 0.7 (row 2), 0.7 (row 3, y), 0.6 (row 8, y), 0.4, 0.3 (row 5, y), 0.2,
// 0.15, 0.1, 0.05.
const std::vector<double> kProbability = {0.2, 0.9, 0.7, 0.7, 0.1, 0.3, 0.05, 0.4, 0.6, 0.15};
const std::vector<uint8_t> kOutcome = {0, 1, 0, 1, 0, 1, 0, 0, 1, 0};

RiskRanking Ranking(const std::vector<double>& probability, const std::vector<uint8_t>& outcome) {
  auto ranking = RiskRanking::Make(probability, outcome);
  EXPECT_TRUE(ranking.ok()) << ranking.status().message();
  return std::move(*ranking);
}

TEST(Discrimination, CStatisticCountsTiesAsHalf) {
  // Positives 0.9, 0.8, 0.3 against negatives 0.8, 0.5, 0.3: 0.9 is above all three (3); 0.8
  // ties one and is above two (2.5); 0.3 ties one (0.5). 6 of 9 pairs.
  auto c = CStatistic(Ranking({0.9, 0.8, 0.8, 0.5, 0.3, 0.3}, {1, 1, 0, 0, 1, 0}));
  ASSERT_TRUE(c.ok());
  EXPECT_DOUBLE_EQ(*c, 6.0 / 9);
  // The ten people: 0.9 is above all six negatives (6), 0.7 above five and level with one
  // (5.5), 0.6 above five (5), 0.3 above four (4): 20.5 of 24 pairs.
  EXPECT_DOUBLE_EQ(*CStatistic(Ranking(kProbability, kOutcome)), 20.5 / 24);
  EXPECT_DOUBLE_EQ(*CStatistic(Ranking({0.5, 0.5, 0.5}, {1, 0, 1})), 0.5);
  EXPECT_DOUBLE_EQ(*CStatistic(Ranking({0.1, 0.2, 0.8, 0.9}, {0, 0, 1, 1})), 1.0);
  EXPECT_DOUBLE_EQ(*CStatistic(Ranking({0.1, 0.2, 0.8, 0.9}, {1, 1, 0, 0})), 0.0);
}

TEST(Discrimination, CStatisticNeedsBothOutcomes) {
  auto c = CStatistic(Ranking({0.1, 0.2}, {1, 1}));
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().message(),
            "the c-statistic needs people with and without the outcome; all 2 have outcome 1");
}

TEST(Discrimination, RankingRejectsBadInput) {
  EXPECT_FALSE(RiskRanking::Make(std::vector<double>{0.1}, std::vector<uint8_t>{0, 1}).ok());
  EXPECT_FALSE(RiskRanking::Make({}, {}).ok());
  EXPECT_FALSE(RiskRanking::Make(std::vector<double>{NAN}, std::vector<uint8_t>{0}).ok());
  auto above_one = RiskRanking::Make(std::vector<double>{0.5, 1.5}, std::vector<uint8_t>{0, 1});
  ASSERT_FALSE(above_one.ok());
  EXPECT_EQ(above_one.status().message(), "row 1: the probability 1.500000 is not between 0 and 1");
  EXPECT_FALSE(RiskRanking::Make(std::vector<double>{0.5}, std::vector<uint8_t>{2}).ok());
}

TEST(Discrimination, BrierScore) {
  // (p - y)²: 0.04, 0.01, 0.49, 0.09, 0.01, 0.49, 0.0025, 0.16, 0.16, 0.0225; 1.475 in all.
  EXPECT_NEAR(BrierScore(Ranking(kProbability, kOutcome)), 0.1475, 1e-15);
}

TEST(Discrimination, TopRiskFlagsAnExactCountByRank) {
  const RiskRanking ranking = Ranking(kProbability, kOutcome);
  // 20% of 10 is 2: row 1 and, of the two at 0.7, row 2 (the earlier row), which had no event.
  TopRisk top = FlagTopRisk(ranking, 20);
  EXPECT_EQ(top.flagged, 2);
  EXPECT_EQ(top.true_positives, 1);
  EXPECT_DOUBLE_EQ(top.ppv, 0.5);
  EXPECT_DOUBLE_EQ(top.sensitivity, 0.25);
  EXPECT_DOUBLE_EQ(top.threshold, 0.7);
  top = FlagTopRisk(ranking, 30);
  EXPECT_EQ(top.true_positives, 2);
  EXPECT_DOUBLE_EQ(top.ppv, 2.0 / 3);
  EXPECT_DOUBLE_EQ(top.sensitivity, 0.5);
  // 5% of 10 is 0.5, rounded up to 1; 1% is 0.1, rounded down to no one.
  top = FlagTopRisk(ranking, 5);
  EXPECT_EQ(top.flagged, 1);
  EXPECT_DOUBLE_EQ(top.ppv, 1);
  top = FlagTopRisk(ranking, 1);
  EXPECT_EQ(top.flagged, 0);
  EXPECT_EQ(top.ppv, 0);
  EXPECT_EQ(top.sensitivity, 0);
  top = FlagTopRisk(ranking, 100);
  EXPECT_EQ(top.flagged, 10);
  EXPECT_DOUBLE_EQ(top.ppv, 0.4);
  EXPECT_DOUBLE_EQ(top.sensitivity, 1);
  EXPECT_DOUBLE_EQ(top.threshold, 0.05);
}

TEST(Discrimination, CalibrationByFifthsAndHosmerLemeshow) {
  // From the lowest risk, two a group (the ties at 0.7 reversed: row 3 before row 2):
  // {0.05, 0.1}, {0.15, 0.2}, {0.3 y, 0.4}, {0.6 y, 0.7 y}, {0.7, 0.9 y}.
  const std::vector<CalibrationGroup> groups =
      CalibrationByRisk(Ranking(kProbability, kOutcome), 5);
  ASSERT_EQ(groups.size(), 5u);
  const int events[] = {0, 0, 1, 2, 1};
  const double expected[] = {0.15, 0.35, 0.7, 1.3, 1.6};
  for (int g = 0; g < 5; ++g) {
    EXPECT_EQ(groups[g].people, 2) << g;
    EXPECT_EQ(groups[g].events, events[g]) << g;
    EXPECT_NEAR(groups[g].expected, expected[g], 1e-15) << g;
    EXPECT_NEAR(groups[g].mean_predicted, expected[g] / 2, 1e-15) << g;
    EXPECT_DOUBLE_EQ(groups[g].observed_rate, events[g] / 2.0) << g;
  }
  EXPECT_EQ(groups[2].lowest, 0.3);
  EXPECT_EQ(groups[2].highest, 0.4);
  EXPECT_EQ(groups[4].lowest, 0.7);
  // (O - E)² / (E (1 - E/n)): 0.0225/0.13875 + 0.1225/0.28875 + 0.09/0.455 + 0.49/0.455 +
  // 0.36/0.32, on 3 degrees of freedom, whose upper tail is 2(1 - Φ(√x)) + √(2x/π) e^(-x/2).
  const HosmerLemeshow test = HosmerLemeshowTest(groups);
  const double x = 0.0225 / 0.13875 + 0.1225 / 0.28875 + 0.09 / 0.455 + 0.49 / 0.455 + 0.36 / 0.32;
  EXPECT_NEAR(test.statistic, x, 1e-12);
  EXPECT_EQ(test.degrees_of_freedom, 3);
  const double tail = std::erfc(std::sqrt(x / 2)) + std::sqrt(2 * x / M_PI) * std::exp(-x / 2);
  EXPECT_NEAR(test.p_value, tail, 1e-12);
}

TEST(Discrimination, CalibrationGroupsOfUnequalSizeAndEmptyOnes) {
  // Three people in four groups: ranks from the lowest [0, 0), [0, 1), [1, 2), [2, 3).
  const std::vector<CalibrationGroup> groups =
      CalibrationByRisk(Ranking({0.2, 0.5, 0.8}, {0, 1, 1}), 4);
  EXPECT_EQ(groups[0].people, 0);
  EXPECT_EQ(groups[1].people, 1);
  EXPECT_EQ(groups[1].expected, 0.2);
  EXPECT_EQ(groups[3].events, 1);
  EXPECT_EQ(HosmerLemeshowTest(groups).degrees_of_freedom, 1);
}

TEST(Discrimination, HosmerLemeshowTailOnEvenDegreesOfFreedom) {
  // Eight groups of 100 with expected 10 and observed 10 + d: each adds d² / 9. On 6 degrees of
  // freedom the chi-squared upper tail is e^(-x/2) (1 + x/2 + (x/2)²/2).
  for (int d : {1, 4, 9}) {
    std::vector<CalibrationGroup> groups(8);
    for (CalibrationGroup& g : groups) {
      g.people = 100;
      g.expected = 10;
      g.events = 10 + d;
    }
    const HosmerLemeshow test = HosmerLemeshowTest(groups);
    const double x = 8 * d * d / 9.0, h = x / 2;
    EXPECT_NEAR(test.statistic, x, 1e-12);
    EXPECT_EQ(test.degrees_of_freedom, 6);
    EXPECT_NEAR(test.p_value, std::exp(-h) * (1 + h + h * h / 2), 1e-13) << x;
  }
}

}  // namespace
}  // namespace continuum
