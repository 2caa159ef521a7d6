#include "evaluation/coverage_study.h"

#include <cmath>
#include <vector>

#include "stats/wald_test.h"

namespace continuum {
namespace {

struct Tally {
  int64_t covered = 0;
  int64_t total = 0;
  void Count(bool cover) {
    covered += cover;
    ++total;
  }
  double Share() const { return total > 0 ? static_cast<double>(covered) / total : 0.0; }
};

bool Covers(const BootstrapInterval& interval, double truth) {
  return interval.ci_low <= truth && truth <= interval.ci_high;
}

}  // namespace

CoverageFigures RunCoverageStudy(const PanelDesign& design, int32_t programmes,
                                 const BootstrapOptions& options, ComparisonUnits comparison) {
  CoverageFigures figures;
  figures.programmes = programmes;
  Tally overall, group_time, event, pre, false_positive, pre_trend, pre_trend_f;
  double bias = 0, se_sum = 0, estimate_sum = 0, estimate_squares = 0;
  PanelDesign null_design = design;
  null_design.effect = 0;
  for (int32_t p = 0; p < programmes; ++p) {
    for (const bool planted : {true, false}) {
      PanelTruth truth;
      const uint64_t seed = options.seed + static_cast<uint64_t>(planted ? p : programmes + p);
      const BalancedPanel panel = SimulatePanel(planted ? design : null_design, seed, &truth);
      auto did = EstimateStaggeredDid(panel, comparison);
      if (!did.ok()) continue;
      BootstrapOptions replicate = options;
      replicate.seed = seed * 7919 + 1;
      const StaggeredDidBootstrap request = BootstrapRequestOf(*did);
      const WildClusterBootstrap boot = RunWildClusterBootstrap(request.request, replicate);
      const BootstrapInterval& overall_interval = boot.intervals.back();
      if (!planted) {
        false_positive.Count(!Covers(overall_interval, 0.0));  // "covered" counts rejections
        std::vector<const ClusterScoredEstimate*> pre_events;
        for (const EventTimeEffect& e : did->event_time) {
          if (e.event_time < 0) pre_events.push_back(&e.effect);
        }
        pre_trend_f.Count(JointWaldTest(pre_events).p_value < 0.05);
        pre_trend.Count(boot.joint_test_p_value < 0.05);
        continue;
      }
      size_t i = 0;
      for (const GroupTimeEffect& cell : did->group_time) {
        const bool cover = Covers(boot.intervals[i++], truth.group_time[{cell.group, cell.time}]);
        (cell.time >= cell.group ? group_time : pre).Count(cover);
      }
      for (const EventTimeEffect& e : did->event_time) {
        const BootstrapInterval& interval = boot.intervals[i++];
        if (e.event_time >= 0) event.Count(Covers(interval, truth.event_time[e.event_time]));
      }
      overall.Count(Covers(overall_interval, truth.overall));
      const double se = overall_interval.std_error;
      const double error = did->overall.estimate - truth.overall;
      if (se > 0) bias += error / se;
      se_sum += se;
      estimate_sum += error;
      estimate_squares += error * error;
    }
  }
  figures.overall_coverage = overall.Share();
  figures.group_time_coverage = group_time.Share();
  figures.event_coverage = event.Share();
  figures.pre_period_coverage = pre.Share();
  figures.false_positive_rate = false_positive.Share();
  figures.pre_trend_rejection_rate = pre_trend.Share();
  figures.pre_trend_f_rejection_rate = pre_trend_f.Share();
  const double n = static_cast<double>(overall.total);
  if (n > 1) {
    figures.mean_bias_in_std_errors = bias / n;
    const double mean = estimate_sum / n;
    const double spread = std::sqrt((estimate_squares - n * mean * mean) / (n - 1));
    figures.std_error_ratio = spread > 0 ? se_sum / n / spread : 0.0;
  }
  return figures;
}

}  // namespace continuum
