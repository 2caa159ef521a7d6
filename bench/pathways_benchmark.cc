// Pathway benchmarks on the demo workspace named by $CONTINUUM_BENCH_WORKSPACE (bench/run.sh
// makes it): every shipped pathway followed for 2024-25 as at the last day of data, warm, on two
// threads (grouping each table by patient, compiling the filters and scanning every event,
// referral and observation), then the report with its worklist. Counters give the events and
// records looked at per second; medians over repetitions.
#include <benchmark/benchmark.h>

#include "clinical/pathway_engine.h"
#include "clinical/pathway_report.h"
#include "demo_population.h"

namespace continuum {
namespace {

PathwayOptions DemoYear() {
  return {.from = DayFromCivil(2024, 4, 1),
          .to = DayFromCivil(2025, 3, 31),
          .as_of = DemoPopulation().events.last_day,
          .threads = 2};
}

void BM_FollowShippedPathways(benchmark::State& state) {
  const Population& p = DemoPopulation();
  const std::vector<PathwayDefinition> definitions = *ShippedPathways();
  size_t episodes = 0;
  int64_t records = 0;
  for (auto _ : state) {
    const PathwayRun run = FollowPathways(p, definitions, DemoYear());
    episodes = run.episodes.size();
    records = run.records_scanned;
    benchmark::DoNotOptimize(episodes);
  }
  state.counters["episodes"] = static_cast<double>(episodes);
  state.counters["events_per_second"] = benchmark::Counter(
      static_cast<double>(p.events.size()), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["records_per_second"] = benchmark::Counter(
      static_cast<double>(records), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_FollowShippedPathways)->Unit(benchmark::kMillisecond)->UseRealTime()->Repetitions(10);

void BM_PathwaysReportAndWorklist(benchmark::State& state) {
  const Population& p = DemoPopulation();
  const std::vector<PathwayDefinition> definitions = *ShippedPathways();
  const PathwayRun run = FollowPathways(p, definitions, DemoYear());
  size_t worklist = 0;
  for (auto _ : state) {
    const PathwaysReport report = ReportPathways(p, definitions, run, {});
    worklist = report.worklist.size();
    benchmark::DoNotOptimize(worklist);
  }
  state.counters["worklist"] = static_cast<double>(worklist);
}
BENCHMARK(BM_PathwaysReportAndWorklist)->Unit(benchmark::kMillisecond)->Repetitions(10);

}  // namespace
}  // namespace continuum

BENCHMARK_MAIN();
