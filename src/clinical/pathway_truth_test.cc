// The pathways report finds what the generator planted: the member practice whose patients wait
// weeks for an echocardiogram (generate/plants.h) has the worst echocardiogram-within-14-days
// adherence of the ICO, below every other practice's.
#include <gtest/gtest.h>

#include "clinical/pathway_engine.h"
#include "clinical/pathway_report.h"
#include "generate/generated_ico.h"
#include "generate/plants.h"
#include "generate/test_folder.h"

namespace continuum {
namespace {

TEST(PathwaysTruth, ThePlantedHeartFailureDelayStandsOut) {
  GeneratorOptions options;
  options.patients = 40000;
  options.practices = 8;
  options.years = 3;
  options.seed = 23;
  auto ico = GenerateAndLoad(TestFolder("pathways_truth"), options);
  ASSERT_TRUE(ico.ok()) << ico.status().message();
  const Population& p = (*ico)->population();

  auto shipped = ShippedPathways();
  ASSERT_TRUE(shipped.ok());
  std::vector<PathwayDefinition> definitions;
  for (const PathwayDefinition& d : *shipped) {
    if (d.id == "suspected_heart_failure") definitions.push_back(d);
  }
  ASSERT_EQ(definitions.size(), 1u);
  // Every referral of the three years, as at the last day of data.
  const PathwayRun run = FollowPathways(
      p, definitions,
      {.from = FinancialYearStart(2022), .to = FinancialYearEnd(2024), .as_of = p.events.last_day});
  const PathwaysReport report = ReportPathways(p, definitions, run, {});
  const std::vector<UnitFigures>& units = report.pathways[0].units;
  // The ICO, then its practices in id order: position k is the (k + 1)th unit after the ICO.
  ASSERT_GE(units.size(), 1u + options.practices);
  const UnitFigures& delayed = units[1 + kDelayedHeartFailurePathwayPractice];
  ASSERT_EQ(delayed.kind, UnitKind::kPractice);
  ASSERT_GE(delayed.steps[0].adherence.denominator, 5);
  double best_other = 0, worst_other = 1;
  for (int k = 0; k < options.practices; ++k) {
    if (k == kDelayedHeartFailurePathwayPractice) continue;
    const Proportion& echo = units[1 + k].steps[0].adherence;
    ASSERT_GT(echo.denominator, 0) << units[1 + k].id;
    worst_other = std::min(worst_other, echo.value);
    best_other = std::max(best_other, echo.value);
  }
  const Proportion& echo = delayed.steps[0].adherence;
  EXPECT_LT(echo.value, worst_other)
      << delayed.id << " against the others' " << worst_other << " to " << best_other;
  // Outside the others' range, not just at its edge: its interval lies below the worst of them.
  EXPECT_LT(echo.upper, worst_other) << delayed.id;
  EXPECT_GT(*delayed.steps[0].median_days, 14);  // planted: a median of about five weeks
}

}  // namespace
}  // namespace continuum
