#include "stats/spc.h"

#include <cassert>
#include <cmath>
#include <string>
#include <vector>

namespace continuum {
namespace {

// The XmR constant: 3 / d2, d2 = 1.128 being the mean range of two normal observations in σ.
constexpr double kLimitFactor = 2.66;
// NHSRplotthedots leaves out moving ranges of this many times their mean or more (after Nelson
// 1982: 3.267 = D4, the upper limit of a moving-range chart).
constexpr double kScreenFactor = 3.267;

// The mean as R's mean() takes it: summed in long double, then corrected by the mean of the
// residuals. A point exactly on the mean is on neither side, so the last bit decides a run; taking
// the mean as R does makes the two agree on such points (NHSRplotthedots is written in R).
double AccurateMean(std::span<const double> values) {
  long double sum = 0;
  for (double v : values) sum += v;
  sum /= static_cast<long double>(values.size());
  long double residual = 0;
  for (double v : values) residual += v - sum;
  return static_cast<double>(sum + residual / static_cast<long double>(values.size()));
}

// -1, 0 or +1 as a is below, equal to or above b.
int Side(double a, double b) { return (a > b) - (a < b); }

// Calls mark(first, last, side) for each longest run of indexes in [0, n) whose side(i) is the
// same and not 0, at least `length` long.
template <typename SideOf, typename Mark>
void ForEachRun(size_t n, size_t length, SideOf side, Mark mark) {
  size_t first = 0;
  while (first < n) {
    const int s = side(first);
    size_t last = first;
    while (last + 1 < n && side(last + 1) == s) ++last;
    if (s != 0 && last - first + 1 >= length) mark(first, last, s);
    first = last + 1;
  }
}

// Rule 4: in any three consecutive points all strictly on one side of the mean, two or three
// beyond that side's 2σ line; those beyond it are flagged. Under MDC points beyond the process
// limit count (its SQL tool from v2.6); NHSRplotthedots counts and flags only the points between
// the 2σ line and the limit.
void MarkTwoOfThree(std::span<const double> values, XmrChart& chart) {
  const double upper = chart.UpperTwoSigma();
  const double lower = chart.LowerTwoSigma();
  const bool within_limits_only = chart.rules == SpcRules::kPlotTheDots;
  const auto near_upper = [&](double v) {
    return v > upper && !(within_limits_only && v > chart.upper_process_limit);
  };
  const auto near_lower = [&](double v) {
    return v < lower && !(within_limits_only && v < chart.lower_process_limit);
  };
  for (size_t first = 0; first + 3 <= values.size(); ++first) {
    const std::span<const double> window = values.subspan(first, 3);
    int above_mean = 0, below_mean = 0, above_line = 0, below_line = 0;
    for (double v : window) {
      above_mean += v > chart.mean;
      below_mean += v < chart.mean;
      above_line += near_upper(v);
      below_line += near_lower(v);
    }
    for (size_t i = first; i < first + 3; ++i) {
      if (above_mean == 3 && above_line >= 2 && near_upper(values[i])) {
        chart.points[i].near_upper_limit = true;
      }
      if (below_mean == 3 && below_line >= 2 && near_lower(values[i])) {
        chart.points[i].near_lower_limit = true;
      }
    }
  }
}

// The mean of the moving ranges between consecutive values of `baseline`; under kPlotTheDots
// those of kScreenFactor times that mean or more are left out and the mean taken again (unless
// every range is 0, when there is nothing to screen).
void SetMeanMovingRange(std::span<const double> baseline, XmrChart& chart) {
  std::vector<double> ranges(baseline.size() - 1);
  for (size_t i = 1; i < baseline.size(); ++i)
    ranges[i - 1] = std::fabs(baseline[i] - baseline[i - 1]);
  chart.mean_moving_range = AccurateMean(ranges);
  if (chart.rules != SpcRules::kPlotTheDots || chart.mean_moving_range == 0) return;
  const double cut = kScreenFactor * chart.mean_moving_range;
  const size_t all = ranges.size();
  std::erase_if(ranges, [cut](double range) { return !(range < cut); });
  chart.screened_moving_ranges = all - ranges.size();
  chart.mean_moving_range = AccurateMean(ranges);
}

constexpr std::string_view kRulesNames[] = {"mdc", "ptd"};
constexpr std::string_view kRuleNames[] = {"", "outside_limits", "seven_trend", "two_in_three",
                                           "seven_one_side"};

// The variation of a signal on one side (+1 high, −1 low) for an indicator of `polarity`.
Variation VariationOfSide(int side, Polarity polarity) {
  if (side == 0) return Variation::kCommonCause;
  if (polarity == Polarity::kNeither) return side > 0 ? Variation::kHigh : Variation::kLow;
  const bool better = (side > 0) == (polarity == Polarity::kHigherIsBetter);
  return better ? Variation::kImproving : Variation::kConcerning;
}

// Whether `rule` fired at `point` on `side` (+1 high, −1 low).
bool Fired(const SpecialCause& point, SpcRule rule, int side) {
  const bool high = side > 0;
  switch (rule) {
    case SpcRule::kNone:
      return false;
    case SpcRule::kOutsideLimits:
      return high ? point.above_upper_limit : point.below_lower_limit;
    case SpcRule::kSevenTrend:
      return high ? point.trend_rising : point.trend_falling;
    case SpcRule::kTwoInThree:
      return high ? point.near_upper_limit : point.near_lower_limit;
    case SpcRule::kSevenOneSide:
      return high ? point.shift_above : point.shift_below;
  }
  return false;
}

constexpr SpcRule kRulesInOrder[] = {SpcRule::kOutsideLimits, SpcRule::kSevenTrend,
                                     SpcRule::kTwoInThree, SpcRule::kSevenOneSide};

// The first rule, in SpcRule's order, that fired on `side` at `point`.
SpcRule FirstRuleOnSide(const SpecialCause& point, int side) {
  for (const SpcRule rule : kRulesInOrder) {
    if (Fired(point, rule, side)) return rule;
  }
  return SpcRule::kNone;
}

}  // namespace

Result<XmrChart> BuildXmrChart(std::span<const double> values, const SpcOptions& options) {
  for (size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) {
      return Status::InvalidInput("point " + std::to_string(i + 1) +
                                  " of the chart is not a number");
    }
  }
  const size_t baseline = options.baseline_points == 0 ? values.size() : options.baseline_points;
  if (baseline < 2 || baseline > values.size()) {
    return Status::InvalidInput("an XmR chart's baseline needs from 2 to " +
                                std::to_string(values.size()) + " points, not " +
                                std::to_string(baseline));
  }
  if (options.shift_points < 2 || options.trend_points < 2) {
    return Status::InvalidInput("a shift or a trend needs at least 2 points");
  }

  XmrChart chart;
  chart.rules = options.rules;
  chart.mean = AccurateMean(values.first(baseline));
  SetMeanMovingRange(values.first(baseline), chart);
  chart.upper_process_limit = chart.mean + kLimitFactor * chart.mean_moving_range;
  chart.lower_process_limit = chart.mean - kLimitFactor * chart.mean_moving_range;
  if (!std::isfinite(chart.upper_process_limit) || !std::isfinite(chart.lower_process_limit)) {
    return Status::InvalidInput(
        "the values are too large to chart: their limits pass the largest number a double "
        "holds (about 1.8e308); divide them by a power of ten");
  }
  chart.points.resize(values.size());

  // Rule 1. A point on a limit is within it.
  for (size_t i = 0; i < values.size(); ++i) {
    chart.points[i].above_upper_limit = values[i] > chart.upper_process_limit;
    chart.points[i].below_lower_limit = values[i] < chart.lower_process_limit;
  }
  // Rule 2. A point on the mean belongs to neither side and so ends a run.
  ForEachRun(
      values.size(), options.shift_points, [&](size_t i) { return Side(values[i], chart.mean); },
      [&](size_t first, size_t last, int side) {
        for (size_t i = first; i <= last; ++i) {
          (side > 0 ? chart.points[i].shift_above : chart.points[i].shift_below) = true;
        }
      });
  // Rule 3, over the steps between points: step j goes from point j to point j + 1, and a run of
  // trend_points − 1 steps the same way covers trend_points points, both ends included. A step to
  // an equal value goes neither way and so ends a trend (MDC's SQL tool and NHSRplotthedots).
  ForEachRun(
      values.size() - 1, options.trend_points - 1,
      [&](size_t j) { return Side(values[j + 1], values[j]); },
      [&](size_t first, size_t last, int side) {
        for (size_t i = first; i <= last + 1; ++i) {
          (side > 0 ? chart.points[i].trend_rising : chart.points[i].trend_falling) = true;
        }
      });
  MarkTwoOfThree(values, chart);
  return chart;
}

Variation PointVariation(const SpecialCause& point, Polarity polarity, ConflictRule conflict) {
  const bool high = point.High();
  const bool low = point.Low();
  if (polarity == Polarity::kNeither) {
    return high ? Variation::kHigh : low ? Variation::kLow : Variation::kCommonCause;
  }
  const bool better = polarity == Polarity::kHigherIsBetter ? high : low;
  const bool worse = polarity == Polarity::kHigherIsBetter ? low : high;
  if (better && worse) {
    return conflict == ConflictRule::kConcern ? Variation::kConcerning : Variation::kImproving;
  }
  return better ? Variation::kImproving : worse ? Variation::kConcerning : Variation::kCommonCause;
}

PointReading ReadPoint(const XmrChart& chart, std::span<const double> values, size_t i,
                       Polarity polarity, ConflictRule conflict) {
  assert(i < chart.points.size() && values.size() == chart.points.size());
  const SpecialCause& point = chart.points[i];
  if (chart.rules == SpcRules::kMakingDataCount) {
    PointReading reading{.variation = PointVariation(point, polarity, conflict)};
    int side = 0;
    switch (reading.variation) {
      case Variation::kCommonCause:
        return reading;
      case Variation::kHigh:
        side = 1;
        break;
      case Variation::kLow:
        side = -1;
        break;
      case Variation::kImproving:
        side = polarity == Polarity::kHigherIsBetter ? 1 : -1;
        break;
      case Variation::kConcerning:
        side = polarity == Polarity::kHigherIsBetter ? -1 : 1;
        break;
    }
    reading.rule = FirstRuleOnSide(point, side);
    return reading;
  }
  // NHSRplotthedots: the first rule that fired, on its side.
  for (const SpcRule rule : kRulesInOrder) {
    const bool high = Fired(point, rule, 1);
    const bool low = Fired(point, rule, -1);
    if (!high && !low) continue;
    int side = high ? 1 : -1;
    // Only a trend fires both ways, at the turn between a trend and the opposite one after it:
    // the later trend's side, falling after a peak and rising after a trough.
    if (high && low) side = values[i] > values[i - 1] ? -1 : 1;
    return {.variation = VariationOfSide(side, polarity), .rule = rule};
  }
  return {};
}

std::string_view SpcRulesName(SpcRules rules) { return kRulesNames[static_cast<int>(rules)]; }

std::optional<SpcRules> SpcRulesNamed(std::string_view name) {
  for (size_t i = 0; i < std::size(kRulesNames); ++i) {
    if (kRulesNames[i] == name) return static_cast<SpcRules>(i);
  }
  return std::nullopt;
}

std::string_view SpcRuleName(SpcRule rule) { return kRuleNames[static_cast<int>(rule)]; }

Variation LatestVariation(const XmrChart& chart, Polarity polarity, ConflictRule conflict) {
  assert(!chart.points.empty());
  return PointVariation(chart.points.back(), polarity, conflict);
}

std::optional<Assurance> ClassifyAssurance(const XmrChart& chart, Polarity polarity,
                                           double target) {
  assert(std::isfinite(target));
  if (polarity == Polarity::kNeither) return std::nullopt;
  const bool higher_is_better = polarity == Polarity::kHigherIsBetter;
  if (target <= chart.lower_process_limit) {
    return higher_is_better ? Assurance::kConsistentlyPasses : Assurance::kConsistentlyFails;
  }
  if (target >= chart.upper_process_limit) {
    return higher_is_better ? Assurance::kConsistentlyFails : Assurance::kConsistentlyPasses;
  }
  return Assurance::kHitAndMiss;
}

}  // namespace continuum
