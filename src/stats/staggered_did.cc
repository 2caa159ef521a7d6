#include "stats/staggered_did.h"

#include <algorithm>
#include <map>
#include <span>

#include "stats/symmetric_solve.h"

namespace continuum {
namespace {

// What every cell and aggregate needs to know about the units: which are in each group, and how
// many of each group each cluster holds (for the influence of the estimated group sizes).
struct Groups {
  std::vector<int32_t> starts;                    // the groups' first treated periods, ascending
  std::vector<std::vector<int32_t>> units;        // units[k]: the units of starts[k]
  std::vector<int32_t> never;                     // the never-treated units
  std::vector<std::vector<int32_t>> per_cluster;  // per_cluster[k][c]: units of starts[k] in c
  std::vector<int32_t> cluster_size;              // units in each cluster
};

Groups GroupUnits(const BalancedPanel& panel) {
  Groups groups;
  std::map<int32_t, std::vector<int32_t>> by_start;
  for (int32_t u = 0; u < panel.units; ++u) {
    if (panel.first_treated[u] == kNeverTreated) {
      groups.never.push_back(u);
    } else {
      by_start[panel.first_treated[u]].push_back(u);
    }
  }
  groups.cluster_size.assign(panel.clusters, 0);
  for (int32_t u = 0; u < panel.units; ++u) ++groups.cluster_size[panel.cluster[u]];
  for (auto& [start, units] : by_start) {
    std::vector<int32_t> counts(panel.clusters, 0);
    for (const int32_t u : units) ++counts[panel.cluster[u]];
    groups.starts.push_back(start);
    groups.units.push_back(std::move(units));
    groups.per_cluster.push_back(std::move(counts));
  }
  return groups;
}

// ATT(g, t) against the comparison units, with the outcome regression on the covariates in the
// base period (an intercept alone when there are none, which is the plain difference in means).
// Returns false when the comparison units cannot support the regression.
bool EstimateCell(const BalancedPanel& panel, std::span<const int32_t> treated,
                  std::span<const int32_t> comparison, int32_t time, int32_t base,
                  GroupTimeEffect* cell) {
  const size_t k = panel.covariates.size() + 1;
  if (comparison.size() < k + (k > 1 ? 1 : 0)) return false;
  std::vector<double> x(k);
  auto fill = [&](int32_t u) {
    x[0] = 1;
    for (size_t j = 1; j < k; ++j) {
      x[j] = panel.covariates[j - 1][static_cast<size_t>(u) * panel.periods + base];
    }
  };
  auto delta = [&](int32_t u) { return panel.at(u, time) - panel.at(u, base); };

  // The comparison units' regression of the change on the covariates: A β = r.
  std::vector<double> a(k * k, 0.0), r(k, 0.0);
  for (const int32_t u : comparison) {
    fill(u);
    const double d = delta(u);
    for (size_t i = 0; i < k; ++i) {
      r[i] += x[i] * d;
      for (size_t j = i; j < k; ++j) a[i * k + j] += x[i] * x[j];
    }
  }
  for (size_t i = 0; i < k; ++i) {
    for (size_t j = 0; j < i; ++j) a[i * k + j] = a[j * k + i];
  }
  auto beta = SolveSymmetric(a, r);
  if (!beta.ok()) return false;
  auto predict = [&](int32_t u) {
    fill(u);
    double p = 0;
    for (size_t j = 0; j < k; ++j) p += x[j] * (*beta)[j];
    return p;
  };

  // The treated units' change beyond what the comparison predicts for them.
  const double n_treated = static_cast<double>(treated.size());
  double sum = 0;
  std::vector<double> mean_x(k, 0.0);
  for (const int32_t u : treated) {
    sum += delta(u) - predict(u);
    for (size_t j = 0; j < k; ++j) mean_x[j] += x[j] / n_treated;
  }
  const double att = sum / n_treated;

  // Influence: a treated unit's own deviation, and a comparison unit's pull on β̂ as the treated
  // units's mean covariates weigh it: −(A⁻¹ m_X)·x_i e_i.
  auto v = SolveSymmetric(a, mean_x);
  if (!v.ok()) return false;
  const int32_t g = panel.clusters;
  std::vector<double>& scores = cell->effect.cluster_scores;
  scores.assign(g, 0.0);
  // A bootstrap replicate refits the treated mean (one recentring) and the comparison's
  // regression (one for each of its k coefficients).
  std::vector<Recentring>& recentring = cell->recentring;
  recentring.assign(k + 1, {std::vector<double>(g, 0.0), std::vector<double>(g, 0.0)});
  for (const int32_t u : treated) {
    const int32_t c = panel.cluster[u];
    const double score = (delta(u) - predict(u) - att) / n_treated;
    scores[c] += score;
    recentring[0].leverage[c] -= 1 / n_treated;
    recentring[0].source[c] += score;
  }
  // Per cluster Σ (v·x_i) x_i, turned into A⁻¹ of it below, and Σ x_i e_i.
  std::vector<double> pull(static_cast<size_t>(g) * k, 0.0);
  for (const int32_t u : comparison) {
    const int32_t c = panel.cluster[u];
    const double residual = delta(u) - predict(u);  // fills x for u
    double weight = 0;
    for (size_t j = 0; j < k; ++j) weight += (*v)[j] * x[j];
    scores[c] -= weight * residual;
    for (size_t j = 0; j < k; ++j) {
      pull[c * k + j] += weight * x[j];
      recentring[1 + j].source[c] += x[j] * residual;
    }
  }
  for (int32_t c = 0; c < g; ++c) {
    bool any = false;
    for (size_t j = 0; j < k; ++j) any = any || pull[c * k + j] != 0;
    if (!any) continue;
    auto leverage = SolveSymmetric(a, std::span<const double>(pull.data() + c * k, k));
    if (!leverage.ok()) return false;
    for (size_t j = 0; j < k; ++j) recentring[1 + j].leverage[c] = (*leverage)[j];
  }
  cell->effect.estimate = att;
  cell->treated_units = static_cast<int32_t>(treated.size());
  cell->comparison_units = static_cast<int32_t>(comparison.size());
  return true;
}

// The average of `cells` weighted by their groups' sizes, with the influence of those sizes
// being estimated (Callaway and Sant'Anna's weights' influence function, "wif").
ClusterScoredEstimate WeightBySize(std::span<const int32_t> indexes,
                                   const std::vector<GroupTimeEffect>& all, const Groups& groups,
                                   const BalancedPanel& panel, CellWeights* weights) {
  ClusterScoredEstimate out;
  out.cluster_scores.assign(panel.clusters, 0.0);
  if (indexes.empty()) return out;
  std::vector<const GroupTimeEffect*> cells;
  for (const int32_t i : indexes) cells.push_back(&all[i]);
  const double n = panel.units;
  auto index_of = [&](int32_t start) {
    return std::lower_bound(groups.starts.begin(), groups.starts.end(), start) -
           groups.starts.begin();
  };
  std::vector<double> share(cells.size());  // P(G = g) of each cell's group
  double total = 0;
  for (size_t k = 0; k < cells.size(); ++k) {
    share[k] = groups.units[index_of(cells[k]->group)].size() / n;
    total += share[k];
  }
  for (size_t k = 0; k < cells.size(); ++k) {
    out.estimate += share[k] / total * cells[k]->effect.estimate;
    weights->emplace_back(indexes[k], share[k] / total);
  }
  std::vector<size_t> group_of(cells.size());
  for (size_t k = 0; k < cells.size(); ++k) group_of[k] = index_of(cells[k]->group);
  std::vector<double> deviation(cells.size());
  for (int32_t c = 0; c < panel.clusters; ++c) {
    const double in_cluster = groups.cluster_size[c];
    // Σ over the cluster's units of (1{G = g_l} − P(G = g_l)), summed over the cells.
    double deviation_sum = 0;
    for (size_t k = 0; k < cells.size(); ++k) {
      deviation[k] = groups.per_cluster[group_of[k]][c] - in_cluster * share[k];
      deviation_sum += deviation[k];
    }
    double score = 0;
    for (size_t k = 0; k < cells.size(); ++k) {
      const double weight_influence =
          deviation[k] / total - share[k] * deviation_sum / (total * total);
      score += share[k] / total * cells[k]->effect.cluster_scores[c] +
               weight_influence / n * cells[k]->effect.estimate;
    }
    out.cluster_scores[c] = score;
  }
  return out;
}

}  // namespace

Result<StaggeredDid> EstimateStaggeredDid(const BalancedPanel& panel, ComparisonUnits comparison) {
  const Groups groups = GroupUnits(panel);
  if (groups.starts.empty()) {
    return Status::InvalidInput("no unit is ever treated, so there is no effect to estimate");
  }
  if (groups.starts.front() == 0) {
    return Status::InvalidInput(
        "units are treated from the first period of the data, so there is no period before "
        "their start to compare with; start the panel earlier or leave those units out");
  }
  if (comparison == ComparisonUnits::kNeverTreated && groups.never.empty()) {
    return Status::InvalidInput(
        "no unit is never treated, so there is nothing to compare with; compare with units not "
        "yet treated instead");
  }

  StaggeredDid did;
  std::vector<int32_t> comparison_units;
  for (size_t k = 0; k < groups.starts.size(); ++k) {
    const int32_t g = groups.starts[k];
    for (int32_t t = 1; t < panel.periods; ++t) {
      const int32_t base = t < g ? t - 1 : g - 1;
      comparison_units = groups.never;
      if (comparison == ComparisonUnits::kNotYetTreated) {
        for (size_t h = 0; h < groups.starts.size(); ++h) {
          if (h != k && groups.starts[h] > t) {
            comparison_units.insert(comparison_units.end(), groups.units[h].begin(),
                                    groups.units[h].end());
          }
        }
      }
      GroupTimeEffect cell;
      cell.group = g;
      cell.time = t;
      cell.base = base;
      if (!EstimateCell(panel, groups.units[k], comparison_units, t, base, &cell)) {
        did.skipped.push_back({g, t, static_cast<int32_t>(comparison_units.size())});
        continue;
      }
      did.group_time.push_back(std::move(cell));
    }
  }

  // Aggregates.
  std::vector<int32_t> post;
  std::map<int32_t, std::vector<int32_t>> by_event;
  for (size_t i = 0; i < did.group_time.size(); ++i) {
    const GroupTimeEffect& cell = did.group_time[i];
    if (cell.time >= cell.group) post.push_back(static_cast<int32_t>(i));
    by_event[cell.time - cell.group].push_back(static_cast<int32_t>(i));
  }
  did.overall = WeightBySize(post, did.group_time, groups, panel, &did.overall_cells);
  for (const auto& [event, cells] : by_event) {
    EventTimeEffect effect{event, {}, {}};
    effect.effect = WeightBySize(cells, did.group_time, groups, panel, &effect.cells);
    did.event_time.push_back(std::move(effect));
  }
  for (size_t k = 0; k < groups.starts.size(); ++k) {
    GroupEffect group{groups.starts[k], static_cast<int32_t>(groups.units[k].size()), {}, {}};
    for (const int32_t i : post) {
      if (did.group_time[i].group == group.group) group.cells.emplace_back(i, 0.0);
    }
    if (group.cells.empty()) continue;
    group.effect.cluster_scores.assign(panel.clusters, 0.0);
    for (auto& [i, weight] : group.cells) {
      weight = 1.0 / static_cast<double>(group.cells.size());
      group.effect.estimate += weight * did.group_time[i].effect.estimate;
      for (int32_t c = 0; c < panel.clusters; ++c) {
        group.effect.cluster_scores[c] += weight * did.group_time[i].effect.cluster_scores[c];
      }
    }
    did.groups.push_back(std::move(group));
  }
  return did;
}

StaggeredDidBootstrap BootstrapRequestOf(const StaggeredDid& did) {
  StaggeredDidBootstrap out;
  for (size_t i = 0; i < did.group_time.size(); ++i) {
    out.bases.push_back(&did.group_time[i].recentring);
    out.targets.push_back({&did.group_time[i].effect, {{static_cast<int32_t>(i), 1.0}}});
  }
  for (const EventTimeEffect& event : did.event_time) {
    out.request.band.push_back(out.targets.size());
    if (event.event_time < 0) out.request.joint_test.push_back(out.targets.size());
    out.targets.push_back({&event.effect, event.cells});
  }
  for (const GroupEffect& group : did.groups) out.targets.push_back({&group.effect, group.cells});
  out.targets.push_back({&did.overall, did.overall_cells});
  out.request.targets = out.targets;
  out.request.bases = out.bases;
  return out;
}

}  // namespace continuum
