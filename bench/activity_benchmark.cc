// Engine benchmarks on a workspace named by $CONTINUUM_BENCH_WORKSPACE (bench/run.sh makes the
// demo one): opening the workspace and loading the engine, and the first analysis, activity
// and cost by practice x month x setting, warm. Reported as medians over repetitions.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

#include "engine/activity_cube.h"
#include "engine/engine.h"

namespace continuum {
namespace {

std::string BenchWorkspace() {
  const char* path = std::getenv("CONTINUUM_BENCH_WORKSPACE");
  return path ? path : "demo/workspace.db";
}

void BM_OpenWorkspaceAndLoadEngine(benchmark::State& state) {
  for (auto _ : state) {
    auto ws = Workspace::Open(BenchWorkspace(), Workspace::kMustExist);
    if (!ws.ok()) {
      state.SkipWithError(ws.status().message().c_str());
      return;
    }
    auto engine = Engine::Open(**ws);
    if (!engine.ok() || !(*engine)->from_snapshot()) {
      state.SkipWithError("engine did not open from its snapshot");
      return;
    }
    benchmark::DoNotOptimize((*engine)->population().events.size());
  }
}
BENCHMARK(BM_OpenWorkspaceAndLoadEngine)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->Repetitions(5);

void BM_ActivityByPracticeMonthSetting(benchmark::State& state) {
  static std::unique_ptr<Engine> engine = [] {
    auto ws = Workspace::Open(BenchWorkspace(), Workspace::kMustExist);
    auto opened = Engine::Open(**ws);
    return std::move(*opened);
  }();
  const Population& p = engine->population();
  int64_t events = 0;
  for (auto _ : state) {
    ActivityCube cube = ActivityByPracticeMonthSetting(p, p.events.cost);
    events = 0;
    for (int64_t e : cube.events) events += e;
    benchmark::DoNotOptimize(events);
  }
  state.counters["events"] = static_cast<double>(events);
}
BENCHMARK(BM_ActivityByPracticeMonthSetting)->Unit(benchmark::kMillisecond)->Repetitions(10);

}  // namespace
}  // namespace continuum

BENCHMARK_MAIN();
