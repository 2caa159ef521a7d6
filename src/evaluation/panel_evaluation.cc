#include "evaluation/panel_evaluation.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "stats/two_way_fixed_effects.h"

namespace continuum {
namespace {

constexpr int32_t kFewestClusters = 4;
constexpr double kSmallestOutcome = 1e-100;
// Below this many treated clusters the wild cluster bootstrap's intervals can be far from their
// nominal coverage (MacKinnon and Webb 2017 find trouble with fewer than about 6).
constexpr int32_t kFewTreatedClusters = 6;

std::string Plural(int64_t n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::string FormatP(double p) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", p);
  return text;
}

}  // namespace

Result<PanelEvaluation> EvaluatePanel(const PanelFile& file,
                                      const PanelEvaluationOptions& options) {
  const BalancedPanel& panel = file.panel;
  if (panel.clusters < kFewestClusters) {
    return Status::InvalidInput(
        file.name + " has " + Plural(panel.clusters, "cluster") +
        "; intervals clustered by so few say nothing about uncertainty (the bootstrap has too "
        "few distinct draws and the variance is estimated from " +
        std::to_string(panel.clusters) + " numbers). Give at least " +
        std::to_string(kFewestClusters) + " clusters, ideally 30 or more");
  }
  // Outcomes this small square to nothing in the variances (below about 1e-154 a square
  // underflows), which would give intervals of no width.
  double largest = 0;
  for (const double y : panel.outcome) largest = std::max(largest, std::fabs(y));
  if (largest > 0 && largest < kSmallestOutcome) {
    char shown[32];
    std::snprintf(shown, sizeof shown, "%.3g", largest);
    return Status::InvalidInput(
        file.name + ": the outcomes are too small to compute with (the largest is " +
        std::string(shown) + "); give them in smaller units (per million rather than per head)");
  }
  auto did = EstimateStaggeredDid(panel, options.comparison);
  if (!did.ok()) return Status::InvalidInput(file.name + ": " + did.status().message());
  if (did->overall_cells.empty()) {
    return Status::InvalidInput(
        file.name +
        ": no effect after a start could be estimated: every group's periods from its "
        "start have too few units to compare with" +
        (panel.covariates.empty() ? std::string()
                                  : " (each comparison needs more units than covariates, " +
                                        std::to_string(panel.covariates.size()) + " here)"));
  }
  if (!std::isfinite(did->overall.estimate) ||
      !std::isfinite(ClusterRobustStandardError(did->overall))) {
    return Status::InvalidInput(file.name +
                                ": the outcomes are too large to compute with; give them in "
                                "larger units (thousands of pounds rather than pence)");
  }

  PanelEvaluation out;
  out.file = file.name;
  out.units = panel.units;
  out.clusters = panel.clusters;
  out.periods = panel.periods;
  out.first_period = file.period_labels.front();
  out.last_period = file.period_labels.back();
  out.covariate_names = file.covariate_names;
  out.comparison = options.comparison;
  out.bootstrap = options.bootstrap;
  std::set<int32_t> treated_clusters;
  for (int32_t u = 0; u < panel.units; ++u) {
    if (panel.first_treated[u] == kNeverTreated) continue;
    ++out.treated_units;
    treated_clusters.insert(panel.cluster[u]);
  }
  out.treated_clusters = static_cast<int32_t>(treated_clusters.size());
  auto label = [&](int32_t period) { return file.period_labels[period]; };

  // Every estimate goes through one bootstrap, so all share its replicates.
  const StaggeredDidBootstrap boot_targets = BootstrapRequestOf(*did);
  const WildClusterBootstrap boot =
      RunWildClusterBootstrap(boot_targets.request, options.bootstrap);
  out.weights = boot.weights;
  size_t next = 0;
  auto row = [&](std::string estimand, std::optional<int64_t> group, std::optional<int64_t> time) {
    const BootstrapInterval& interval = boot.intervals[next];
    EstimateRow r{std::move(estimand), group, time};
    r.estimate = boot_targets.targets[next].estimate->estimate;
    r.std_error = interval.std_error;
    r.ci_low = interval.ci_low;
    r.ci_high = interval.ci_high;
    ++next;
    return r;
  };
  for (const GroupTimeEffect& cell : did->group_time) {
    EstimateRow r = row("att_gt", label(cell.group), label(cell.time));
    r.treated_units = cell.treated_units;
    r.comparison_units = cell.comparison_units;
    out.estimates.push_back(r);
  }
  std::vector<const ClusterScoredEstimate*> pre_events;
  for (const EventTimeEffect& event : did->event_time) {
    if (event.event_time < 0) pre_events.push_back(&event.effect);
    out.estimates.push_back(row("event", std::nullopt, event.event_time));
  }
  for (const GroupEffect& group : did->groups) {
    EstimateRow r = row("group", label(group.group), std::nullopt);
    r.treated_units = group.units;
    out.groups.push_back(r);
  }
  out.estimates.push_back(row("overall", std::nullopt, std::nullopt));
  out.event_band_critical_value = boot.uniform_critical_value;
  out.pre_trend = JointWaldTest(pre_events);
  out.pre_trend_p_value = boot.joint_test_p_value;

  auto twfe = EstimateTwoWayFixedEffects(panel);
  if (twfe.ok()) {
    out.two_way_fixed_effects.fit = twfe->fit;
    std::vector<bool> used(file.covariate_names.size(), false);
    for (const size_t k : twfe->covariates) {
      used[k] = true;
      out.two_way_fixed_effects.covariates.push_back(file.covariate_names[k]);
    }
    for (size_t k = 0; k < used.size(); ++k) {
      if (!used[k]) out.two_way_fixed_effects.absorbed.push_back(file.covariate_names[k]);
    }
  } else {
    out.two_way_fixed_effects.not_run = twfe.status().message();
  }
  auto two_by_two = EstimateTwoByTwo(panel);
  if (two_by_two.ok()) {
    out.two_by_two.fit = *two_by_two;
  } else {
    out.two_by_two.not_run = two_by_two.status().message();
  }

  // What weakens the answer.
  for (size_t k = 1; k < file.period_labels.size(); ++k) {
    if (file.period_labels[k] != file.period_labels[k - 1] + 1) {
      out.warnings.push_back(
          "The periods skip from " + std::to_string(file.period_labels[k - 1]) + " to " +
          std::to_string(file.period_labels[k]) +
          ": the estimator takes the periods in order, so the one before a start is the last "
          "period present, and event times count the periods present");
      break;
    }
  }
  for (const StaggeredDid::SkippedCell& cell : did->skipped) {
    out.warnings.push_back("ATT for group " + std::to_string(label(cell.group)) + " in period " +
                           std::to_string(label(cell.time)) + " is left out of every estimate: " +
                           (cell.comparison_units == 0
                                ? std::string("no unit is left to compare with")
                                : "only " + Plural(cell.comparison_units, "unit") +
                                      " to compare with, too few for the covariates"));
  }
  if (out.treated_clusters < kFewTreatedClusters) {
    out.warnings.push_back(
        "Only " + Plural(out.treated_clusters, "cluster") +
        " hold treated units: wild cluster bootstrap intervals can be too narrow or too wide "
        "with so few treated clusters (MacKinnon and Webb 2017); read every interval as rough");
  }
  if (boot.weights == BootstrapWeights::kWebb) {
    out.warnings.push_back("With " + Plural(panel.clusters, "cluster") +
                           " the bootstrap uses Webb's six-point weights; every interval rests "
                           "on few independent pieces of information");
  }
  if (boot.distinct_draws < static_cast<uint64_t>(options.bootstrap.replicates)) {
    out.warnings.push_back("Only " + std::to_string(boot.distinct_draws) +
                           " distinct bootstrap draws exist, fewer than the " +
                           std::to_string(options.bootstrap.replicates) +
                           " replicates: the intervals repeat draws");
  }
  if (out.pre_trend.rank_limited) {
    out.warnings.push_back("The pre-trend test joins " + std::to_string(pre_events.size()) +
                           " event times before the start, too many for " +
                           Plural(panel.clusters, "cluster") +
                           " to estimate their covariance; only its bootstrap p-value is given");
  }
  out.pre_trend_tested = !pre_events.empty();
  if (pre_events.empty()) {
    out.warnings.push_back(
        "No effect before a start could be estimated (a start needs two periods before it), so "
        "parallel trends are not tested");
  } else if (out.pre_trend_p_value < 0.05) {
    out.warnings.push_back(
        "The pre-trend test rejects parallel trends (p = " + FormatP(out.pre_trend_p_value) +
        "): the treated units' outcomes moved differently from the comparison's before the "
        "start, so the effects after it may be that difference carried on");
  }
  return out;
}

}  // namespace continuum
