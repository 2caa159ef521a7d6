// A joint test that several estimates are all zero — the pre-trend test of an event study:
// W = θ' V⁻¹ θ with V the estimates' cluster-robust covariance. With G clusters V is itself
// estimated from G scores, so W is referred not to χ² (which rejects far too often with tens of
// clusters) but, as Hotelling's T², to F: W (G − k) / (k (G − 1)) ~ F(k, G − k) for k estimates
// (at most G − 2 are tested).
//
//   WaldTest pre = JointWaldTest(pre_period_estimates);
//   if (pre.p_value < 0.05) ...   // the groups' trends differed before their starts
#pragma once

#include <cstdint>
#include <span>

#include "stats/cluster_scored_estimate.h"

namespace continuum {

struct WaldTest {
  double statistic = 0;                        // W
  int32_t degrees_of_freedom = 0;              // k: the F's numerator degrees of freedom
  int32_t denominator_degrees_of_freedom = 0;  // G − k
  double p_value = 1;
  bool rank_limited = false;  // more estimates than clusters − 2: the test is not run
};

// Estimates must share their clusters; with none, degrees_of_freedom is 0 and p_value 1.
WaldTest JointWaldTest(std::span<const ClusterScoredEstimate* const> estimates);

}  // namespace continuum
