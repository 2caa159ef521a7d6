// XmR (individuals) charts read by NHS England's "Making Data Count" rules: the mean and process
// limits from a baseline, each point's special-cause signals, and the two icons MDC puts on an
// indicator — the variation of its latest point (common cause, improving, concerning) and, given a
// target, the assurance (consistently passes, consistently fails, hit and miss).
//
//   Result<XmrChart> chart = BuildXmrChart(monthly_values, {.baseline_points = 12});
//   Variation now = LatestVariation(*chart, Polarity::kHigherIsBetter);   // kImproving, ...
//   std::optional<Assurance> a = ClassifyAssurance(*chart, Polarity::kHigherIsBetter, 0.95);
//
// The rules follow NHS England's SPC SQL tool (v2.6) and NHSRplotthedots; where the two differ,
// docs/statistics.md says which way Continuum goes and why.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "core/status.h"

namespace continuum {

// Which direction of an indicator is better.
enum class Polarity { kHigherIsBetter, kLowerIsBetter, kNeither };

// What a point shows when it signals both improvement and concern (a rising trend still below the
// mean, say). MDC leaves this to each metric; its own examples choose concern.
enum class ConflictRule { kConcern, kImprovement };

struct SpcOptions {
  size_t baseline_points = 0;  // the first N points fix the mean and limits; 0 for all the points
  size_t shift_points = 7;     // a run this long all above (or all below) the mean is a shift
  size_t trend_points = 7;     // this many points each higher (or lower) than the last: a trend
};

// The Making Data Count rules a point is part of, each on the side it fired. Only a trend can fire
// both ways at once, at the peak shared by a rise and the fall that follows it.
struct SpecialCause {
  bool above_upper_limit = false;  // rule 1: beyond a process limit
  bool below_lower_limit = false;
  bool shift_above = false;  // rule 2: in a run of shift_points on one side of the mean
  bool shift_below = false;
  bool trend_rising = false;  // rule 3: in a run of trend_points rising or falling points
  bool trend_falling = false;
  bool near_upper_limit = false;  // rule 4: beyond the 2σ line, two of three on the same side
  bool near_lower_limit = false;

  bool High() const { return above_upper_limit || shift_above || trend_rising || near_upper_limit; }
  bool Low() const { return below_lower_limit || shift_below || trend_falling || near_lower_limit; }
};

struct XmrChart {
  double mean = 0;                   // the centre line: the baseline's mean
  double mean_moving_range = 0;      // mean of |x_i − x_(i−1)| over consecutive baseline points
  double upper_process_limit = 0;    // mean + 2.66 × mean moving range (3σ, as 2.66 = 3 / 1.128)
  double lower_process_limit = 0;    // mean − 2.66 × mean moving range
  std::vector<SpecialCause> points;  // one for each value, in order

  // The 2σ lines, two thirds of the way from the mean to each limit, beyond which rule 4 counts.
  double UpperTwoSigma() const { return mean + (upper_process_limit - mean) * 2 / 3; }
  double LowerTwoSigma() const { return mean - (mean - lower_process_limit) * 2 / 3; }
};

// The chart of `values` in time order, at least two of them, each a finite number. The rules run
// over every point, baseline or not, against the baseline's mean and limits.
Result<XmrChart> BuildXmrChart(std::span<const double> values, const SpcOptions& options = {});

// What MDC's variation icon shows.
enum class Variation {
  kCommonCause,
  kImproving,   // special cause in the better direction
  kConcerning,  // special cause in the worse direction
  kHigh,        // special cause upwards, where neither direction is better
  kLow,         // special cause downwards, where neither direction is better
};

// The variation one point shows. With Polarity::kNeither a point that is both high and low shows
// high, as MDC's tool does.
Variation PointVariation(const SpecialCause& point, Polarity polarity,
                         ConflictRule conflict = ConflictRule::kConcern);

// The variation icon of the chart: that of its latest point.
Variation LatestVariation(const XmrChart& chart, Polarity polarity,
                          ConflictRule conflict = ConflictRule::kConcern);

// What MDC's assurance icon shows: whether the process limits lie wholly on the passing side of
// the target, wholly on the failing side, or straddle it.
enum class Assurance { kConsistentlyPasses, kConsistentlyFails, kHitAndMiss };

// The assurance against a (finite) target; none for an indicator with neither direction better. A
// target on a limit counts as beyond it (MDC's SQL tool from v2.1).
std::optional<Assurance> ClassifyAssurance(const XmrChart& chart, Polarity polarity, double target);

}  // namespace continuum
