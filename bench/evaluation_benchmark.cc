// Evaluation benchmark: a panel of 30,000 units (300 practices of 100) over 12 periods, half the
// practices in pilots starting on four staggered periods, with a planted effect
// (evaluation/panel_simulation.h). Timed, each as a median: the whole of `continuum evaluate
// --panel` after reading the file (every ATT(g, t), the event study, the groups and the overall
// effect, 999 wild cluster bootstrap replicates, the bootstrap pre-trend test and the two-way
// fixed-effects regression), and its parts.
//
//   build/bench/evaluation_benchmark
//   build/bench/evaluation_benchmark --export=DIR     # writes the panel for evaluation_peer.py
//
// --export writes DIR/panel.csv (unit,cluster,period,first_treated,outcome) and DIR/fit.txt (the
// two-way fixed-effects coefficient and its cluster-robust standard error), so that statsmodels
// can fit the same regression (bench/evaluation_peer.py).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>

#include "benchmark_main.h"
#include "evaluation/panel_evaluation.h"
#include "evaluation/panel_simulation.h"
#include "stats/two_way_fixed_effects.h"

namespace continuum {
namespace {

const PanelFile& Panel() {
  static const PanelFile file = [] {
    PanelDesign design;
    design.clusters = 300;
    design.units_per_cluster = 100;
    design.periods = 12;
    design.starts = {4, 6, 8, 10};
    PanelFile f;
    f.name = "panel.csv";
    f.panel = SimulatePanel(design, 20090401, nullptr);
    for (int32_t t = 0; t < design.periods; ++t) f.period_labels.push_back(t + 1);
    return f;
  }();
  return file;
}

void BM_EvaluatePanel(benchmark::State& state) {
  const PanelFile& file = Panel();
  for (auto _ : state) {
    auto result = EvaluatePanel(file, {});
    benchmark::DoNotOptimize(result);
  }
}
BENCHMARK(BM_EvaluatePanel)->Unit(benchmark::kMillisecond)->Repetitions(7)->ReportAggregatesOnly();

void BM_StaggeredDidEstimates(benchmark::State& state) {
  const PanelFile& file = Panel();
  for (auto _ : state) {
    auto did = EstimateStaggeredDid(file.panel, ComparisonUnits::kNeverTreated);
    benchmark::DoNotOptimize(did);
  }
}
BENCHMARK(BM_StaggeredDidEstimates)
    ->Unit(benchmark::kMillisecond)
    ->Repetitions(7)
    ->ReportAggregatesOnly();

void BM_WildClusterBootstrap(benchmark::State& state) {
  auto did = EstimateStaggeredDid(Panel().panel, ComparisonUnits::kNeverTreated);
  const StaggeredDidBootstrap request = BootstrapRequestOf(*did);
  for (auto _ : state) {
    auto boot = RunWildClusterBootstrap(request.request, {.replicates = 999});
    benchmark::DoNotOptimize(boot);
  }
}
BENCHMARK(BM_WildClusterBootstrap)
    ->Unit(benchmark::kMillisecond)
    ->Repetitions(7)
    ->ReportAggregatesOnly();

void BM_TwoWayFixedEffects(benchmark::State& state) {
  const PanelFile& file = Panel();
  for (auto _ : state) {
    auto fit = EstimateTwoWayFixedEffects(file.panel);
    benchmark::DoNotOptimize(fit);
  }
}
BENCHMARK(BM_TwoWayFixedEffects)
    ->Unit(benchmark::kMillisecond)
    ->Repetitions(7)
    ->ReportAggregatesOnly();

int Export(const std::string& dir) {
  const PanelFile& file = Panel();
  const BalancedPanel& panel = file.panel;
  std::FILE* csv = std::fopen((dir + "/panel.csv").c_str(), "w");
  if (csv == nullptr) return 1;
  std::fputs("unit,cluster,period,first_treated,outcome\n", csv);
  for (int32_t u = 0; u < panel.units; ++u) {
    const std::string start = panel.first_treated[u] == kNeverTreated
                                  ? ""
                                  : std::to_string(file.period_labels[panel.first_treated[u]]);
    for (int32_t t = 0; t < panel.periods; ++t) {
      std::fprintf(csv, "u%d,p%d,%lld,%s,%.17g\n", u, panel.cluster[u],
                   static_cast<long long>(file.period_labels[t]), start.c_str(), panel.at(u, t));
    }
  }
  if (std::fclose(csv) != 0) return 1;
  auto twfe = EstimateTwoWayFixedEffects(panel);
  if (!twfe.ok()) return 1;
  std::FILE* fit = std::fopen((dir + "/fit.txt").c_str(), "w");
  if (fit == nullptr) return 1;
  std::fprintf(fit, "%.17g %.17g %lld\n", twfe->fit.coefficients[0], twfe->fit.std_errors[0],
               static_cast<long long>(twfe->fit.parameters));
  return std::fclose(fit) == 0 ? 0 : 1;
}

}  // namespace
}  // namespace continuum

int main(int argc, char** argv) { return continuum::BenchmarkMain(argc, argv, continuum::Export); }
