#include "stats/clustered_ols.h"

#include <cmath>

#include "stats/symmetric_solve.h"

namespace continuum {

Result<ClusteredOlsFit> FitClusteredOls(std::span<const double> x, size_t columns,
                                        std::span<const double> y, std::span<const int32_t> cluster,
                                        int32_t clusters, int64_t absorbed_parameters) {
  const size_t n = y.size();
  const size_t k = columns;
  if (clusters < 2) {
    return Status::InvalidInput("cluster-robust standard errors need at least two clusters");
  }
  if (static_cast<int64_t>(n) <= static_cast<int64_t>(k) + absorbed_parameters) {
    return Status::InvalidInput("the regression has " + std::to_string(k + absorbed_parameters) +
                                " parameters and only " + std::to_string(n) + " observations");
  }
  std::vector<double> xtx(k * k, 0.0), xty(k, 0.0);
  for (size_t i = 0; i < n; ++i) {
    const double* row = x.data() + i * k;
    if (!std::isfinite(y[i])) return Status::InvalidInput("an outcome is not a finite number");
    for (size_t a = 0; a < k; ++a) {
      if (!std::isfinite(row[a])) return Status::InvalidInput("a regressor is not finite");
      xty[a] += row[a] * y[i];
      for (size_t b = a; b < k; ++b) xtx[a * k + b] += row[a] * row[b];
    }
  }
  for (size_t a = 0; a < k; ++a) {
    for (size_t b = 0; b < a; ++b) xtx[a * k + b] = xtx[b * k + a];
  }
  // (XᵀX)⁻¹, a column at a time; a collinear design is refused rather than given the
  // minimum-norm answer, since its coefficients would mean nothing.
  std::vector<double> inverse(k * k);
  for (size_t j = 0; j < k; ++j) {
    std::vector<double> unit(k, 0.0);
    unit[j] = 1;
    auto column = SolveSymmetric(xtx, unit);
    if (!column.ok()) return column.status();
    for (size_t a = 0; a < k; ++a) inverse[a * k + j] = (*column)[a];
  }
  for (size_t a = 0; a < k; ++a) {
    double check = 0;
    for (size_t b = 0; b < k; ++b) check += xtx[a * k + b] * inverse[b * k + a];
    if (std::fabs(check - 1) > 1e-6) {
      return Status::InvalidInput("the regressors are collinear: a coefficient is not identified");
    }
  }
  ClusteredOlsFit fit;
  fit.coefficients.assign(k, 0.0);
  for (size_t a = 0; a < k; ++a) {
    for (size_t b = 0; b < k; ++b) fit.coefficients[a] += inverse[a * k + b] * xty[b];
  }
  // The meat: Σ_c (X_cᵀ e_c)(X_cᵀ e_c)ᵀ.
  std::vector<double> score(static_cast<size_t>(clusters) * k, 0.0);
  for (size_t i = 0; i < n; ++i) {
    const double* row = x.data() + i * k;
    double residual = y[i];
    for (size_t a = 0; a < k; ++a) residual -= row[a] * fit.coefficients[a];
    double* s = score.data() + static_cast<size_t>(cluster[i]) * k;
    for (size_t a = 0; a < k; ++a) s[a] += row[a] * residual;
  }
  std::vector<double> meat(k * k, 0.0);
  for (int32_t c = 0; c < clusters; ++c) {
    const double* s = score.data() + static_cast<size_t>(c) * k;
    for (size_t a = 0; a < k; ++a) {
      for (size_t b = 0; b < k; ++b) meat[a * k + b] += s[a] * s[b];
    }
  }
  fit.observations = static_cast<int64_t>(n);
  fit.parameters = static_cast<int64_t>(k) + absorbed_parameters;
  fit.clusters = clusters;
  const double g = clusters;
  const double factor = g / (g - 1) * (static_cast<double>(n) - 1) /
                        static_cast<double>(fit.observations - fit.parameters);
  fit.std_errors.assign(k, 0.0);
  for (size_t a = 0; a < k; ++a) {
    // (B meat B)[a][a] with B symmetric.
    double v = 0;
    for (size_t b = 0; b < k; ++b) {
      for (size_t c = 0; c < k; ++c) v += inverse[a * k + b] * meat[b * k + c] * inverse[c * k + a];
    }
    fit.std_errors[a] = std::sqrt(factor * v);
  }
  return fit;
}

}  // namespace continuum
