#include "evaluation/coverage_study.h"

#include <gtest/gtest.h>

namespace continuum {
namespace {

// The small version of bench/evaluation_coverage: 200 programmes of 40 practices. With 200
// programmes one coverage share has a Monte Carlo standard error of about 1.5 points, so the
// pooled shares (hundreds of intervals a programme) carry the tight checks.
TEST(CoverageStudy, IntervalsCoverThePlantedEffectAsOftenAsTheyClaim) {
  PanelDesign design;
  design.clusters = 40;
  design.units_per_cluster = 8;
  const CoverageFigures figures = RunCoverageStudy(design, 200, {.replicates = 199, .seed = 11});
  EXPECT_EQ(figures.programmes, 200);
  EXPECT_GE(figures.overall_coverage, 0.91);
  EXPECT_LE(figures.overall_coverage, 0.99);
  EXPECT_GE(figures.group_time_coverage, 0.93);
  EXPECT_LE(figures.group_time_coverage, 0.97);
  EXPECT_GE(figures.event_coverage, 0.93);
  EXPECT_LE(figures.event_coverage, 0.97);
  EXPECT_GE(figures.pre_period_coverage, 0.93);
  EXPECT_LE(figures.pre_period_coverage, 0.97);
  EXPECT_GE(figures.false_positive_rate, 0.01);
  EXPECT_LE(figures.false_positive_rate, 0.09);
  EXPECT_LT(std::abs(figures.mean_bias_in_std_errors), 0.15);
  EXPECT_NEAR(figures.std_error_ratio, 1, 0.15);
}

TEST(CoverageStudy, IgnoringThePracticesWouldNotCover) {
  // The same kind of programme analysed with each unit as its own cluster: the practices' shared
  // shocks are then ignored and the intervals are too narrow — clustering is what buys coverage.
  PanelDesign design;
  design.clusters = 40;
  design.units_per_cluster = 8;
  design.units_as_clusters = true;
  const CoverageFigures naive = RunCoverageStudy(design, 100, {.replicates = 199, .seed = 5});
  EXPECT_LT(naive.group_time_coverage, 0.85);
  EXPECT_GT(naive.false_positive_rate, 0.10);
}

}  // namespace
}  // namespace continuum
