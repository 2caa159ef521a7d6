// Capitation model benchmark on a workspace named by $CONTINUUM_BENCH_CAPITATION_WORKSPACE
// (bench/run.sh makes one of 1,000,000 patients and two financial years): building the
// features of the last financial year in the data and fitting the full model, as a median.
//
//   build/continuum import CSV_DIR --workspace bench/data/capitation.db
//   build/bench/capitation_benchmark --export=DIR       # writes the design matrix for the peer
//
// --export writes DIR/x.u8 (rows × terms, 0/1, row-major, the intercept left out), DIR/y.f64
// (cost in pounds), and DIR/fit.txt (rows, terms, in-sample R²) so that scikit-learn can fit
// the same regression (bench/capitation_peer.py).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "benchmark_main.h"
#include "engine/engine.h"
#include "finance/capitation_features.h"
#include "finance/capitation_model.h"

namespace continuum {
namespace {

std::string BenchWorkspace() {
  const char* path = std::getenv("CONTINUUM_BENCH_CAPITATION_WORKSPACE");
  return path ? path : "bench/data/capitation.db";
}

const Population* LoadOnce() {
  static std::unique_ptr<Population> population = []() -> std::unique_ptr<Population> {
    auto ws = Workspace::Open(BenchWorkspace(), Workspace::kMustExist);
    if (!ws.ok()) return nullptr;
    auto population = Engine::LoadPopulation(**ws);
    return population.ok() ? std::make_unique<Population>(std::move(*population)) : nullptr;
  }();
  return population.get();
}

int TargetYear(const Population& p) { return FinancialYearOf(p.events.last_day); }

void BM_CapitationFeaturesAndFit(benchmark::State& state) {
  const Population* p = LoadOnce();
  if (p == nullptr) {
    state.SkipWithError(("cannot open " + BenchWorkspace()).c_str());
    return;
  }
  double r2 = 0;
  size_t rows = 0;
  for (auto _ : state) {
    const CapitationFeatures f = BuildCapitationFeatures(*p, p->events.cost, TargetYear(*p));
    auto model = FitCapitationModel(f, CapitationModelKind::kFull);
    if (!model.ok()) {
      state.SkipWithError(model.status().message().c_str());
      return;
    }
    r2 = model->fit_r2;
    rows = f.size();
  }
  state.counters["rows"] = static_cast<double>(rows);
  state.counters["r2"] = r2;
}
BENCHMARK(BM_CapitationFeaturesAndFit)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->Repetitions(5);

int Export(const std::string& dir) {
  const Population* p = LoadOnce();
  if (p == nullptr) {
    std::fprintf(stderr, "cannot open %s\n", BenchWorkspace().c_str());
    return 1;
  }
  const CapitationFeatures f = BuildCapitationFeatures(*p, p->events.cost, TargetYear(*p));
  auto model = FitCapitationModel(f, CapitationModelKind::kFull);
  if (!model.ok()) return 1;
  constexpr int kColumns = kTermCount - 1;  // without the intercept
  std::string x(f.size() * kColumns, '\0');
  std::vector<double> y(f.size());
  for (size_t row = 0; row < f.size(); ++row) {
    for (uint8_t term : f.Terms(row)) {
      if (term != kInterceptTerm) x[row * kColumns + term - 1] = 1;
    }
    y[row] = f.cost[row] / 100.0;
  }
  std::FILE* out = std::fopen((dir + "/x.u8").c_str(), "wb");
  std::FILE* out_y = std::fopen((dir + "/y.f64").c_str(), "wb");
  std::FILE* out_fit = std::fopen((dir + "/fit.txt").c_str(), "w");
  if (!out || !out_y || !out_fit) return 1;
  std::fwrite(x.data(), 1, x.size(), out);
  std::fwrite(y.data(), sizeof(double), y.size(), out_y);
  std::fprintf(out_fit, "%zu %d %.12f\n", f.size(), kColumns, model->fit_r2);
  return std::fclose(out) | std::fclose(out_y) | std::fclose(out_fit);
}

}  // namespace
}  // namespace continuum

int main(int argc, char** argv) { return continuum::BenchmarkMain(argc, argv, continuum::Export); }
