// Difference-in-differences with staggered starts, as Callaway and Sant'Anna define it
// ("Difference-in-Differences with multiple time periods", Journal of Econometrics 225:200,
// 2021): one effect for each group of units first treated in the same period and each period,
// ATT(g, t), each from its own two-by-two comparison with units not (yet) treated, and those
// aggregated into an event study (by periods since the start), an effect per group and one
// overall effect. Every estimate carries its influence function summed per cluster, so that
// inference (wild_cluster_bootstrap.h) is clustered and the aggregates' intervals account for
// the estimated group sizes.
//
//   Result<StaggeredDid> did = EstimateStaggeredDid(panel, ComparisonUnits::kNeverTreated);
//   did->overall.estimate;                        // the simple weighted average of post effects
//   for (const GroupTimeEffect& cell : did->group_time) ...
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "stats/balanced_panel.h"
#include "stats/cluster_scored_estimate.h"
#include "stats/wild_cluster_bootstrap.h"

namespace continuum {

enum class ComparisonUnits {
  kNeverTreated,   // units never treated in the data
  kNotYetTreated,  // never treated, and those first treated after both periods compared
};

// ATT(g, t): the effect in period `time` on the units first treated in period `group`, as the
// change in their mean outcome from period `base` less that of the comparison units. Before the
// start (time < group) the base is the period before `time`, so those cells test for parallel
// trends period by period; from the start on it is the period before `group`.
struct GroupTimeEffect {
  int32_t group = 0;  // period indexes of the panel
  int32_t time = 0;
  int32_t base = 0;
  int32_t treated_units = 0;
  int32_t comparison_units = 0;
  ClusterScoredEstimate effect;
  // The treated mean and the comparison's regression, refitted in each bootstrap replicate.
  std::vector<Recentring> recentring;
};

// Which ATT(g, t) an aggregate averages, as (index into StaggeredDid::group_time, weight).
using CellWeights = std::vector<std::pair<int32_t, double>>;

// The average of ATT(g, g + e) over the groups observed e periods after (e ≥ 0) or before (e < 0)
// their start, weighted by group size.
struct EventTimeEffect {
  int32_t event_time = 0;
  ClusterScoredEstimate effect;
  CellWeights cells;
};

// One group's effect: the plain mean of its ATT(g, t) from its start to the end of the data.
struct GroupEffect {
  int32_t group = 0;
  int32_t units = 0;
  ClusterScoredEstimate effect;
  CellWeights cells;
};

struct StaggeredDid {
  std::vector<GroupTimeEffect> group_time;  // by group, then time
  std::vector<EventTimeEffect> event_time;  // by event time
  std::vector<GroupEffect> groups;          // by group
  // Callaway and Sant'Anna's "simple" aggregate: every post-start ATT(g, t), weighted by the
  // size of its group.
  ClusterScoredEstimate overall;
  CellWeights overall_cells;
  // Cells that could not be estimated for want of comparison units (fewer than the covariates
  // need, or none); the estimates above leave them out.
  struct SkippedCell {
    int32_t group;
    int32_t time;
    int32_t comparison_units;
  };
  std::vector<SkippedCell> skipped;
};

// InvalidInput when no unit is treated, or there is no unit to compare with (no never-treated
// unit with kNeverTreated), or a group is treated in the first period (it has no period before
// its start). Covariates, when the panel has them, enter each comparison as an outcome
// regression on their values in the base period, fitted on the comparison units (Sant'Anna and
// Zhao 2020, "Doubly robust difference-in-differences estimators", J. Econometrics 219:101).
Result<StaggeredDid> EstimateStaggeredDid(const BalancedPanel& panel, ComparisonUnits comparison);

// Every estimate of `did` as a wild bootstrap target, in this order: each ATT(g, t), each event
// time, each group, then the overall effect; the bases are the ATT(g, t)s' recentrings, in
// their order. The request bands the event times and tests those before the start jointly.
// It points into `did`, which must outlive it.
struct StaggeredDidBootstrap {
  std::vector<BootstrapTarget> targets;
  std::vector<const std::vector<Recentring>*> bases;
  BootstrapRequest request;
};
StaggeredDidBootstrap BootstrapRequestOf(const StaggeredDid& did);

}  // namespace continuum
