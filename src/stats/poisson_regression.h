// Poisson regression with an offset: counts of events (admissions, attendances) over each unit's
// exposure, log E[yᵢ] = offsetᵢ + xᵢβ with offsetᵢ = log(years at risk), fitted by maximum
// likelihood (Newton's method, which for the canonical log link is iteratively reweighted least
// squares). exp(β) of a 0/1 column is a rate ratio. Standard errors are the robust sandwich
// (White's HC0: (XᵀMX)⁻¹ Xᵀdiag((y − μ)²)X (XᵀMX)⁻¹, M = diag(μ)), valid when the counts are
// overdispersed, as health care use is, since only the mean model must be right (Cameron and
// Trivedi, "Regression Analysis of Count Data", 2nd ed., 2013, ch. 3). statsmodels' GLM with
// family Poisson, `offset` and cov_type="HC0" gives the same figures.
//
//   // rows of {1, treated, age}; y = admissions; offset = log(years)
//   Result<PoissonFit> fit = FitPoisson(x, 3, y, offset);
//   std::exp(fit->coefficient[1]);                // the rate ratio for `treated`
//   fit->StandardError(1);                        // of its log
#pragma once

#include <cmath>
#include <span>
#include <vector>

#include "core/status.h"

namespace continuum {

struct PoissonFit {
  std::vector<double> coefficient;  // one a column of the design
  std::vector<double> covariance;   // robust (HC0), columns × columns, row-major
  int iterations = 0;
  double deviance = 0;  // 2 Σ [y log(y/μ) − (y − μ)]

  double StandardError(size_t column) const {
    return std::sqrt(covariance[column * coefficient.size() + column]);
  }
};

// `x` holds the design row-major, `columns` wide (include a column of ones for an intercept);
// `y` the counts (non-negative) and `offset` the log exposure, one a row; `weight`, when given,
// how much each row counts (a matched comparison patient used by several cases) as statsmodels'
// `var_weights`: each row's score is weighted, and the sandwich's meat sums the weighted scores'
// squares, a row remaining one independent unit. InvalidInput when the
// shapes disagree, a value is negative, NaN or infinite, there are fewer rows than columns, or
// Newton's method does not converge (a column that predicts zero counts perfectly).
Result<PoissonFit> FitPoisson(std::span<const double> x, size_t columns, std::span<const double> y,
                              std::span<const double> offset, std::span<const double> weight = {});

}  // namespace continuum
