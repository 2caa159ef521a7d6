// An estimate together with its influence function summed within each cluster: the estimate's
// error is, to first order, the sum of those cluster scores. Everything inference needs follows
// from them — the cluster-robust standard error, a wild cluster bootstrap, a joint Wald test —
// and scores of estimates from the same data combine linearly, as their estimates do.
//
//   ClusterScoredEstimate att = ...;                  // from EstimateStaggeredDid
//   double se = ClusterRobustStandardError(att);      // √(G/(G−1) Σ_c S_c²)
#pragma once

#include <cmath>
#include <vector>

namespace continuum {

struct ClusterScoredEstimate {
  double estimate = 0;
  std::vector<double> cluster_scores;  // one a cluster: Σ over its units of the influence function
};

// √(G/(G−1) Σ_c S_c²): the sandwich variance of a linear estimator with the usual small-sample
// factor for G clusters (as Stata's and statsmodels' cluster-robust CR1 apply it); 0 with fewer
// than two clusters.
// How an estimate's residuals move in a wild bootstrap replicate (wild_cluster_bootstrap.h):
// refitting the model to the replicate's outcomes recentres them, which adds to the replicate's
// score in cluster c  leverage[c] × Σ_c' w_c' source[c']  for each of these an estimate has
// (one a fitted mean or regression coefficient).
struct Recentring {
  std::vector<double> leverage;  // one a cluster
  std::vector<double> source;    // one a cluster
};

inline double ClusterRobustStandardError(const ClusterScoredEstimate& e) {
  const size_t g = e.cluster_scores.size();
  if (g < 2) return 0;
  double sum = 0;
  for (const double s : e.cluster_scores) sum += s * s;
  return std::sqrt(sum * static_cast<double>(g) / static_cast<double>(g - 1));
}

}  // namespace continuum
