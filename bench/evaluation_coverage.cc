// The coverage study of the evaluation's intervals (evaluation/coverage_study.h) at full size:
// 200 simulated programmes with a planted effect and 200 with none, each estimated with 999
// bootstrap replicates, printed as one JSON object for docs/benchmarks.md. A programme is 240
// practices, half of them in pilots starting on four staggered periods of 12, with 20 units a
// practice.
//
//   build/bench/evaluation_coverage [programmes] [clusters] [units_per_cluster] [covariate 0|1]
#include <cstdio>
#include <cstdlib>

#include "evaluation/coverage_study.h"

int main(int argc, char** argv) {
  using namespace continuum;
  const int programmes = argc > 1 ? std::atoi(argv[1]) : 200;
  PanelDesign design;
  design.clusters = 240;
  design.units_per_cluster = 20;
  design.periods = 12;
  design.starts = {4, 6, 8, 10};
  if (argc > 2) design.clusters = std::atoi(argv[2]);
  if (argc > 3) design.units_per_cluster = std::atoi(argv[3]);
  if (argc > 4) design.covariate = std::atoi(argv[4]) != 0;
  const CoverageFigures f =
      RunCoverageStudy(design, programmes, {.replicates = 999, .seed = 20090401});
  std::printf(
      "{\"programmes\": %d, \"clusters\": %d, \"units_per_cluster\": %d, \"periods\": %d, "
      "\"overall_coverage\": %.4f, \"group_time_coverage\": %.4f, \"event_coverage\": %.4f, "
      "\"pre_period_coverage\": %.4f, \"false_positive_rate\": %.4f, "
      "\"pre_trend_rejection_rate\": %.4f, \"pre_trend_f_rejection_rate\": %.4f, "
      "\"mean_bias_in_std_errors\": %.4f, "
      "\"std_error_ratio\": %.4f}\n",
      f.programmes, design.clusters, design.units_per_cluster, design.periods, f.overall_coverage,
      f.group_time_coverage, f.event_coverage, f.pre_period_coverage, f.false_positive_rate,
      f.pre_trend_rejection_rate, f.pre_trend_f_rejection_rate, f.mean_bias_in_std_errors,
      f.std_error_ratio);
  return 0;
}
