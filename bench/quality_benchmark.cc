// Quality indicator benchmark on the demo workspace named by $CONTINUUM_BENCH_WORKSPACE (bench/
// run.sh makes it): every shipped indicator for the demo ICO, each member practice and each
// whole month of data, warm (the engine already loaded), as the median of repetitions.
//
//   build/bench/quality_benchmark                    # the timing
//   build/bench/quality_benchmark --results=FILE     # writes the figures for the peer's check
//
// --results writes one row per indicator, member practice and month the indicator can measure:
// `indicator,practice,month,numerator,denominator,expected` (person-years for rates, with the
// count expected at the ICO's age-sex rates; expected is empty for other measures), sorted, so
// that bench/duckdb_quality.mjs's file can be compared with it.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "clinical/indicator.h"
#include "clinical/indicator_evaluation.h"
#include "core/csv.h"
#include "engine/engine.h"

namespace continuum {
namespace {

// The shipped indicators but those of survey responses, which the demo's files hold none of
// (they are recorded through the server's voice form); the peer leaves them out too.
Result<std::vector<Indicator>> BenchedIndicators() {
  auto all = ShippedIndicators();
  if (!all.ok()) return all.status();
  std::erase_if(*all, [](const Indicator& i) { return i.base == Indicator::Base::kResponses; });
  return all;
}

constexpr std::string_view kDemoIco = "ZICO1";

const Population* Demo() {
  static std::unique_ptr<Engine> engine = []() -> std::unique_ptr<Engine> {
    const char* path = std::getenv("CONTINUUM_BENCH_WORKSPACE");
    auto ws = Workspace::Open(path ? path : "demo/workspace.db", Workspace::kMustExist);
    if (!ws.ok()) return nullptr;
    auto opened = Engine::Open(**ws);
    return opened.ok() ? std::move(*opened) : nullptr;
  }();
  return engine ? &engine->population() : nullptr;
}

// The demo ICO's practices, compared over the last financial year of the data.
Result<QualityScope> DemoScope(const Population& p) {
  const uint32_t ico = p.organisations.ids.Find(kDemoIco);
  if (ico == Dictionary::kMissing)
    return Status::NotFound("the workspace has no ICO " + std::string(kDemoIco));
  const int year = FinancialYearOf(p.events.last_day);
  return QualityScopeOf(p, ico, FinancialYearStart(year), FinancialYearEnd(year));
}

void BM_QualityIndicators(benchmark::State& state) {
  const Population* p = Demo();
  auto indicators = BenchedIndicators();
  if (p == nullptr || !indicators.ok()) {
    state.SkipWithError(p == nullptr ? "cannot open the demo workspace"
                                     : indicators.status().message().c_str());
    return;
  }
  auto scope = DemoScope(*p);
  if (!scope.ok()) {
    state.SkipWithError(scope.status().message().c_str());
    return;
  }
  size_t points = 0;
  for (auto _ : state) {
    auto q = EvaluateIndicators(*p, *indicators, *scope);
    if (!q.ok()) {
      state.SkipWithError(q.status().message().c_str());
      return;
    }
    points = q->series.size() * q->series[0].points.size();
    benchmark::DoNotOptimize(q->series[0].points.data());
  }
  state.counters["indicators"] = static_cast<double>(indicators->size());
  state.counters["points"] = static_cast<double>(points);
}
BENCHMARK(BM_QualityIndicators)->Unit(benchmark::kMillisecond)->Repetitions(10);

std::string Number(double x, bool fraction) {
  char text[48];
  std::snprintf(text, sizeof text, fraction ? "%.9f" : "%.0f", x);
  return text;
}

int WriteResults(const std::string& path) {
  const Population* p = Demo();
  auto indicators = BenchedIndicators();
  if (p == nullptr || !indicators.ok()) {
    std::fprintf(stderr, "cannot open the demo workspace or read the indicators\n");
    return 1;
  }
  auto scope = DemoScope(*p);
  auto q = scope.ok() ? EvaluateIndicators(*p, *indicators, *scope)
                      : Result<QualityEvaluation>(scope.status());
  if (!q.ok()) {
    std::fprintf(stderr, "%s\n", q.status().message().c_str());
    return 1;
  }
  std::vector<std::string> rows;
  for (const IndicatorSeries& s : q->series) {
    const bool rate = s.indicator->measure == IndicatorMeasure::kRate;
    for (size_t u = 0; u < scope->practices.size(); ++u) {
      for (int m = 0; m < q->month_count; ++m) {
        if (!s.reported[m]) continue;
        const IndicatorPoint& pt = s.points[u * q->month_count + m];
        rows.push_back(
            s.indicator->id + "," + std::string(p->organisations.ids.Value(scope->practices[u])) +
            "," + FormatMonth(q->first_month + m) + "," + Number(pt.numerator, false) + "," +
            Number(pt.denominator, rate) + "," + (rate ? Number(pt.expected, true) : "") + "\n");
      }
    }
  }
  std::sort(rows.begin(), rows.end());
  auto writer = CsvWriter::Create(path);
  if (!writer.ok()) {
    std::fprintf(stderr, "%s\n", writer.status().message().c_str());
    return 1;
  }
  for (const std::string& row : rows) (*writer)->Raw(row);
  const Status closed = (*writer)->Close();
  if (!closed.ok()) std::fprintf(stderr, "%s\n", closed.message().c_str());
  return closed.ok() ? 0 : 1;
}

}  // namespace
}  // namespace continuum

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--results=", 10) == 0) return continuum::WriteResults(argv[i] + 10);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
