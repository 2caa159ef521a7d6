#include "evaluation/panel_evaluation.h"

#include <gtest/gtest.h>

#include <cmath>

#include "evaluation/panel_simulation.h"

namespace continuum {
namespace {

PanelFile Simulated(const PanelDesign& design, uint64_t seed) {
  PanelFile file;
  file.name = "simulated.csv";
  file.panel = SimulatePanel(design, seed, nullptr);
  for (int32_t t = 0; t < design.periods; ++t) file.period_labels.push_back(2020 + t);
  return file;
}

TEST(PanelEvaluation, RowsComeAsAttGtThenEventThenOverallWithFileLabels) {
  PanelDesign design;
  auto result = EvaluatePanel(Simulated(design, 1), {});
  ASSERT_TRUE(result.ok()) << result.status().message();
  const std::vector<EstimateRow>& rows = result->estimates;
  // Three groups (2024, 2025, 2026), periods 2021 to 2027 each: 21 att_gt rows; event times
  // −5 (2026's group in 2021) to 3 (2024's in 2027); one overall.
  ASSERT_EQ(rows.size(), 21u + 9u + 1u);
  EXPECT_EQ(rows[0].estimand, "att_gt");
  EXPECT_EQ(rows[0].group, 2024);
  EXPECT_EQ(rows[0].time, 2021);
  EXPECT_EQ(rows[21].estimand, "event");
  EXPECT_EQ(rows[21].time, -5);
  EXPECT_FALSE(rows[21].group.has_value());
  EXPECT_EQ(rows.back().estimand, "overall");
  for (const EstimateRow& row : rows) {
    EXPECT_LT(row.ci_low, row.estimate);
    EXPECT_GT(row.ci_high, row.estimate);
  }
  ASSERT_EQ(result->groups.size(), 3u);
  EXPECT_TRUE(result->two_way_fixed_effects.fit.has_value());
  EXPECT_FALSE(result->two_by_two.fit.has_value());  // staggered: no single start
  EXPECT_EQ(result->treated_clusters, 30);
  EXPECT_TRUE(result->warnings.empty()) << result->warnings[0];
  // The same panel and seed: the same intervals.
  auto again = EvaluatePanel(Simulated(design, 1), {});
  EXPECT_EQ(again->estimates.back().ci_low, rows.back().ci_low);
}

TEST(PanelEvaluation, WarnsBesideWhatFewClustersWeaken) {
  PanelDesign design;
  design.clusters = 8;
  design.starts = {4};
  auto result = EvaluatePanel(Simulated(design, 2), {});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->weights, BootstrapWeights::kWebb);
  ASSERT_GE(result->warnings.size(), 2u);
  EXPECT_NE(result->warnings[0].find("Only 4 clusters hold treated units"), std::string::npos)
      << result->warnings[0];
  EXPECT_NE(result->warnings[1].find("Webb"), std::string::npos);
  EXPECT_TRUE(result->two_by_two.fit.has_value());
}

TEST(PanelEvaluation, PrintsNoNumberItCouldNotEstimate) {
  // Five practices and more covariates than comparison units: no effect after the start can be
  // estimated, which is an error, never an effect of 0.
  PanelDesign design;
  design.clusters = 5;
  design.units_per_cluster = 1;
  design.treated_share = 0.4;
  design.starts = {4};
  PanelFile file = Simulated(design, 4);
  file.panel.covariates.assign(6, std::vector<double>(file.panel.outcome.size(), 0.0));
  for (size_t k = 0; k < 6; ++k) {
    for (size_t i = 0; i < file.panel.outcome.size(); ++i)
      file.panel.covariates[k][i] = (i * (k + 3)) % 7;
  }
  auto result = EvaluatePanel(file, {});
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("no effect after a start could be estimated"),
            std::string::npos)
      << result.status().message();
  // A start with one period before it: the pre-trend is reported as not tested.
  PanelDesign early;
  early.starts = {1};
  auto untested = EvaluatePanel(Simulated(early, 5), {});
  ASSERT_TRUE(untested.ok()) << untested.status().message();
  EXPECT_FALSE(untested->pre_trend_tested);
}

TEST(PanelEvaluation, RefusesFewerThanFourClusters) {
  PanelDesign design;
  design.clusters = 3;
  design.treated_share = 0.67;
  auto result = EvaluatePanel(Simulated(design, 3), {});
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("simulated.csv has 3 clusters"), std::string::npos);
}

// Outcomes so small or so large that their squares leave the range of a double are refused with
// what to do, never estimated with intervals of no width; 1e-90 still computes.
TEST(PanelEvaluation, RefusesOutcomesTooSmallOrLargeToComputeWith) {
  PanelDesign design;
  for (const double scale : {1e-301, 1e-120, 1e300}) {
    PanelFile file = Simulated(design, 6);
    for (double& y : file.panel.outcome) y *= scale;
    auto result = EvaluatePanel(file, {});
    ASSERT_FALSE(result.ok()) << scale;
    EXPECT_NE(result.status().message().find(scale < 1 ? "too small to compute with"
                                                       : "too large to compute with"),
              std::string::npos)
        << result.status().message();
  }
  PanelFile small = Simulated(design, 6);
  auto plain = EvaluatePanel(small, {});
  for (double& y : small.panel.outcome) y *= 1e-90;
  auto scaled = EvaluatePanel(small, {});
  ASSERT_TRUE(plain.ok() && scaled.ok());
  const EstimateRow &a = plain->estimates.back(), &b = scaled->estimates.back();
  EXPECT_NEAR(b.estimate / 1e-90, a.estimate, 1e-9 * std::fabs(a.estimate));
  EXPECT_NEAR(b.std_error / 1e-90, a.std_error, 1e-9 * a.std_error);
  EXPECT_GT(b.std_error, 0);
}

}  // namespace
}  // namespace continuum
