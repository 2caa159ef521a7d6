// Finance benchmarks on the demo workspace named by $CONTINUUM_BENCH_WORKSPACE (bench/run.sh
// makes it): costing every event at the default tariff and the monthly monitor of the demo ICO,
// warm; and 10,000 simulated years of a 150,000-patient ICO. Medians over repetitions.
#include <benchmark/benchmark.h>

#include "demo_population.h"
#include "finance/contract_outturn.h"
#include "finance/costing.h"
#include "finance/ico_scope.h"
#include "finance/monitor.h"
#include "finance/simulation.h"

namespace continuum {
namespace {

// The demo contract's year, reported on at the end of September 2024, with a budget of
// £241,392,000 (its capitation budget).
MonitorOptions DemoMonitor() {
  return {.period_start = DayFromCivil(2024, 4, 1),
          .period_end = DayFromCivil(2025, 3, 31),
          .budget = 24'139'200'000,
          .month = MonthIndex(DayFromCivil(2024, 9, 1))};
}

void BM_CostingAndMonitor(benchmark::State& state) {
  const Population& p = DemoPopulation();
  const Tariff tariff = *LoadTariffs({"default"});
  const IcoScope scope = *IcoScopeOf(p, "ZICO1", "");
  Pence to_date = 0;
  for (auto _ : state) {
    // Every event priced at the tariff, as the DuckDB peer does, then the monitor.
    const Costing costing = CostActivity(p, tariff, CostingMode::kTariffOnly);
    auto monitor = RunMonitor(p, costing.cost, scope, DemoMonitor());
    to_date = monitor->actual_to_date;
    benchmark::DoNotOptimize(to_date);
  }
  state.counters["actual_to_date_pence"] = static_cast<double>(to_date);
}
BENCHMARK(BM_CostingAndMonitor)->Unit(benchmark::kMillisecond)->Repetitions(10);

void BM_SimulateTenThousandYears(benchmark::State& state) {
  const Population& p = DemoPopulation();
  const Costing costing = CostActivity(p, *LoadTariffs({"default"}));
  const IcoScope scope = *IcoScopeOf(p, "ZICO1", "");
  const PatientCosts base =
      PatientCostsIn(p, costing.cost, scope, DayFromCivil(2024, 4, 1), DayFromCivil(2025, 3, 31));
  Contract contract;
  contract.overspend = {{0, 20'000, kWhole}, {20'000, 50'000, kWhole / 2}, {50'000, {}, 0}};
  contract.underspend = contract.overspend;
  contract.stop_loss = StopLoss{5'000'000, 800'000};
  for (auto _ : state) {
    const Simulation s =
        Simulate(contract, base.total, base.cost, {.years = 10000, .seed = 1, .sizes = {150'000}});
    benchmark::DoNotOptimize(s.sizes[0].sd_spend);
  }
}
BENCHMARK(BM_SimulateTenThousandYears)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->Repetitions(5);

}  // namespace
}  // namespace continuum

BENCHMARK_MAIN();
