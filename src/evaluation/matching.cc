#include "evaluation/matching.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "stats/symmetric_solve.h"

namespace continuum {
namespace {

struct Moments {
  double mean = 0, variance = 0;
};

Moments MomentsOf(const std::vector<double>& values) {
  Moments m;
  if (values.empty()) return m;
  m.mean = std::accumulate(values.begin(), values.end(), 0.0) / values.size();
  if (values.size() < 2) return m;
  for (const double v : values) m.variance += (v - m.mean) * (v - m.mean);
  m.variance /= values.size() - 1;
  return m;
}

std::vector<double> Column(const std::vector<std::vector<double>>& rows, size_t j,
                           const std::vector<int32_t>* only = nullptr) {
  std::vector<double> out;
  if (only == nullptr) {
    for (const auto& row : rows) out.push_back(row[j]);
  } else {
    for (const int32_t i : *only) out.push_back(rows[i][j]);
  }
  return out;
}

}  // namespace

Matching MatchNearest(const std::vector<std::vector<double>>& treated,
                      const std::vector<std::vector<double>>& pool, int32_t matches,
                      double caliper) {
  Matching out;
  out.matches.resize(treated.size());
  out.nearest.assign(treated.size(), std::numeric_limits<double>::infinity());
  if (treated.empty() || pool.empty()) {
    for (size_t t = 0; t < treated.size(); ++t) out.unmatched.push_back(static_cast<int32_t>(t));
    return out;
  }
  const size_t width = treated[0].size();
  // The covariance of all units, over the characteristics that vary.
  std::vector<std::vector<double>> all(treated);
  all.insert(all.end(), pool.begin(), pool.end());
  std::vector<size_t> used;
  std::vector<double> mean(width, 0.0);
  for (size_t j = 0; j < width; ++j) {
    const Moments m = MomentsOf(Column(all, j));
    mean[j] = m.mean;
    if (m.variance > 1e-12 * std::max(1.0, m.mean * m.mean)) used.push_back(j);
  }
  const size_t k = used.size();
  std::vector<double> covariance(k * k, 0.0);
  for (size_t a = 0; a < k; ++a) {
    for (size_t b = a; b < k; ++b) {
      double sum = 0;
      for (const auto& row : all)
        sum += (row[used[a]] - mean[used[a]]) * (row[used[b]] - mean[used[b]]);
      covariance[a * k + b] = covariance[b * k + a] = sum / std::max<size_t>(1, all.size() - 1);
    }
  }
  auto distance = [&](const std::vector<double>& x, const std::vector<double>& y) {
    if (k == 0) return 0.0;
    std::vector<double> d(k);
    for (size_t a = 0; a < k; ++a) d[a] = x[used[a]] - y[used[a]];
    auto solved = SolveSymmetric(covariance, d);
    double sum = 0;
    for (size_t a = 0; a < k; ++a) sum += d[a] * (solved.ok() ? (*solved)[a] : 0.0);
    return std::sqrt(std::max(0.0, sum));
  };
  std::vector<char> chosen(pool.size(), 0);
  for (size_t t = 0; t < treated.size(); ++t) {
    std::vector<std::pair<double, int32_t>> near;
    for (size_t c = 0; c < pool.size(); ++c) {
      const double d = distance(treated[t], pool[c]);
      out.nearest[t] = std::min(out.nearest[t], d);
      if (d <= caliper) near.emplace_back(d, static_cast<int32_t>(c));
    }
    std::sort(near.begin(), near.end());
    if (near.size() > static_cast<size_t>(matches)) near.resize(matches);
    if (near.empty()) out.unmatched.push_back(static_cast<int32_t>(t));
    for (const auto& [d, c] : near) {
      out.matches[t].push_back(c);
      chosen[c] = 1;
    }
  }
  for (size_t c = 0; c < pool.size(); ++c) {
    if (chosen[c]) out.comparison.push_back(static_cast<int32_t>(c));
  }
  return out;
}

namespace {

// The balance of each characteristic, after matching over `matched_treated` and `comparison`.
std::vector<BalanceRow> Balance(const std::vector<std::string>& variables,
                                const std::vector<std::vector<double>>& treated,
                                const std::vector<std::vector<double>>& pool,
                                const std::vector<int32_t>& matched_treated,
                                const std::vector<int32_t>& comparison) {
  std::vector<BalanceRow> rows;
  for (size_t j = 0; j < variables.size(); ++j) {
    BalanceRow row;
    row.variable = variables[j];
    const Moments t = MomentsOf(Column(treated, j)), p = MomentsOf(Column(pool, j));
    const Moments mt = MomentsOf(Column(treated, j, &matched_treated));
    const Moments mc = MomentsOf(Column(pool, j, &comparison));
    row.treated_mean = t.mean;
    row.pool_mean = p.mean;
    row.matched_treated_mean = mt.mean;
    row.matched_mean = mc.mean;
    const double spread = std::sqrt((t.variance + p.variance) / 2);
    if (spread > 0) {
      row.smd_before = (t.mean - p.mean) / spread;
      row.smd_after = (mt.mean - mc.mean) / spread;
    }
    row.imbalanced = std::fabs(row.smd_after) >= 0.1;
    rows.push_back(row);
  }
  return rows;
}

std::vector<int32_t> Every(size_t n) {
  std::vector<int32_t> all(n);
  for (size_t i = 0; i < n; ++i) all[i] = static_cast<int32_t>(i);
  return all;
}

}  // namespace

std::vector<BalanceRow> BalanceTable(const std::vector<std::string>& variables,
                                     const std::vector<std::vector<double>>& treated,
                                     const std::vector<std::vector<double>>& pool,
                                     const Matching& matching) {
  std::vector<int32_t> matched_treated;
  for (size_t t = 0; t < treated.size(); ++t) {
    if (!matching.matches[t].empty()) matched_treated.push_back(static_cast<int32_t>(t));
  }
  return Balance(variables, treated, pool, matched_treated, matching.comparison);
}

std::vector<BalanceRow> BalanceTable(const std::vector<std::string>& variables,
                                     const std::vector<std::vector<double>>& treated,
                                     const std::vector<std::vector<double>>& pool) {
  return Balance(variables, treated, pool, Every(treated.size()), Every(pool.size()));
}

}  // namespace continuum
