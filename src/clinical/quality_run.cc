#include "clinical/quality_run.h"

namespace continuum {

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
  Result<QualityReport> report =
      BuildQualityReport(population, run->evaluation, run->scope, overdispersion);
  if (!report.ok()) return report.status();
  run->report = std::move(*report);
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
  for (size_t i = 0; i < run->evaluation.series.size(); ++i)
    run->evaluation.series[i].indicator = &run->indicators[i];
  Result<QualityReport> report =
      BuildQualityReport(population, run->evaluation, run->scope, overdispersion);
  if (!report.ok()) return report.status();
  run->report = std::move(*report);
  return run;
}

}  // namespace continuum
