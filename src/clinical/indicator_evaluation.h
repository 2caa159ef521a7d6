// Computes quality indicators from the engine's columns: for each indicator, each unit (member
// practice, then the ICO) and each month, the numerator and denominator, and over a period the
// totals the funnel plot compares, with coverage: who is counted and who is excluded and why.
//
//   QualityScope scope = QualityScopeOf(population, ico, period_start, period_end);
//   Result<QualityEvaluation> q = EvaluateIndicators(population, indicators, scope);
//   q->series[0].points[unit * q->month_count + m].numerator
//
// Monthly points: a measure of patients (a register's HbA1c) is taken on each month's last day
// over its look-back window; events, deaths and person-time are counted in the month they fall
// in. A month is left out (reported = 0) when the data cannot cover its look-back or follow-up.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "clinical/indicator.h"
#include "core/date.h"
#include "core/status.h"
#include "engine/population.h"
#include "store/voice.h"

namespace continuum {

struct QualityScope {
  uint32_t ico = 0;                 // the total's organisation: the ICO (or commissioner)
  std::vector<uint32_t> practices;  // the units' organisations: its member practices, or
                                    // for a comparison ICOs and control practices
  std::vector<uint32_t> unit_of;    // by practice's organisation index: its unit, or UINT32_MAX
  Day period_start = 0, period_end = 0;  // the period compared across practices
};

struct IndicatorPoint {
  double numerator = 0;
  double denominator = 0;  // patients, events, deaths, or person-years for a rate
  double expected = 0;     // age-sex standardised rates: the count expected at the ICO's rates
  // Under disclosure control (report/quality_disclosure.h), the counts withheld from the
  // reader (kNumeratorWithheld, kDenominatorWithheld), which then read as 0 here.
  uint8_t withheld = 0;
};
inline constexpr uint8_t kNumeratorWithheld = 1, kDenominatorWithheld = 2;

struct IndicatorCoverage {
  int64_t registered = 0;   // on the member practices' lists on the period's reference day
  int64_t eligible = 0;     // meeting the definition before exclusions
  int64_t denominator = 0;  // counted
  std::vector<std::pair<std::string, int64_t>> excluded;  // why, and how many
};

struct IndicatorSeries {
  const Indicator* indicator = nullptr;
  std::vector<uint8_t> reported;       // by month: 1 when the month could be measured
  std::vector<IndicatorPoint> points;  // [unit * month_count + month]; the ICO is the last unit
  std::vector<IndicatorPoint> period;  // by unit, over the period
  Day period_reference = 0;            // measures of patients: the day the period is measured on
  double ico_rate = 0;  // rates: the ICO's crude rate per person-year over the period
  IndicatorCoverage coverage;
  // Rates, for measuring over another period (MeasureOverPeriod): events by month and stratum
  // (five-year band by sex), [month * strata + stratum], and person-years by unit, month and
  // stratum, [(unit * month_count + month) * strata + stratum]. Empty for other indicators.
  std::vector<int64_t> observed_by_stratum;
  std::vector<double> years_by_stratum;
};

struct QualityEvaluation {
  int first_month = 0, month_count = 0;  // MonthIndex of the first month, and how many
  size_t units = 0;                      // member practices + 1 (the ICO, last)
  std::vector<IndicatorSeries> series;   // in the order of the indicators given
};

// The member practices of `ico` (organisation index) on the period's last day as units, over the
// period.
QualityScope QualityScopeOf(const Population& population, uint32_t ico, Day period_start,
                            Day period_end);

// Every indicator over every whole month of data; indicators of survey responses count
// `responses` (those given outside the months of data are not counted). The indicators must
// outlive the result.
Result<QualityEvaluation> EvaluateIndicators(const Population& population,
                                             std::span<const Indicator> indicators,
                                             const QualityScope& scope,
                                             std::span<const VoiceResponse> responses = {});

// Sets the series' period figures (period counts, expected counts and the ICO's rate) for the
// months `in_period` marks (by month of the evaluation), the measures of patients as on the last
// day of month `period_month`.
void MeasureOverPeriod(IndicatorSeries* series, const QualityEvaluation& evaluation,
                       const std::vector<uint8_t>& in_period, int period_month);

// The evaluation measured over another period of its months (a financial year to date, say)
// without evaluating again: what EvaluateIndicators gives for `period_start`..`period_end`,
// except the coverage of measures of patients and proportions of events, which is tallied on the
// period's reference day while evaluating and is left empty here. InvalidInput when the period
// holds none of the evaluation's months.
Result<QualityEvaluation> EvaluationOverPeriod(const QualityEvaluation& evaluation,
                                               Day period_start, Day period_end);

// The evaluation with its units from `first` to the last before the total added together into one
// unit, in that place: every count of a unit is a sum over its patients, events or person-time,
// so the merged unit counts as one unit of all their practices would, and the other units and the
// total are as they were. Unchanged when fewer than two units are merged.
QualityEvaluation MergeUnitsFrom(const QualityEvaluation& evaluation, size_t first);

}  // namespace continuum
