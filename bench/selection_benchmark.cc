// The selection measures benchmark on a workspace named by $CONTINUUM_BENCH_SELECTION_WORKSPACE
// (a programme or an ICO with control practices; default demo/workspace.db, which `make demo`
// makes with six): every measure of every ICO with the false discovery rate, warm (the engine
// loaded), as a median.
//
//   CONTINUUM_BENCH_SELECTION_WORKSPACE=/tmp/continuum-programme/w.db
//   build/bench/selection_benchmark
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "engine/engine.h"
#include "selection/selection_report.h"

namespace continuum {
namespace {

std::string BenchWorkspace() {
  const char* path = std::getenv("CONTINUUM_BENCH_SELECTION_WORKSPACE");
  return path ? path : "demo/workspace.db";
}

const Population* LoadOnce() {
  static std::unique_ptr<Engine> engine = []() -> std::unique_ptr<Engine> {
    auto ws = Workspace::Open(BenchWorkspace(), Workspace::kMustExist);
    if (!ws.ok()) return nullptr;
    auto opened = Engine::Open(**ws);
    return opened.ok() ? std::move(*opened) : nullptr;
  }();
  return engine ? &engine->population() : nullptr;
}

void BM_Selection(benchmark::State& state) {
  const Population* p = LoadOnce();
  if (p == nullptr) {
    state.SkipWithError(("cannot open " + BenchWorkspace()).c_str());
    return;
  }
  int64_t tests = 0;
  for (auto _ : state) {
    auto report = RunSelection(*p, p->events.cost, {});
    if (!report.ok()) {
      state.SkipWithError(report.status().message().c_str());
      return;
    }
    tests = report->tests;
  }
  state.counters["patients"] = static_cast<double>(p->patients.size());
  state.counters["tests"] = static_cast<double>(tests);
}
BENCHMARK(BM_Selection)->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly(true);

}  // namespace
}  // namespace continuum

BENCHMARK_MAIN();
