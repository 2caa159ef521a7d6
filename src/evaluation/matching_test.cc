#include "evaluation/matching.h"

#include <gtest/gtest.h>

#include <cmath>

namespace continuum {
namespace {

TEST(Matching, NearestWithinTheCaliperWithReplacement) {
  // One characteristic: the distance is |x − y| over its standard deviation (all six units).
  const std::vector<std::vector<double>> treated = {{1.0}, {1.2}, {10.0}};
  const std::vector<std::vector<double>> pool = {{0.9}, {1.5}, {5.0}};
  // Mean 3.2667; sample variance of {1, 1.2, 10, 0.9, 1.5, 5} is 13.2027, sd 3.6335.
  const Matching m = MatchNearest(treated, pool, /*matches=*/2, /*caliper=*/0.5);
  // Unit 0: 0.9 (0.028 sd) then 1.5 (0.138 sd); unit 1: 1.5 (0.083) then 0.9 (0.083): ties
  // keep the pool's order; unit 2: 5.0 is 1.38 sd away, beyond the caliper.
  EXPECT_EQ(m.matches[0], (std::vector<int32_t>{0, 1}));
  EXPECT_EQ(m.matches[1].size(), 2u);
  EXPECT_TRUE(m.matches[2].empty());
  EXPECT_EQ(m.unmatched, std::vector<int32_t>{2});
  EXPECT_EQ(m.comparison, (std::vector<int32_t>{0, 1}));
}

TEST(Matching, BalanceTableHandWorked) {
  const std::vector<std::vector<double>> treated = {{2.0}, {4.0}};
  const std::vector<std::vector<double>> pool = {{0.0}, {2.0}, {3.0}, {7.0}};
  Matching m;
  m.matches = {{1}, {2}};
  m.comparison = {1, 2};
  const std::vector<BalanceRow> rows = BalanceTable({"x"}, treated, pool, m);
  ASSERT_EQ(rows.size(), 1u);
  // Treated mean 3, variance 2; pool mean 3, variance 26/3; matched mean 2.5.
  EXPECT_DOUBLE_EQ(rows[0].treated_mean, 3);
  EXPECT_DOUBLE_EQ(rows[0].pool_mean, 3);
  EXPECT_DOUBLE_EQ(rows[0].matched_mean, 2.5);
  EXPECT_DOUBLE_EQ(rows[0].smd_before, 0);
  EXPECT_NEAR(rows[0].smd_after, 0.5 / std::sqrt((2 + 26.0 / 3) / 2), 1e-12);
  EXPECT_TRUE(rows[0].imbalanced);
}

}  // namespace
}  // namespace continuum
