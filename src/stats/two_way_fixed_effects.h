// The two regressions an evaluator expects beside the staggered estimator, on a balanced panel
// with cluster-robust (CR1) standard errors:
//   - two-way fixed effects: y_it = α_i + λ_t + β D_it (+ γ'x_it), D_it = 1 from a unit's start
//     on. Under staggered starts with effects that change over time β weighs some effects
//     negatively (Goodman-Bacon, J. Econometrics 225:254, 2021), which is why it is shown as a
//     comparison and not as the answer;
//   - the two-by-two difference-in-differences, y = a + b·treated + c·post + d·treated·post,
//     when every treated unit starts in the same period.
// Both give the coefficients and standard errors statsmodels' OLS gives with unit and period
// dummies and cov_type="cluster".
//
//   Result<ClusteredOlsFit> twfe = EstimateTwoWayFixedEffects(panel);
//   twfe->coefficients[0];        // β
#pragma once

#include <vector>

#include "core/status.h"
#include "stats/balanced_panel.h"
#include "stats/clustered_ols.h"

namespace continuum {

// Coefficient 0 is β, then one for each covariate in `covariates`. The unit and period effects
// are swept out (on a balanced panel the two-way demeaning y_it − ȳ_i − ȳ_t + ȳ is exact) and
// counted in K; a covariate that never changes within a unit is swept out with them, and left
// out of `covariates`.
struct TwoWayFixedEffectsFit {
  ClusteredOlsFit fit;
  std::vector<size_t> covariates;  // indexes into the panel's covariates, in coefficient order
};
Result<TwoWayFixedEffectsFit> EstimateTwoWayFixedEffects(const BalancedPanel& panel);

// Coefficients a, b, c, d in that order. InvalidInput unless every treated unit starts in the
// same period and some unit is never treated.
Result<ClusteredOlsFit> EstimateTwoByTwo(const BalancedPanel& panel);

}  // namespace continuum
