#include "clinical/quality_run.h"

namespace continuum {
namespace {

// Points the run's series at its own indicators and builds its report from its evaluation.
Status Report(const Population& population, QualityRun& run, bool overdispersion) {
  for (size_t i = 0; i < run.evaluation.series.size(); ++i)
    run.evaluation.series[i].indicator = &run.indicators[i];
  Result<QualityReport> report =
      BuildQualityReport(population, run.evaluation, run.scope, overdispersion);
  if (!report.ok()) return report.status();
  run.report = std::move(*report);
  return Status::Ok();
}

}  // namespace

int DefaultQualityYear(const Population& population) {
  const Day last = population.events.last_day;
  const Day last_whole =
      MonthEnd(MonthIndex(last)) == last ? last : MonthStart(MonthIndex(last)) - 1;
  return FinancialYearOf(last_whole);
}

Result<std::unique_ptr<QualityRun>> RunQuality(const Population& population, uint32_t ico,
                                               std::vector<Indicator> indicators, int year,
                                               bool overdispersion,
                                               std::span<const VoiceResponse> responses) {
  return RunQualityOn(
      population, QualityScopeOf(population, ico, FinancialYearStart(year), FinancialYearEnd(year)),
      std::move(indicators), overdispersion, responses);
}

Result<std::unique_ptr<QualityRun>> RunQualityOn(const Population& population, QualityScope scope,
                                                 std::vector<Indicator> indicators,
                                                 bool overdispersion,
                                                 std::span<const VoiceResponse> responses) {
  auto run = std::make_unique<QualityRun>();
  run->indicators = std::move(indicators);
  run->scope = std::move(scope);
  Result<QualityEvaluation> evaluation =
      EvaluateIndicators(population, run->indicators, run->scope, responses);
  if (!evaluation.ok()) return evaluation.status();
  run->evaluation = std::move(*evaluation);
  CONTINUUM_RETURN_IF_ERROR(Report(population, *run, overdispersion));
  return run;
}

Result<std::unique_ptr<QualityRun>> QualityRunOverPeriod(const Population& population,
                                                         const QualityRun& whole, Day period_start,
                                                         Day period_end, bool overdispersion) {
  auto run = std::make_unique<QualityRun>();
  run->indicators = whole.indicators;
  run->scope = whole.scope;
  run->scope.period_start = period_start;
  run->scope.period_end = period_end;
  Result<QualityEvaluation> evaluation =
      EvaluationOverPeriod(whole.evaluation, period_start, period_end);
  if (!evaluation.ok()) return evaluation.status();
  run->evaluation = std::move(*evaluation);
  CONTINUUM_RETURN_IF_ERROR(Report(population, *run, overdispersion));
  return run;
}

Result<std::unique_ptr<QualityRun>> QualityRunWithUnitsMerged(const Population& population,
                                                              const QualityRun& whole,
                                                              size_t first) {
  auto run = std::make_unique<QualityRun>();
  run->indicators = whole.indicators;
  run->scope = whole.scope;
  run->evaluation = MergeUnitsFrom(whole.evaluation, first);
  if (run->evaluation.units != whole.evaluation.units) {
    // The merged unit stands under the total's organisation.
    run->scope.practices.resize(first);
    run->scope.practices.push_back(whole.scope.ico);
    for (uint32_t& unit : run->scope.unit_of) {
      if (unit != Dictionary::kMissing && unit > first) unit = static_cast<uint32_t>(first);
    }
  }
  CONTINUUM_RETURN_IF_ERROR(Report(population, *run, false));
  return run;
}

}  // namespace continuum
