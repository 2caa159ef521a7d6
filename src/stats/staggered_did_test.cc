#include "stats/staggered_did.h"

#include <gtest/gtest.h>

#include <cmath>

#include "stats/wald_test.h"
#include "stats/wild_cluster_bootstrap.h"

namespace continuum {
namespace {

// Four units over three periods, each its own cluster: units 0 and 1 start in period 2.
BalancedPanel HandPanel() {
  BalancedPanel panel(4, 3, 4);
  const double y[4][3] = {{1, 2, 5}, {2, 3, 7}, {1, 1.5, 2}, {3, 4, 4}};
  for (int u = 0; u < 4; ++u) {
    for (int t = 0; t < 3; ++t) panel.at(u, t) = y[u][t];
    panel.cluster[u] = u;
  }
  panel.first_treated = {2, 2, kNeverTreated, kNeverTreated};
  return panel;
}

TEST(StaggeredDid, HandWorkedGroupTimeEffects) {
  auto did = EstimateStaggeredDid(HandPanel(), ComparisonUnits::kNeverTreated);
  ASSERT_TRUE(did.ok()) << did.status().message();
  ASSERT_EQ(did->group_time.size(), 2u);
  // Before the start: (2−1 + 3−2)/2 − (1.5−1 + 4−3)/2 = 1 − 0.75.
  EXPECT_EQ(did->group_time[0].time, 1);
  EXPECT_EQ(did->group_time[0].base, 0);
  EXPECT_DOUBLE_EQ(did->group_time[0].effect.estimate, 0.25);
  // From the start, against period 1: (3 + 4)/2 − (0.5 + 0)/2 = 3.25.
  const GroupTimeEffect& post = did->group_time[1];
  EXPECT_EQ(post.base, 1);
  EXPECT_DOUBLE_EQ(post.effect.estimate, 3.25);
  EXPECT_EQ(post.treated_units, 2);
  EXPECT_EQ(post.comparison_units, 2);
  // Influence: (Δ − 3.5)/2 for the treated, −(Δ − 0.25)/2 for the comparison.
  const std::vector<double> scores = {-0.25, 0.25, -0.125, 0.125};
  for (int c = 0; c < 4; ++c) EXPECT_DOUBLE_EQ(post.effect.cluster_scores[c], scores[c]);
  EXPECT_NEAR(ClusterRobustStandardError(post.effect), std::sqrt(4.0 / 3 * 0.15625), 1e-15);
  // One post cell: the aggregates are that cell, and a single group's size has no influence.
  EXPECT_DOUBLE_EQ(did->overall.estimate, 3.25);
  for (int c = 0; c < 4; ++c) EXPECT_NEAR(did->overall.cluster_scores[c], scores[c], 1e-15);
  ASSERT_EQ(did->event_time.size(), 2u);
  EXPECT_EQ(did->event_time[0].event_time, -1);
  EXPECT_DOUBLE_EQ(did->event_time[0].effect.estimate, 0.25);
  ASSERT_EQ(did->groups.size(), 1u);
  EXPECT_DOUBLE_EQ(did->groups[0].effect.estimate, 3.25);
}

TEST(StaggeredDid, OverallWeighsGroupsBySize) {
  // Groups starting in periods 1 (one unit) and 2 (two units), two never treated, 3 periods.
  BalancedPanel panel(5, 3, 5);
  const double y[5][3] = {{0, 4, 6}, {0, 0, 2}, {1, 1, 3}, {0, 0, 0}, {2, 2, 2}};
  for (int u = 0; u < 5; ++u) {
    for (int t = 0; t < 3; ++t) panel.at(u, t) = y[u][t];
    panel.cluster[u] = u;
  }
  panel.first_treated = {1, 2, 2, kNeverTreated, kNeverTreated};
  auto did = EstimateStaggeredDid(panel, ComparisonUnits::kNeverTreated);
  ASSERT_TRUE(did.ok());
  // ATT(1,1) = 4, ATT(1,2) = 6 (both against period 0), ATT(2,2) = 2 (against period 1).
  // Overall: (1·4 + 1·6 + 2·2) / (1 + 1 + 2) = 3.5; group 1: 5, group 2: 2.
  EXPECT_DOUBLE_EQ(did->overall.estimate, 3.5);
  ASSERT_EQ(did->groups.size(), 2u);
  EXPECT_DOUBLE_EQ(did->groups[0].effect.estimate, 5);
  EXPECT_DOUBLE_EQ(did->groups[1].effect.estimate, 2);
  // Event time 0: (1·4 + 2·2)/3; event 1: ATT(1,2) alone.
  for (const EventTimeEffect& e : did->event_time) {
    if (e.event_time == 0) {
      EXPECT_DOUBLE_EQ(e.effect.estimate, 8.0 / 3);
    }
    if (e.event_time == 1) {
      EXPECT_DOUBLE_EQ(e.effect.estimate, 6);
    }
  }
  // The influence of a consistent estimator's estimate sums to zero over the units.
  double sum = 0;
  for (const double s : did->overall.cluster_scores) sum += s;
  EXPECT_NEAR(sum, 0, 1e-12);
}

TEST(StaggeredDid, NotYetTreatedUnitsJoinTheComparisonUntilTheyStart) {
  BalancedPanel panel(3, 4, 3);
  for (int u = 0; u < 3; ++u) {
    panel.cluster[u] = u;
    for (int t = 0; t < 4; ++t) panel.at(u, t) = u * 10 + t * (u + 1);
  }
  panel.first_treated = {1, 3, kNeverTreated};
  auto never = EstimateStaggeredDid(panel, ComparisonUnits::kNeverTreated);
  auto not_yet = EstimateStaggeredDid(panel, ComparisonUnits::kNotYetTreated);
  ASSERT_TRUE(never.ok() && not_yet.ok());
  // ATT(1,2) against period 0: unit 0 gains 2·1 = 2; unit 2 gains 3·2 = 6; unit 1 (starting in
  // period 3) gains 2·2 = 4 and is a comparison only when not yet treated.
  for (const GroupTimeEffect& cell : never->group_time) {
    if (cell.group == 1 && cell.time == 2) {
      EXPECT_DOUBLE_EQ(cell.effect.estimate, 2 - 6);
    }
  }
  for (const GroupTimeEffect& cell : not_yet->group_time) {
    if (cell.group == 1 && cell.time == 2) {
      EXPECT_DOUBLE_EQ(cell.effect.estimate, 2 - (6 + 4) / 2.0);
      EXPECT_EQ(cell.comparison_units, 2);
    }
    if (cell.group == 1 && cell.time == 3) {
      EXPECT_EQ(cell.comparison_units, 1);  // unit 1 has started
    }
  }
}

TEST(StaggeredDid, CovariatesAdjustEachComparison) {
  // The change from period 0 to 1 is 1 + 2x for every unit, plus 3 for the treated: an outcome
  // regression on x recovers 3 exactly, though the treated have more x.
  BalancedPanel panel(6, 2, 6);
  panel.covariates.assign(1, std::vector<double>(12));
  const double x[6] = {1, 2, 3, 0, 1, 0.5};
  for (int u = 0; u < 6; ++u) {
    panel.cluster[u] = u;
    panel.first_treated[u] = u < 3 ? 1 : kNeverTreated;
    panel.at(u, 0) = 5 * u;
    panel.at(u, 1) = 5 * u + 1 + 2 * x[u] + (u < 3 ? 3 : 0);
    panel.covariates[0][u * 2] = panel.covariates[0][u * 2 + 1] = x[u];
  }
  auto did = EstimateStaggeredDid(panel, ComparisonUnits::kNeverTreated);
  ASSERT_TRUE(did.ok());
  EXPECT_NEAR(did->overall.estimate, 3, 1e-12);
  panel.covariates.clear();
  auto unadjusted = EstimateStaggeredDid(panel, ComparisonUnits::kNeverTreated);
  EXPECT_NEAR(unadjusted->overall.estimate, 3 + 2 * (2 - 0.5), 1e-12);
}

TEST(StaggeredDid, RefusesWhatCannotBeEstimated) {
  BalancedPanel panel = HandPanel();
  panel.first_treated = {kNeverTreated, kNeverTreated, kNeverTreated, kNeverTreated};
  EXPECT_NE(EstimateStaggeredDid(panel, ComparisonUnits::kNeverTreated)
                .status()
                .message()
                .find("no unit is ever treated"),
            std::string::npos);
  panel.first_treated = {0, 2, kNeverTreated, kNeverTreated};
  EXPECT_NE(EstimateStaggeredDid(panel, ComparisonUnits::kNeverTreated)
                .status()
                .message()
                .find("first period"),
            std::string::npos);
  panel.first_treated = {2, 2, 1, 1};
  EXPECT_NE(EstimateStaggeredDid(panel, ComparisonUnits::kNeverTreated)
                .status()
                .message()
                .find("not yet treated"),
            std::string::npos);
  // Not yet treated works until the last group starts; its own cells have no comparison left.
  auto did = EstimateStaggeredDid(panel, ComparisonUnits::kNotYetTreated);
  ASSERT_TRUE(did.ok());
  EXPECT_FALSE(did->skipped.empty());
}

TEST(WildClusterBootstrap, SameSeedSameIntervalsAndWebbWeightsForFewClusters) {
  auto did = EstimateStaggeredDid(HandPanel(), ComparisonUnits::kNeverTreated);
  const StaggeredDidBootstrap request = BootstrapRequestOf(*did);
  const WildClusterBootstrap a =
      RunWildClusterBootstrap(request.request, {.replicates = 499, .seed = 3});
  const WildClusterBootstrap b =
      RunWildClusterBootstrap(request.request, {.replicates = 499, .seed = 3});
  EXPECT_EQ(a.weights, BootstrapWeights::kWebb);
  EXPECT_EQ(a.distinct_draws, 1296u);
  ASSERT_EQ(a.intervals.size(), 2u + 2u + 1u + 1u);  // cells, event times, group, overall
  EXPECT_EQ(a.intervals.back().ci_low, b.intervals.back().ci_low);
  EXPECT_LT(a.intervals.back().ci_low, 3.25);
  EXPECT_GT(a.intervals.back().ci_high, 3.25);
}

TEST(WildClusterBootstrap, ManyClustersGiveTheNormalCriticalValue) {
  // A mean over 400 clusters of similar size: the replicates' t is nearly normal, so the 95%
  // critical value is close to 1.96.
  ClusterScoredEstimate e;
  e.estimate = 1;
  Recentring mean{std::vector<double>(400, -1.0 / 400), {}};
  for (int c = 0; c < 400; ++c) e.cluster_scores.push_back(c % 3 == 0 ? 0.02 : -0.01);
  mean.source = e.cluster_scores;
  const std::vector<Recentring> base = {mean};
  const std::vector<const std::vector<Recentring>*> bases = {&base};
  const BootstrapTarget target{&e, {{0, 1.0}}};
  const WildClusterBootstrap boot =
      RunWildClusterBootstrap({{&target, 1}, bases, {}, {}}, {.replicates = 9999, .seed = 1});
  EXPECT_EQ(boot.weights, BootstrapWeights::kRademacher);
  EXPECT_NEAR(boot.intervals[0].critical_value, 1.96, 0.06);
}

TEST(WaldTest, OneEstimateIsTheSquaredT) {
  ClusterScoredEstimate e;
  e.estimate = 0.5;
  e.cluster_scores = {0.1, -0.2, 0.1, 0.0};
  std::vector<const ClusterScoredEstimate*> estimates = {&e};
  const WaldTest test = JointWaldTest(estimates);
  const double se = ClusterRobustStandardError(e);
  EXPECT_NEAR(test.statistic, 0.25 / (se * se), 1e-12);
  EXPECT_EQ(test.degrees_of_freedom, 1);
  EXPECT_EQ(test.denominator_degrees_of_freedom, 3);
  // V = 4/3 · 0.06 = 0.08, W = 0.25 / 0.08 = 3.125; F(1, 3) = W·3/3 is t² with 3 degrees of
  // freedom, p = 0.175260 (scipy: 2 * t.sf(sqrt(3.125), 3)).
  EXPECT_NEAR(test.statistic, 3.125, 1e-12);
  EXPECT_NEAR(test.p_value, 0.1752598, 1e-6);
}

}  // namespace
}  // namespace continuum
