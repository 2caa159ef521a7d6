// Ordinary least squares with cluster-robust (sandwich) standard errors, for the regressions an
// evaluation reports beside its main estimator: the two-by-two difference-in-differences and the
// two-way fixed-effects regression (two_way_fixed_effects.h). The small-sample factor is the one
// Stata and statsmodels apply by default (CR1): G/(G−1) × (N−1)/(N−K), where K counts every
// parameter, those absorbed by fixed effects included.
//
//   // y = a + b·treated + c·post + d·treated·post, clustered by practice
//   Result<ClusteredOlsFit> fit = FitClusteredOls(x, /*columns=*/4, y, practice, practices);
//   fit->coefficients[3], fit->std_errors[3];
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/status.h"

namespace continuum {

struct ClusteredOlsFit {
  std::vector<double> coefficients;
  std::vector<double> std_errors;
  int64_t observations = 0;
  int64_t parameters = 0;  // K, absorbed ones included
  int32_t clusters = 0;
};

// `x` is row-major, `columns` wide, one row per element of `y`; `cluster` gives each row's
// cluster in [0, clusters). `absorbed_parameters` are parameters already swept out of x and y
// (fixed effects), counted in K. InvalidInput with fewer than two clusters, as many parameters as
// rows, a value that is not finite, or columns that are exactly collinear.
Result<ClusteredOlsFit> FitClusteredOls(std::span<const double> x, size_t columns,
                                        std::span<const double> y, std::span<const int32_t> cluster,
                                        int32_t clusters, int64_t absorbed_parameters = 0);

}  // namespace continuum
