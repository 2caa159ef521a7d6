#include "stats/poisson_regression.h"

#include <algorithm>
#include <string>

#include "stats/symmetric_solve.h"

namespace continuum {
namespace {

constexpr int kMaxIterations = 100;
// Converged when the largest component of the score, over the rows, is below this.
constexpr double kTolerance = 1e-12;

double Deviance(std::span<const double> y, const std::vector<double>& mu,
                std::span<const double> weight) {
  double deviance = 0;
  for (size_t i = 0; i < y.size(); ++i) {
    deviance += (weight.empty() ? 1.0 : weight[i]) * 2 *
                ((y[i] > 0 ? y[i] * std::log(y[i] / mu[i]) : 0.0) - (y[i] - mu[i]));
  }
  return deviance;
}

}  // namespace

Result<PoissonFit> FitPoisson(std::span<const double> x, size_t columns, std::span<const double> y,
                              std::span<const double> offset, std::span<const double> weight) {
  const size_t n = y.size(), p = columns;
  if (p == 0 || x.size() != n * p || offset.size() != n ||
      (!weight.empty() && weight.size() != n)) {
    return Status::InvalidInput("a Poisson regression needs one row of " + std::to_string(p) +
                                " values, a count and an offset for each of " + std::to_string(n) +
                                " rows");
  }
  if (n < p) {
    return Status::InvalidInput("a Poisson regression with " + std::to_string(p) +
                                " columns needs at least as many rows (got " + std::to_string(n) +
                                ")");
  }
  for (size_t i = 0; i < n; ++i) {
    if (!std::isfinite(y[i]) || y[i] < 0 || !std::isfinite(offset[i]) ||
        (!weight.empty() && !(weight[i] >= 0 && std::isfinite(weight[i])))) {
      return Status::InvalidInput("row " + std::to_string(i + 1) +
                                  " of a Poisson regression has a negative or non-finite count, "
                                  "offset or weight");
    }
  }
  for (double v : x) {
    if (!std::isfinite(v)) {
      return Status::InvalidInput("a Poisson regression's design has a NaN or infinite value");
    }
  }

  // Start from the overall rate on the first column when it is the intercept, else from zero.
  std::vector<double> beta(p, 0.0);
  double events = 0, exposure = 0;
  auto w = [&](size_t i) { return weight.empty() ? 1.0 : weight[i]; };
  for (size_t i = 0; i < n; ++i) {
    events += w(i) * y[i];
    exposure += w(i) * std::exp(offset[i]);
  }
  bool intercept = true;
  for (size_t i = 0; i < n && intercept; ++i) intercept = x[i * p] == 1.0;
  if (intercept && events > 0 && exposure > 0) beta[0] = std::log(events / exposure);

  std::vector<double> mu(n), hessian(p * p), score(p);
  auto predict = [&](const std::vector<double>& b, std::vector<double>* out) {
    for (size_t i = 0; i < n; ++i) {
      double eta = offset[i];
      for (size_t j = 0; j < p; ++j) eta += x[i * p + j] * b[j];
      (*out)[i] = std::exp(std::min(eta, 700.0));
    }
  };
  predict(beta, &mu);
  double deviance = Deviance(y, mu, weight);
  PoissonFit fit;
  for (fit.iterations = 1; fit.iterations <= kMaxIterations; ++fit.iterations) {
    std::fill(hessian.begin(), hessian.end(), 0.0);
    std::fill(score.begin(), score.end(), 0.0);
    for (size_t i = 0; i < n; ++i) {
      const double* row = &x[i * p];
      const double residual = w(i) * (y[i] - mu[i]), curvature = w(i) * mu[i];
      for (size_t j = 0; j < p; ++j) {
        score[j] += row[j] * residual;
        for (size_t k = j; k < p; ++k) hessian[j * p + k] += curvature * row[j] * row[k];
      }
    }
    double largest = 0;
    for (double s : score) largest = std::max(largest, std::fabs(s));
    if (largest <= kTolerance * static_cast<double>(n)) break;
    auto step = SolveSymmetric(hessian, score);
    if (!step.ok()) return step.status();
    // Halve the step until the deviance does not rise (the likelihood is concave, so a full
    // Newton step is nearly always taken).
    std::vector<double> next(p), next_mu(n);
    double scale = 1, next_deviance = deviance;
    for (int halving = 0; halving < 30; ++halving, scale /= 2) {
      for (size_t j = 0; j < p; ++j) next[j] = beta[j] + scale * (*step)[j];
      predict(next, &next_mu);
      next_deviance = Deviance(y, next_mu, weight);
      if (next_deviance <= deviance * (1 + 1e-12) + 1e-12) break;
    }
    beta = next;
    mu = next_mu;
    deviance = next_deviance;
  }
  // Separation drives some fitted means towards zero as a coefficient runs off to infinity; no
  // real rate is ten orders of magnitude below the mean count.
  const bool separated = events > 0 && *std::min_element(mu.begin(), mu.end()) <
                                           1e-10 * events / static_cast<double>(n);
  if (fit.iterations > kMaxIterations || separated) {
    return Status::InvalidInput(
        "the Poisson regression did not converge: a characteristic may predict no events at all");
  }

  // The sandwich: bread = (XᵀWMX)⁻¹, column by column; meat = Σ xᵢxᵢᵀ wᵢ²(yᵢ − μᵢ)².
  std::vector<double> bread(p * p), meat(p * p, 0.0);
  for (size_t j = 0; j < p; ++j) {
    std::vector<double> unit(p, 0.0);
    unit[j] = 1;
    auto column = SolveSymmetric(hessian, unit);
    if (!column.ok()) return column.status();
    for (size_t k = 0; k < p; ++k) bread[k * p + j] = (*column)[k];
  }
  for (size_t i = 0; i < n; ++i) {
    const double* row = &x[i * p];
    const double r2 = w(i) * w(i) * (y[i] - mu[i]) * (y[i] - mu[i]);
    for (size_t j = 0; j < p; ++j) {
      for (size_t k = 0; k < p; ++k) meat[j * p + k] += r2 * row[j] * row[k];
    }
  }
  std::vector<double> half(p * p, 0.0);
  fit.covariance.assign(p * p, 0.0);
  for (size_t a = 0; a < p; ++a)
    for (size_t b = 0; b < p; ++b)
      for (size_t k = 0; k < p; ++k) half[a * p + b] += bread[a * p + k] * meat[k * p + b];
  for (size_t a = 0; a < p; ++a)
    for (size_t b = 0; b < p; ++b)
      for (size_t k = 0; k < p; ++k)
        fit.covariance[a * p + b] += half[a * p + k] * bread[k * p + b];
  fit.coefficient = std::move(beta);
  fit.deviance = deviance;
  return fit;
}

}  // namespace continuum
