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

// The case-management analysis as an attacker would read it: a share times its group's size is
// a count of patients, and a rate times person-years a count of events.
TEST(PlanEvaluationDisclosure, CaseManagementHidesSmallCountsAShareOrRateWouldGiveBack) {
  OutcomeDefinition admissions{.id = "emergency_admissions",
                               .kind = OutcomeKind::kActivityRate,
                               .title = "Emergency admissions"};
  PlanEvaluation exact;
  CaseManagementEvaluation cm;
  cm.cases = 103;
  cm.comparison_patients = 248;
  // 5 of the 103 cases are men, and 200 of the 248 comparison patients.
  cm.balance.push_back({.variable = "male",
                        .treated_mean = 5.0 / 103,
                        .pool_mean = 200.0 / 248,
                        .smd_before = -2.1});
  // 98 of 103 cases with 3 admissions: the other 5 stand out.
  cm.balance.push_back({.variable = "emergency admissions in the year before: 3",
                        .treated_mean = 98.0 / 103,
                        .pool_mean = 0.5,
                        .smd_before = 1.2});
  cm.balance.push_back({.variable = "age", .treated_mean = 77.123456, .pool_mean = 76.5});
  CaseManagementOutcome o;
  o.outcome = &admissions;
  o.cases_baseline = 0.0583;  // 6 admissions over 103 person-years
  o.totals[0] = 6;
  o.cases_follow_up = 0.9912345;
  o.totals[1] = 102;
  o.rate_ratio = 1.0912345;
  cm.outcomes.push_back(o);
  exact.case_management = cm;
  const PlanEvaluation shown = ControlPlanEvaluation(exact, Population());
  ASSERT_TRUE(shown.case_management);
  const CaseManagementEvaluation& s = *shown.case_management;
  EXPECT_EQ(s.cases, 105);
  EXPECT_EQ(s.comparison_patients, 250);
  EXPECT_TRUE(std::isnan(s.balance[0].treated_mean));
  EXPECT_NEAR(s.balance[0].pool_mean, 0.806, 1e-12);
  EXPECT_TRUE(std::isnan(s.balance[0].smd_before)) << "it gives the withheld share back";
  EXPECT_TRUE(std::isnan(s.balance[1].treated_mean));
  EXPECT_TRUE(std::isnan(s.balance[1].smd_before));
  EXPECT_NEAR(s.balance[2].treated_mean, 77.1, 1e-12);
  EXPECT_TRUE(std::isnan(s.outcomes[0].cases_baseline));
  EXPECT_NEAR(s.outcomes[0].cases_follow_up, 0.991, 1e-12);
  EXPECT_NEAR(s.outcomes[0].rate_ratio, 1.091, 1e-12);
  EXPECT_TRUE(std::isnan(s.outcomes[0].totals[1]));

  exact.case_management->comparison_patients = 7;
  const PlanEvaluation none = ControlPlanEvaluation(exact, Population());
  EXPECT_FALSE(none.case_management);
  EXPECT_NE(none.warnings.back().find("case-management analysis is withheld"), std::string::npos);
}

}  // namespace
}  // namespace continuum
