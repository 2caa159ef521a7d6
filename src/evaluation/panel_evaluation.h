// `continuum evaluate --panel`: the staggered difference-in-differences of a panel file with its
// wild cluster bootstrap intervals, the joint pre-trend test, and the two-way fixed-effects and
// two-by-two regressions beside it — one function that the command line, the server and the
// Python package share, and one result that the renderers print (report/evaluation_render.h).
//
//   Result<PanelEvaluation> result = EvaluatePanel(file, {});
//   for (const EstimateRow& row : result->estimates) ...   // att_gt, then event, then overall
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "evaluation/panel_file.h"
#include "stats/clustered_ols.h"
#include "stats/staggered_did.h"
#include "stats/wald_test.h"
#include "stats/wild_cluster_bootstrap.h"

namespace continuum {

struct PanelEvaluationOptions {
  ComparisonUnits comparison = ComparisonUnits::kNeverTreated;
  BootstrapOptions bootstrap{.replicates = 999, .seed = 20090401, .level = 0.95};
};

// One estimate as `--csv` prints it. `group` and `time` are the file's period labels; for
// `event` rows `time` is the number of periods since the start (negative before it).
struct EstimateRow {
  std::string estimand;  // "att_gt", "event", "overall" — and "group" (in `groups` only)
  std::optional<int64_t> group;
  std::optional<int64_t> time;
  double estimate = 0;
  double std_error = 0;
  double ci_low = 0;
  double ci_high = 0;
  int32_t treated_units = 0;     // att_gt and group rows
  int32_t comparison_units = 0;  // att_gt rows
};

// A regression beside the main estimator, or why it could not be run.
struct RegressionResult {
  std::optional<ClusteredOlsFit> fit;
  std::vector<std::string> covariates;  // the covariates among its coefficients, in order
  std::vector<std::string> absorbed;    // covariates fixed within units, swept out with them
  std::string not_run;
};

struct PanelEvaluation {
  std::string file;
  int32_t units = 0;
  int32_t clusters = 0;
  int64_t first_period = 0;
  int64_t last_period = 0;
  int32_t periods = 0;
  int32_t treated_units = 0;
  int32_t treated_clusters = 0;
  std::vector<std::string> covariate_names;
  ComparisonUnits comparison = ComparisonUnits::kNeverTreated;
  BootstrapOptions bootstrap;
  BootstrapWeights weights = BootstrapWeights::kRademacher;

  std::vector<EstimateRow> estimates;  // every att_gt, then every event time, then overall
  std::vector<EstimateRow> groups;     // one per group (first treated period)
  // The critical value of a band covering every event-time estimate at once.
  double event_band_critical_value = 0;
  // All event times before the start are zero: W with Hotelling's F p-value, and the wild
  // bootstrap's p-value, the one the report leads with.
  WaldTest pre_trend;
  double pre_trend_p_value = 1;
  bool pre_trend_tested = false;  // false when no event time before the start was estimated
  RegressionResult two_way_fixed_effects;  // coefficient 0: the effect
  RegressionResult two_by_two;             // coefficient 3: the effect
  // What weakens the estimates, in words, each naming what it weakens.
  std::vector<std::string> warnings;
};

// InvalidInput (with what to change) when the panel cannot be estimated: nothing treated, no
// comparison, units treated from the first period, or fewer than 4 clusters.
Result<PanelEvaluation> EvaluatePanel(const PanelFile& file, const PanelEvaluationOptions& options);

}  // namespace continuum
