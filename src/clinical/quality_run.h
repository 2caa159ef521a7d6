// One quality report from start to end: the ICO's practices compared over a financial year, with
// everything the report points into kept alive beside it. The `quality` command and the server
// both use it.
//
//   Result<std::unique_ptr<QualityRun>> run =
//       RunQuality(population, ico, *ShippedIndicators(), DefaultQualityYear(population));
//   (*run)->report.indicators[0].units.back().value   // the ICO's value
#pragma once

#include <memory>
#include <vector>

#include "clinical/indicator.h"
#include "clinical/indicator_evaluation.h"
#include "clinical/quality_report.h"

namespace continuum {

struct QualityRun {
  std::vector<Indicator> indicators;
  QualityScope scope;
  QualityEvaluation evaluation;  // points into indicators
  QualityReport report;          // points into indicators and evaluation
};

// The financial year of the last whole month of data, which a report compares by default.
int DefaultQualityYear(const Population& population);

// Evaluates `indicators` for the ICO's member practices and builds the report for `year`
// (2024: the year from April 2024), widening funnels by over-dispersion when asked; indicators
// of survey responses count `responses` (the workspace's, store/voice.h).
Result<std::unique_ptr<QualityRun>> RunQuality(const Population& population, uint32_t ico,
                                               std::vector<Indicator> indicators, int year,
                                               bool overdispersion = false,
                                               std::span<const VoiceResponse> responses = {});

// The same over units chosen otherwise (the commissioner's comparison, clinical/comparison.h).
Result<std::unique_ptr<QualityRun>> RunQualityOn(const Population& population, QualityScope scope,
                                                 std::vector<Indicator> indicators,
                                                 bool overdispersion = false,
                                                 std::span<const VoiceResponse> responses = {});

// The same run measured over another period of its months (report.h's values, funnels and SPC
// charts for a financial year to date, say) without evaluating again
// (EvaluationOverPeriod: the coverage of measures of patients is left empty). `run` must outlive
// the result only while it is being made.
Result<std::unique_ptr<QualityRun>> QualityRunOverPeriod(const Population& population,
                                                         const QualityRun& run, Day period_start,
                                                         Day period_end,
                                                         bool overdispersion = false);

// The same run with its units from `first` to the last before the total merged into one unit
// (MergeUnitsFrom), which stands under the total's organisation, and its report built again.
// What the commissioner's oversight controls: its control practices as one group.
Result<std::unique_ptr<QualityRun>> QualityRunWithUnitsMerged(const Population& population,
                                                              const QualityRun& run, size_t first);

}  // namespace continuum
