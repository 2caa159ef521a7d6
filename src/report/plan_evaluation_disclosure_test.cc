// Disclosure control of a plan's evaluation on figures made by hand: rounding to significant
// figures, list sizes to 5. Withholding the effects of small pilots is tested on the server's
// programme (server/evaluation_routes_test.cc), which has the memberships it needs.
#include "report/plan_evaluation_disclosure.h"

#include <gtest/gtest.h>

#include <cmath>

namespace continuum {
namespace {

TEST(PlanEvaluationDisclosure, RoundsToSignificantFigures) {
  EXPECT_DOUBLE_EQ(RoundSignificant(123456, 4), 123500);
  EXPECT_DOUBLE_EQ(RoundSignificant(-98.7654, 4), -98.77);
  EXPECT_NEAR(RoundSignificant(0.00123456, 3), 0.00123, 1e-15);
  EXPECT_EQ(RoundSignificant(0, 4), 0);
  EXPECT_TRUE(std::isnan(RoundSignificant(std::nan(""), 4)));
}

TEST(PlanEvaluationDisclosure, BalanceMeansOfListSizeAreRoundedToFiveAndThreeFigures) {
  PlanEvaluation exact;
  exact.balance.push_back({.variable = "list_size",
                           .treated_mean = 4321.7,
                           .pool_mean = 512.4,
                           .matched_treated_mean = 4321.7,
                           .matched_mean = 4402.2,
                           .smd_before = 0.123456,
                           .smd_after = 0.0123456,
                           .imbalanced = false});
  exact.balance.push_back({.variable = "aged_65_plus", .treated_mean = 0.183456});
  const PlanEvaluation shown = ControlPlanEvaluation(exact, Population());
  const BalanceRow& list = shown.balance[0];
  EXPECT_DOUBLE_EQ(list.treated_mean, 4320);
  EXPECT_DOUBLE_EQ(list.pool_mean, 510);
  EXPECT_DOUBLE_EQ(list.matched_mean, 4400);
  EXPECT_NEAR(list.smd_before, 0.123, 1e-12);
  EXPECT_NEAR(list.smd_after, 0.0123, 1e-12);
  EXPECT_NEAR(shown.balance[1].treated_mean, 0.183, 1e-12);
}

}  // namespace
}  // namespace continuum
