// Matched comparison: each treated unit's nearest comparison units by Mahalanobis distance on
// their baseline characteristics, within a caliper, with replacement (a comparison unit may be
// the match of several), and the balance table that shows whether matching worked: each
// variable's standardised mean difference before and after, flagged above 0.1 (Austin,
// "Balance diagnostics for comparing the distribution of baseline covariates between treatment
// groups in propensity-score matched samples", Statistics in Medicine 28:3083, 2009).
//
// Mahalanobis distance rather than a propensity score: an evaluation of ICOs has tens of
// practices on each side, too few to fit a propensity model that does not overfit, and the
// distance weighs each characteristic by its spread and their correlations without one (Rubin,
// "Bias reduction using Mahalanobis-metric matching", Biometrics 36:293, 1980).
//
//   Matching m = MatchNearest(treated, pool, /*matches=*/3, /*caliper=*/1.0);
//   m.comparison;   // the pool units matched to any treated unit
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace continuum {

struct Matching {
  // For each treated unit, the pool units within the caliper, nearest first (at most `matches`).
  std::vector<std::vector<int32_t>> matches;
  std::vector<int32_t> comparison;  // every pool unit matched at least once, ascending
  std::vector<int32_t> unmatched;   // treated units with no pool unit within the caliper
  std::vector<double> nearest;      // each treated unit's distance to its nearest pool unit
};

// `treated` and `pool` hold one row of characteristics per unit, all of the same width. The
// covariance is that of all units together; a characteristic that does not vary is left out of
// the distance.
Matching MatchNearest(const std::vector<std::vector<double>>& treated,
                      const std::vector<std::vector<double>>& pool, int32_t matches,
                      double caliper);

struct BalanceRow {
  std::string variable;
  double treated_mean = 0;
  double pool_mean = 0;             // the whole pool, before matching
  double matched_treated_mean = 0;  // the treated units that found a match
  double matched_mean = 0;          // the matched comparison units
  double smd_before = 0;            // (treated − pool) / √((s²_treated + s²_pool) / 2)
  double smd_after = 0;             // (matched treated − matched) / the same denominator
  bool imbalanced = false;          // |smd_after| ≥ 0.1
};

// The balance of every characteristic before and after matching; after matching the treated
// mean is over the treated units that found a match.
std::vector<BalanceRow> BalanceTable(const std::vector<std::string>& variables,
                                     const std::vector<std::vector<double>>& treated,
                                     const std::vector<std::vector<double>>& pool,
                                     const Matching& matching);
// The balance of groups compared without matching: the after columns are the before ones.
std::vector<BalanceRow> BalanceTable(const std::vector<std::string>& variables,
                                     const std::vector<std::vector<double>>& treated,
                                     const std::vector<std::vector<double>>& pool);

}  // namespace continuum
