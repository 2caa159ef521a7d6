#include "stats/wild_cluster_bootstrap.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "core/parallel.h"
#include "core/random.h"
#include "stats/symmetric_solve.h"

namespace continuum {
namespace {

constexpr int32_t kWebbBelow = 12;
constexpr int32_t kReplicatesPerTask = 64;

// One replicate's weight for each cluster, from its own stream so that replicates do not depend
// on which thread draws them.
void DrawWeights(BootstrapWeights kind, uint64_t seed, int32_t replicate, std::vector<double>* w) {
  FastRng rng = FastRng::ForStream(seed, static_cast<uint64_t>(replicate));
  static constexpr double kWebb[6] = {-1.224744871391589, -1.0, -0.7071067811865476,
                                      0.7071067811865476, 1.0,  1.224744871391589};
  if (kind == BootstrapWeights::kRademacher) {
    uint64_t bits = 0;
    for (size_t c = 0; c < w->size(); ++c) {
      if (c % 64 == 0) bits = rng.Next();
      (*w)[c] = (bits >> (c % 64)) & 1 ? 1.0 : -1.0;
    }
  } else {
    for (double& weight : *w) {
      weight = kWebb[((rng.Next() >> 32) * 6) >> 32];
    }
  }
}

// The q-quantile of `values` (sorted in place) as the ⌈q (n + 1)⌉-th smallest, the usual rule
// for bootstrap critical values (with 999 replicates and q = 0.95, the 950th).
double UpperQuantile(std::vector<float>& values, double q) {
  const size_t n = values.size();
  // A replicate whose t* is not a number (a zero or overflowing variance) counts as extreme, and
  // keeps the ordering nth_element needs.
  for (float& v : values) {
    if (std::isnan(v)) v = std::numeric_limits<float>::infinity();
  }
  size_t rank = static_cast<size_t>(std::ceil(q * static_cast<double>(n + 1)));
  rank = std::clamp<size_t>(rank, 1, n);
  std::nth_element(values.begin(), values.begin() + (rank - 1), values.end());
  return values[rank - 1];
}

// A vector over clusters kept as its non-zero entries.
struct Sparse {
  std::vector<int32_t> at;
  std::vector<double> value;
  explicit Sparse(const std::vector<double>& dense) {
    for (size_t c = 0; c < dense.size(); ++c) {
      if (dense[c] != 0) {
        at.push_back(static_cast<int32_t>(c));
        value.push_back(dense[c]);
      }
    }
  }
  double Dot(const std::vector<double>& w) const {
    double sum = 0;
    for (size_t i = 0; i < at.size(); ++i) sum += w[at[i]] * value[i];
    return sum;
  }
};

// The request laid out for the replicates. Estimates from one panel share few distinct
// leverages (every ATT(g, t) of a group refits the same treated mean, and with never-treated
// comparisons every cell the same comparison mean), so a replicate sums each target's
// recentring per distinct leverage and adds each leverage once.
struct Plan {
  std::vector<Sparse> sources;       // one per recentring of every base
  std::vector<int32_t> leverage_of;  // its distinct leverage
  std::vector<Sparse> leverages;     // the distinct leverages
  struct Part {
    int32_t recentring;
    double weight;
  };
  std::vector<std::vector<Part>> parts;                // per target
  std::vector<std::vector<int32_t>> target_leverages;  // per target, each distinct leverage once
  // Per target, the clusters its replicate scores can be non-zero in (its own scores' and its
  // leverages'), ascending: a group-time effect touches only its group's and its comparison's
  // clusters, so a replicate skips the rest.
  std::vector<std::vector<int32_t>> support;
};

Plan MakePlan(const BootstrapRequest& request) {
  Plan plan;
  std::map<std::vector<double>, int32_t> distinct;
  std::vector<std::vector<int32_t>> recentrings_of(request.bases.size());
  for (size_t b = 0; b < request.bases.size(); ++b) {
    for (const Recentring& r : *request.bases[b]) {
      const auto [it, added] =
          distinct.try_emplace(r.leverage, static_cast<int32_t>(plan.leverages.size()));
      if (added) plan.leverages.emplace_back(r.leverage);
      recentrings_of[b].push_back(static_cast<int32_t>(plan.sources.size()));
      plan.sources.emplace_back(r.source);
      plan.leverage_of.push_back(it->second);
    }
  }
  for (const BootstrapTarget& target : request.targets) {
    std::vector<Plan::Part> parts;
    std::set<int32_t> used;
    for (const auto& [b, weight] : target.bases) {
      for (const int32_t r : recentrings_of[b]) {
        parts.push_back({r, weight});
        used.insert(plan.leverage_of[r]);
      }
    }
    plan.parts.push_back(std::move(parts));
    plan.target_leverages.emplace_back(used.begin(), used.end());
    const std::vector<double>& scores = target.estimate->cluster_scores;
    std::vector<char> touched(scores.size(), 0);
    for (size_t c = 0; c < scores.size(); ++c) touched[c] = scores[c] != 0;
    for (const int32_t l : plan.target_leverages.back()) {
      for (const int32_t c : plan.leverages[l].at) touched[c] = 1;
    }
    std::vector<int32_t> support;
    for (size_t c = 0; c < touched.size(); ++c) {
      if (touched[c]) support.push_back(static_cast<int32_t>(c));
    }
    plan.support.push_back(std::move(support));
  }
  return plan;
}

uint64_t DistinctDraws(BootstrapWeights weights, int32_t clusters) {
  const double base = weights == BootstrapWeights::kWebb ? 6 : 2;
  return clusters * std::log2(base) >= 62
             ? (uint64_t{1} << 62)
             : static_cast<uint64_t>(std::llround(std::pow(base, clusters)));
}

// θ' V⁻¹ θ with V = factor × Σ_c s_c s_cᵀ over the rows of `scores`; 0 when V is singular.
double WaldStatistic(const std::vector<double>& theta,
                     const std::vector<std::vector<double>>& scores, double factor) {
  const size_t k = theta.size();
  std::vector<double> v(k * k, 0.0);
  for (size_t a = 0; a < k; ++a) {
    for (size_t b = a; b < k; ++b) {
      double sum = 0;
      for (size_t c = 0; c < scores[a].size(); ++c) sum += scores[a][c] * scores[b][c];
      v[a * k + b] = v[b * k + a] = sum * factor;
    }
  }
  auto solved = SolveSymmetric(v, theta);
  if (!solved.ok()) return 0;
  double w = 0;
  for (size_t a = 0; a < k; ++a) w += theta[a] * (*solved)[a];
  return w;
}

}  // namespace

BootstrapWeights WeightsForClusters(int32_t clusters) {
  return clusters < kWebbBelow ? BootstrapWeights::kWebb : BootstrapWeights::kRademacher;
}

WildClusterBootstrap RunWildClusterBootstrap(const BootstrapRequest& request,
                                             const BootstrapOptions& options) {
  WildClusterBootstrap out;
  const std::span<const BootstrapTarget> targets = request.targets;
  if (targets.empty()) return out;
  const int32_t clusters = static_cast<int32_t>(targets[0].estimate->cluster_scores.size());
  out.clusters = clusters;
  out.weights = WeightsForClusters(clusters);
  out.distinct_draws = DistinctDraws(out.weights, clusters);
  const size_t n = targets.size();
  out.intervals.resize(n);
  for (size_t e = 0; e < n; ++e) {
    out.intervals[e].std_error = ClusterRobustStandardError(*targets[e].estimate);
  }
  // Each replicate's standard error carries the same small-sample factor G/(G−1) as the
  // estimate's.
  const double factor = clusters > 1 ? clusters / (clusters - 1.0) : 1.0;
  const Plan plan = MakePlan(request);
  std::vector<int32_t> tested_slot(n, -1);  // where a jointly tested target sits in the test
  std::vector<double> theta;
  std::vector<std::vector<double>> observed_scores;
  for (const size_t e : request.joint_test) {
    tested_slot[e] = static_cast<int32_t>(theta.size());
    theta.push_back(targets[e].estimate->estimate);
    observed_scores.push_back(targets[e].estimate->cluster_scores);
  }
  const double observed_wald = theta.empty() ? 0 : WaldStatistic(theta, observed_scores, factor);
  out.joint_test_statistic = observed_wald;
  std::vector<char> in_band(n, 0);
  for (const size_t e : request.band) in_band[e] = 1;

  // |t*| of every estimate in every replicate: t[e × R + r].
  const int32_t replicates = std::max(1, options.replicates);
  std::vector<float> t(n * replicates);
  std::vector<float> band_t(replicates, 0.0f);
  std::vector<char> exceeds(replicates, 0);
  const int32_t tasks = (replicates + kReplicatesPerTask - 1) / kReplicatesPerTask;
  ParallelFor(tasks, [&](size_t task) {
    std::vector<double> w(clusters), star(clusters), moved(plan.sources.size());
    std::vector<double> coefficient(plan.leverages.size(), 0.0);
    std::vector<double> errors(theta.size());
    std::vector<std::vector<double>> stars(theta.size());
    const int32_t first = static_cast<int32_t>(task) * kReplicatesPerTask;
    const int32_t last = std::min(replicates, first + kReplicatesPerTask);
    for (int32_t r = first; r < last; ++r) {
      DrawWeights(out.weights, options.seed, r, &w);
      for (size_t j = 0; j < plan.sources.size(); ++j) moved[j] = plan.sources[j].Dot(w);
      float largest = 0;
      for (size_t e = 0; e < n; ++e) {
        const double* s = targets[e].estimate->cluster_scores.data();
        const std::vector<int32_t>& support = plan.support[e];
        const double* weight = w.data();
        double* replicate_score = star.data();
        // A support of more than half the clusters is walked densely, which vectorises.
        const bool dense = support.size() * 2 > static_cast<size_t>(clusters);
        double error = 0;
        if (dense) {
          for (int32_t c = 0; c < clusters; ++c) {
            replicate_score[c] = weight[c] * s[c];
            error += replicate_score[c];
          }
        } else {
          for (const int32_t c : support) {
            const double v = weight[c] * s[c];
            replicate_score[c] = v;
            error += v;
          }
        }
        for (const Plan::Part& part : plan.parts[e]) {
          coefficient[plan.leverage_of[part.recentring]] += part.weight * moved[part.recentring];
        }
        for (const int32_t l : plan.target_leverages[e]) {
          const Sparse& leverage = plan.leverages[l];
          for (size_t i = 0; i < leverage.at.size(); ++i) {
            star[leverage.at[i]] += coefficient[l] * leverage.value[i];
          }
          coefficient[l] = 0;
        }
        double variance = 0;
        if (dense) {
          for (int32_t c = 0; c < clusters; ++c)
            variance += replicate_score[c] * replicate_score[c];
        } else {
          for (const int32_t c : support) variance += replicate_score[c] * replicate_score[c];
        }
        variance *= factor;
        const float value =
            variance > 0 ? static_cast<float>(std::fabs(error) / std::sqrt(variance)) : 0.0f;
        t[e * replicates + r] = value;
        if (in_band[e]) largest = std::max(largest, value);
        if (tested_slot[e] >= 0) {
          // Dense, with zeros outside the support (star holds other targets' values there).
          std::vector<double>& copy = stars[tested_slot[e]];
          copy.assign(clusters, 0.0);
          for (const int32_t c : support) copy[c] = star[c];
          errors[tested_slot[e]] = error;
        }
      }
      band_t[r] = largest;
      if (!theta.empty()) exceeds[r] = WaldStatistic(errors, stars, factor) >= observed_wald;
    }
  });

  std::vector<float> column(replicates);
  for (size_t e = 0; e < n; ++e) {
    BootstrapInterval& interval = out.intervals[e];
    std::copy_n(t.begin() + e * replicates, replicates, column.begin());
    interval.critical_value = UpperQuantile(column, options.level);
    const double half = interval.critical_value * interval.std_error;
    interval.ci_low = targets[e].estimate->estimate - half;
    interval.ci_high = targets[e].estimate->estimate + half;
  }
  if (!request.band.empty()) out.uniform_critical_value = UpperQuantile(band_t, options.level);
  if (!theta.empty()) {
    int64_t count = 0;
    for (const char e : exceeds) count += e;
    out.joint_test_p_value = static_cast<double>(count + 1) / static_cast<double>(replicates + 1);
  }
  return out;
}

}  // namespace continuum
