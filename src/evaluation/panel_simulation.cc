#include "evaluation/panel_simulation.h"

#include "core/random.h"

namespace continuum {
namespace {

double PlantedEffect(const PanelDesign& design, size_t pilot, int32_t since_start) {
  return design.effect * (1 + design.growth * since_start) * (1 + design.pilot_spread * pilot);
}

}  // namespace

BalancedPanel SimulatePanel(const PanelDesign& design, uint64_t seed, PanelTruth* truth) {
  const int32_t units = design.clusters * design.units_per_cluster;
  BalancedPanel panel(units, design.periods, design.clusters);
  Rng rng = Rng::ForStream(seed, 0);
  const int32_t treated_clusters = static_cast<int32_t>(design.treated_share * design.clusters);
  std::vector<int32_t> pilot_of(design.clusters, -1);
  for (int32_t c = 0; c < treated_clusters; ++c) {
    pilot_of[c] = c % static_cast<int32_t>(design.starts.size());
  }
  // Common period effects, and per practice a level and persistent shocks.
  std::vector<double> period_effect(design.periods);
  for (double& e : period_effect) e = rng.Normal(0, 1);
  if (design.covariate) panel.covariates.assign(1, std::vector<double>(panel.outcome.size()));
  std::vector<int32_t> group_size(design.starts.size(), 0);
  for (int32_t c = 0; c < design.clusters; ++c) {
    const int32_t pilot = pilot_of[c];
    const double level = rng.Normal(pilot >= 0 ? 1.0 : 0.0, design.cluster_sd);
    std::vector<double> shock(design.periods);
    double previous = rng.Normal(0, design.shock_sd);
    for (double& s : shock) {
      s = design.shock_persistence * previous + rng.Normal(0, design.shock_sd);
      previous = s;
    }
    for (int32_t k = 0; k < design.units_per_cluster; ++k) {
      const int32_t u = c * design.units_per_cluster + k;
      panel.cluster[u] = c;
      const double unit_level = level + rng.Normal(0, design.unit_sd);
      const double own_effect = 1 + rng.Normal(0, design.unit_effect_spread);
      // A covariate that bends the unit's trend; pilots' units have more of it, so only a
      // comparison that adjusts for it is unbiased.
      const double x = design.covariate ? rng.Normal(pilot >= 0 ? 0.5 : 0.0, 1.0) : 0.0;
      if (pilot >= 0) {
        panel.first_treated[u] = design.starts[pilot];
        ++group_size[pilot];
      }
      for (int32_t t = 0; t < design.periods; ++t) {
        double y =
            unit_level + period_effect[t] + shock[t] + 0.3 * x * t + rng.Normal(0, design.noise_sd);
        if (pilot >= 0 && t >= design.starts[pilot]) {
          y += own_effect * PlantedEffect(design, pilot, t - design.starts[pilot]);
        }
        panel.at(u, t) = y;
        if (design.covariate) panel.covariates[0][static_cast<size_t>(u) * design.periods + t] = x;
      }
    }
  }
  if (design.units_as_clusters) {
    panel.clusters = units;
    for (int32_t u = 0; u < units; ++u) panel.cluster[u] = u;
  }
  if (truth != nullptr) {
    *truth = PanelTruth{};
    std::map<int32_t, std::pair<double, double>> event_sums;  // e -> (Σ n τ, Σ n)
    double overall_sum = 0, overall_weight = 0;
    for (size_t p = 0; p < design.starts.size(); ++p) {
      const int32_t g = design.starts[p];
      const double n = group_size[p];
      if (n == 0) continue;
      double group_sum = 0;
      int32_t post = 0;
      for (int32_t t = 1; t < design.periods; ++t) {
        const double att = t >= g ? PlantedEffect(design, p, t - g) : 0.0;
        truth->group_time[{g, t}] = att;
        event_sums[t - g].first += n * att;
        event_sums[t - g].second += n;
        if (t >= g) {
          overall_sum += n * att;
          overall_weight += n;
          group_sum += att;
          ++post;
        }
      }
      truth->group[g] = post > 0 ? group_sum / post : 0.0;
    }
    for (const auto& [e, sums] : event_sums) truth->event_time[e] = sums.first / sums.second;
    truth->overall = overall_weight > 0 ? overall_sum / overall_weight : 0.0;
  }
  return panel;
}

}  // namespace continuum
