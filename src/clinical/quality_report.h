// Turns evaluated indicators into what a clinical lead reads: each unit's value over the period
// with its 95% confidence interval, its place in the funnel around the ICO's value (95% and
// 99.8% limits), and its monthly run as an XmR chart with the NHS "Making Data Count" signals.
//
//   Result<QualityReport> r = BuildQualityReport(population, evaluation, scope);
//   r->indicators[0].units[k].funnel_position   // kBelowOuter: outside the 99.8% limit
//
// Values are proportions (0–1), rates per the indicator's `per` person-years, or ratios.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "clinical/indicator_evaluation.h"
#include "stats/funnel.h"
#include "stats/intervals.h"
#include "stats/spc.h"

namespace continuum {

// Charts need this many monthly points before their signals are read (Making Data Count asks
// for at least 12 to set limits).
inline constexpr int kMinimumSpcPoints = 12;

struct UnitQuality {
  std::string id, name;           // org_id and name of the practice, or of the ICO
  IndicatorPoint period;          // counts over the period
  std::optional<Estimate> value;  // the period's value and 95% interval; none when nothing counted
  std::optional<FunnelLimits> funnel;  // practices: limits around the ICO's value
  FunnelPosition funnel_position = FunnelPosition::kWithin;
  std::vector<std::optional<double>> monthly;  // by month; none when not measured
  std::optional<XmrChart> chart;               // over the measured months, when there are enough
  Variation variation = Variation::kCommonCause;
  std::optional<Assurance> assurance;  // against the indicator's target, when it has one
};

struct IndicatorQuality {
  const Indicator* indicator = nullptr;
  const IndicatorSeries* series = nullptr;
  double overdispersion = 1;       // φ the funnel limits were widened by (1: exact limits)
  std::vector<UnitQuality> units;  // member practices, then the ICO last
};

struct QualityReport {
  std::string ico_id, ico_name;
  Day period_start = 0, period_end = 0;
  int first_month = 0, month_count = 0;
  // On the period's reference day: on a list of a practice of the ICO's commissioner (its ICOs'
  // and control practices, CommissionerPractices), or of any practice when the ICO has no
  // commissioner (`by_commissioner` false); the same from a shard as from the whole workspace.
  int64_t workspace_registered = 0;
  bool by_commissioner = false;
  int64_t ico_registered = 0;  // on the ICO's member lists then
  std::vector<IndicatorQuality> indicators;
};

// With `overdispersion`, each indicator's funnel limits are widened by the practices' own
// over-dispersion φ (Spiegelhalter 2005, winsorised at 10%) when φ exceeds 1.
Result<QualityReport> BuildQualityReport(const Population& population,
                                         const QualityEvaluation& evaluation,
                                         const QualityScope& scope, bool overdispersion = false);

// Whether a funnel position is better or worse than expected given the polarity: +1 better,
// -1 worse, 0 within or neither; `outer` asks about the 99.8% limit only.
int FunnelVerdict(FunnelPosition position, Polarity polarity, bool outer);

}  // namespace continuum
