// Intervals for estimates whose errors are correlated within clusters (patients within
// practices), by the wild cluster bootstrap (Cameron, Gelbach and Miller, "Bootstrap-based
// improvements for inference with clustered errors", Rev. Econ. Stat. 90:414, 2008): each
// replicate multiplies every cluster's residuals by one random weight of mean 0 and variance 1,
// shared by all the estimates, refits, and studentises the replicate's estimate by its own
// cluster-robust standard error. The interval is the estimate ± the replicates' 95th percentile
// of |t*| × its standard error (a symmetric percentile-t interval), which carries the extra
// spread of a standard error estimated from few clusters that a normal interval ignores. Below 12
// clusters Rademacher weights (±1) give too few distinct replicates, so Webb's six-point weights
// are used (Webb, "Reworking wild bootstrap based inference for clustered errors", Queen's
// Economics Department WP 1315, 2013; MacKinnon and Webb, J. Applied Econometrics 32:233, 2017).
//
//   // bases: each ATT(g, t)'s recentring; targets: the estimates, as weighted sums of bases
//   WildClusterBootstrap boot = RunWildClusterBootstrap({targets, bases}, {.replicates = 999});
//   boot.intervals[0].ci_low;
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "stats/cluster_scored_estimate.h"

namespace continuum {

enum class BootstrapWeights {
  kRademacher,  // ±1 with probability ½ each
  kWebb,        // ±√½, ±1, ±√(3/2), each with probability ⅙
};

// Rademacher from 12 clusters, Webb below.
BootstrapWeights WeightsForClusters(int32_t clusters);

struct BootstrapOptions {
  int32_t replicates = 999;
  uint64_t seed = 1;
  double level = 0.95;
};

struct BootstrapInterval {
  double std_error = 0;       // cluster-robust (ClusterRobustStandardError)
  double critical_value = 0;  // the replicates' `level` quantile of |t*|
  double ci_low = 0;
  double ci_high = 0;
};

struct WildClusterBootstrap {
  BootstrapWeights weights = BootstrapWeights::kRademacher;
  int32_t clusters = 0;
  // How many different sets of weights exist (2^G or 6^G, capped at 2^62): when fewer than the
  // replicates, the bootstrap can only repeat itself and says little.
  uint64_t distinct_draws = 0;
  std::vector<BootstrapInterval> intervals;  // one for each estimate, in order
  // The replicates' `level` quantile of max |t*| over the band's estimates: the critical value
  // of a band that covers all of them at once (a uniform band for an event study).
  double uniform_critical_value = 0;
  // The joint test that the tested estimates are all zero: the share of replicates (counting
  // the data as one) whose Wald statistic θ*' V*⁻¹ θ*, each with its own replicate covariance,
  // reaches the data's. With tens of clusters this holds its size where χ² and even Hotelling's
  // F reject too often. 1 when nothing is tested.
  double joint_test_statistic = 0;
  double joint_test_p_value = 1;
};

// An estimate to bootstrap: its scores, and the base estimates (fitted models) it is a weighted
// sum of, whose recentring its replicates' residuals share. An estimate with no bases is
// bootstrapped by its scores alone.
struct BootstrapTarget {
  const ClusterScoredEstimate* estimate = nullptr;
  std::vector<std::pair<int32_t, double>> bases;  // (index into `bases`, weight)
};

// What to bootstrap: the targets and the bases they are sums of; optionally a uniform band over
// some of the targets and a joint test that some are all zero, from the same replicates.
struct BootstrapRequest {
  std::span<const BootstrapTarget> targets;
  std::span<const std::vector<Recentring>* const> bases;
  std::vector<size_t> band;        // indexes into targets
  std::vector<size_t> joint_test;  // indexes into targets
};

// All scores must cover the same clusters (at least two). The same request, options and seed
// give the same intervals whatever the machine's thread count.
WildClusterBootstrap RunWildClusterBootstrap(const BootstrapRequest& request,
                                             const BootstrapOptions& options);

}  // namespace continuum
