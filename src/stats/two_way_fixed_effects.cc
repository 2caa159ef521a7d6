#include "stats/two_way_fixed_effects.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace continuum {
namespace {

// y_it − ȳ_i − ȳ_t + ȳ for a unit-major column of units × periods values.
std::vector<double> SweepUnitsAndPeriods(const std::vector<double>& values, int32_t units,
                                         int32_t periods) {
  std::vector<double> unit_mean(units, 0.0), period_mean(periods, 0.0);
  double mean = 0;
  for (int32_t u = 0; u < units; ++u) {
    for (int32_t t = 0; t < periods; ++t) {
      const double v = values[static_cast<size_t>(u) * periods + t];
      unit_mean[u] += v;
      period_mean[t] += v;
    }
  }
  for (double& m : unit_mean) {
    mean += m;
    m /= periods;
  }
  for (double& m : period_mean) m /= units;
  mean /= static_cast<double>(units) * periods;
  std::vector<double> swept(values.size());
  for (int32_t u = 0; u < units; ++u) {
    for (int32_t t = 0; t < periods; ++t) {
      const size_t i = static_cast<size_t>(u) * periods + t;
      swept[i] = values[i] - unit_mean[u] - period_mean[t] + mean;
    }
  }
  return swept;
}

bool Treated(const BalancedPanel& panel, int32_t unit, int32_t period) {
  const int32_t start = panel.first_treated[unit];
  return start != kNeverTreated && period >= start;
}

std::vector<int32_t> RowClusters(const BalancedPanel& panel) {
  std::vector<int32_t> rows(panel.outcome.size());
  for (int32_t u = 0; u < panel.units; ++u) {
    for (int32_t t = 0; t < panel.periods; ++t) {
      rows[static_cast<size_t>(u) * panel.periods + t] = panel.cluster[u];
    }
  }
  return rows;
}

}  // namespace

Result<TwoWayFixedEffectsFit> EstimateTwoWayFixedEffects(const BalancedPanel& panel) {
  TwoWayFixedEffectsFit out;
  const size_t rows = panel.outcome.size();
  std::vector<std::vector<double>> regressors;
  std::vector<double> treated(rows);
  for (int32_t u = 0; u < panel.units; ++u) {
    for (int32_t t = 0; t < panel.periods; ++t) {
      treated[static_cast<size_t>(u) * panel.periods + t] = Treated(panel, u, t);
    }
  }
  regressors.push_back(SweepUnitsAndPeriods(treated, panel.units, panel.periods));
  for (size_t k = 0; k < panel.covariates.size(); ++k) {
    std::vector<double> swept =
        SweepUnitsAndPeriods(panel.covariates[k], panel.units, panel.periods);
    double largest = 0, scale = 0;
    for (size_t i = 0; i < rows; ++i) {
      largest = std::max(largest, std::fabs(swept[i]));
      scale = std::max(scale, std::fabs(panel.covariates[k][i]));
    }
    if (largest <= 1e-12 * std::max(1.0, scale)) continue;  // fixed within units: absorbed
    regressors.push_back(std::move(swept));
    out.covariates.push_back(k);
  }
  const size_t k = regressors.size();
  std::vector<double> x(rows * k);
  for (size_t i = 0; i < rows; ++i) {
    for (size_t j = 0; j < k; ++j) x[i * k + j] = regressors[j][i];
  }
  const std::vector<double> y = SweepUnitsAndPeriods(panel.outcome, panel.units, panel.periods);
  // The intercept, the units' effects but one and the periods' effects but one.
  const int64_t absorbed = int64_t{panel.units} + panel.periods - 1;
  auto fit = FitClusteredOls(x, k, y, RowClusters(panel), panel.clusters, absorbed);
  if (!fit.ok()) return fit.status();
  out.fit = std::move(*fit);
  return out;
}

Result<ClusteredOlsFit> EstimateTwoByTwo(const BalancedPanel& panel) {
  int32_t start = kNeverTreated;
  bool never = false;
  for (int32_t u = 0; u < panel.units; ++u) {
    const int32_t g = panel.first_treated[u];
    if (g == kNeverTreated) {
      never = true;
    } else if (start == kNeverTreated) {
      start = g;
    } else if (g != start) {
      return Status::InvalidInput(
          "the two-by-two comparison needs every treated unit to start in the same period");
    }
  }
  if (start == kNeverTreated || !never) {
    return Status::InvalidInput(
        "the two-by-two comparison needs treated units and units never treated");
  }
  const size_t rows = panel.outcome.size();
  std::vector<double> x(rows * 4);
  for (int32_t u = 0; u < panel.units; ++u) {
    const double treated = panel.first_treated[u] != kNeverTreated;
    for (int32_t t = 0; t < panel.periods; ++t) {
      const double post = t >= start;
      double* row = x.data() + (static_cast<size_t>(u) * panel.periods + t) * 4;
      row[0] = 1;
      row[1] = treated;
      row[2] = post;
      row[3] = treated * post;
    }
  }
  return FitClusteredOls(x, 4, panel.outcome, RowClusters(panel), panel.clusters);
}

}  // namespace continuum
