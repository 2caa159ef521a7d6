// Do the evaluation's intervals cover the truth as often as they claim? Simulates programmes
// with a planted effect (panel_simulation.h), estimates each as `continuum evaluate` does, and
// counts how often the 95% intervals cover the planted effect; then again with no effect planted,
// counting how often the overall interval wrongly excludes zero.
//
//   CoverageFigures figures = RunCoverageStudy(PanelDesign{}, 200, {.replicates = 999});
//   figures.overall_coverage;       // 0.95 when the intervals are honest
#pragma once

#include <cstdint>

#include "evaluation/panel_simulation.h"
#include "stats/staggered_did.h"
#include "stats/wild_cluster_bootstrap.h"

namespace continuum {

struct CoverageFigures {
  int32_t programmes = 0;
  // Shares of intervals that cover the planted effect.
  double overall_coverage = 0;     // one a programme
  double group_time_coverage = 0;  // every ATT(g, t) after a start, pooled
  double event_coverage = 0;       // every event time from the start on, pooled
  double pre_period_coverage = 0;  // every ATT(g, t) before a start (truth 0), pooled
  // With no effect planted: the share of programmes whose overall interval excludes 0, and whose
  // pre-trend test rejects at 5% — by the wild bootstrap, and by Hotelling's F.
  double false_positive_rate = 0;
  double pre_trend_rejection_rate = 0;
  double pre_trend_f_rejection_rate = 0;
  // Mean of (estimate − planted) / standard error for the overall effect: bias in units of the
  // uncertainty (a tenth or less is negligible).
  double mean_bias_in_std_errors = 0;
  // Mean standard error of the overall effect against the spread of its estimates over the
  // programmes: near 1 when the standard errors are honest.
  double std_error_ratio = 0;
};

// Programme p draws from seed + p (with effect) and seed + programmes + p (without), so a study is
// repeatable and its programmes independent.
CoverageFigures RunCoverageStudy(const PanelDesign& design, int32_t programmes,
                                 const BootstrapOptions& options,
                                 ComparisonUnits comparison = ComparisonUnits::kNeverTreated);

}  // namespace continuum
