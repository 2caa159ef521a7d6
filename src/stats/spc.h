// XmR (individuals) charts read by NHS England's "Making Data Count" rules: the mean and process
// limits from a baseline, each point's special-cause signals, and the two icons MDC puts on an
// indicator — the variation of its latest point (common cause, improving, concerning) and, given a
// target, the assurance (consistently passes, consistently fails, hit and miss).
//
//   Result<XmrChart> chart = BuildXmrChart(monthly_values, {.baseline_points = 12});
//   Variation now = LatestVariation(*chart, Polarity::kHigherIsBetter);   // kImproving, ...
//   std::optional<Assurance> a = ClassifyAssurance(*chart, Polarity::kHigherIsBetter, 0.95);
//
// Two readings of the rules are offered (SpcRules): NHS England's Making Data Count spreadsheet and
// SPC SQL tool (v2.6), and the NHS-R community's NHSRplotthedots 0.2.2, which screens outlying
// moving ranges before setting the limits; docs/statistics.md lists every difference.
//
//   Result<XmrChart> ptd = BuildXmrChart(values, {.rules = SpcRules::kPlotTheDots});
//   PointReading p = ReadPoint(*ptd, values, 5, Polarity::kLowerIsBetter);  // concern,
//   two_in_three
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace continuum {

// Which direction of an indicator is better.
enum class Polarity { kHigherIsBetter, kLowerIsBetter, kNeither };

// What a point shows when it signals both improvement and concern (a rising trend still below the
// mean, say). MDC leaves this to each metric; its own examples choose concern.
enum class ConflictRule { kConcern, kImprovement };

// Which implementation's reading of the rules a chart follows.
enum class SpcRules {
  kMakingDataCount,  // NHS England's MDC spreadsheet and SQL tool: no screening of moving ranges
  kPlotTheDots,      // NHSRplotthedots 0.2.2: moving ranges of 3.267 × their mean or more left out
};

struct SpcOptions {
  SpcRules rules = SpcRules::kMakingDataCount;
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
                                  // (under kPlotTheDots only points within the process limits)
  bool near_lower_limit = false;

  bool High() const { return above_upper_limit || shift_above || trend_rising || near_upper_limit; }
  bool Low() const { return below_lower_limit || shift_below || trend_falling || near_lower_limit; }
};

struct XmrChart {
  SpcRules rules = SpcRules::kMakingDataCount;
  double mean = 0;               // the centre line: the baseline's mean
  double mean_moving_range = 0;  // mean of |x_i − x_(i−1)| over consecutive baseline points
                                 // (those kept by the screening, under kPlotTheDots)
  size_t screened_moving_ranges = 0;  // moving ranges the screening left out
  double upper_process_limit = 0;     // mean + 2.66 × mean moving range (3σ, as 2.66 = 3 / 1.128)
  double lower_process_limit = 0;     // mean − 2.66 × mean moving range
  std::vector<SpecialCause> points;   // one for each value, in order

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

// The rules a point can be flagged by, in the order a single point's reading takes them.
enum class SpcRule { kNone, kOutsideLimits, kSevenTrend, kTwoInThree, kSevenOneSide };

// One point read as a single signal: its variation and the rule it comes from (kNone for common
// cause). Under kMakingDataCount the variation is PointVariation's and the rule the first, in
// SpcRule's order, that fired on the side shown. Under kPlotTheDots, as NHSRplotthedots reads it,
// the first rule that fired gives the side; a point shared by a trend and the opposite trend
// after it takes the later trend's side. `values` are those the chart was built from.
struct PointReading {
  Variation variation = Variation::kCommonCause;
  SpcRule rule = SpcRule::kNone;
};
PointReading ReadPoint(const XmrChart& chart, std::span<const double> values, size_t i,
                       Polarity polarity, ConflictRule conflict = ConflictRule::kConcern);

// The names the command line and reports use: "mdc", "ptd"; "outside_limits", "seven_trend",
// "two_in_three", "seven_one_side", "" for kNone.
std::string_view SpcRulesName(SpcRules rules);
std::optional<SpcRules> SpcRulesNamed(std::string_view name);
std::string_view SpcRuleName(SpcRule rule);

// What MDC's assurance icon shows: whether the process limits lie wholly on the passing side of
// the target, wholly on the failing side, or straddle it.
enum class Assurance { kConsistentlyPasses, kConsistentlyFails, kHitAndMiss };

// The assurance against a (finite) target; none for an indicator with neither direction better. A
// target on a limit counts as beyond it (MDC's SQL tool from v2.1).
std::optional<Assurance> ClassifyAssurance(const XmrChart& chart, Polarity polarity, double target);

}  // namespace continuum
