#include "stats/spc.h"

#include <cassert>
#include <cmath>
#include <string>

namespace continuum {
namespace {

// The XmR constant: 3 / d2, d2 = 1.128 being the mean range of two normal observations in σ.
constexpr double kLimitFactor = 2.66;

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
// beyond that side's 2σ line; those beyond it are flagged. Points beyond the process limit count
// (MDC's SQL tool from v2.6; NHSRplotthedots leaves them out).
void MarkTwoOfThree(std::span<const double> values, XmrChart& chart) {
  const double upper = chart.UpperTwoSigma();
  const double lower = chart.LowerTwoSigma();
  for (size_t first = 0; first + 3 <= values.size(); ++first) {
    const std::span<const double> window = values.subspan(first, 3);
    int above_mean = 0, below_mean = 0, above_line = 0, below_line = 0;
    for (double v : window) {
      above_mean += v > chart.mean;
      below_mean += v < chart.mean;
      above_line += v > upper;
      below_line += v < lower;
    }
    for (size_t i = first; i < first + 3; ++i) {
      if (above_mean == 3 && above_line >= 2 && values[i] > upper) {
        chart.points[i].near_upper_limit = true;
      }
      if (below_mean == 3 && below_line >= 2 && values[i] < lower) {
        chart.points[i].near_lower_limit = true;
      }
    }
  }
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
  double sum = 0, moving_ranges = 0;
  for (size_t i = 0; i < baseline; ++i) {
    sum += values[i];
    if (i > 0) moving_ranges += std::fabs(values[i] - values[i - 1]);
  }
  chart.mean = sum / static_cast<double>(baseline);
  chart.mean_moving_range = moving_ranges / static_cast<double>(baseline - 1);
  chart.upper_process_limit = chart.mean + kLimitFactor * chart.mean_moving_range;
  chart.lower_process_limit = chart.mean - kLimitFactor * chart.mean_moving_range;
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
