// The SPC report for any series: each series charted on XmR limits, one set per segment between
// rebase dates, and each point read by the Making Data Count rules (stats/spc.h) as NHSRplotthedots
// or NHS England's MDC tool reads them. `continuum spc`, the server and the Python package call
// BuildSpcReport; the quality pages chart their indicators with the same stats/spc.h code.
//
//   SpcInput input = *ReadSpcInput(*CsvFile::Read("series.csv"), nullptr);
//   Result<SpcReport> report = BuildSpcReport(input, {.rules = SpcRules::kPlotTheDots});
//   report->series[0].points[3].reading.variation;  // Variation::kImproving
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "stats/spc.h"

namespace continuum {

// One series as given: its points in date order, each date once, and the dates from which its
// limits are set afresh (each the date of one of its points).
struct SpcSeriesInput {
  std::string id;
  Polarity direction = Polarity::kHigherIsBetter;  // "increase" unless the file says otherwise
  std::vector<Day> dates;
  std::vector<double> values;
  std::vector<Day> rebase_dates;  // ascending
};

struct SpcInput {
  std::vector<SpcSeriesInput> series;  // in the order they first appear in the file
};

struct SpcReportOptions {
  SpcRules rules = SpcRules::kPlotTheDots;
  size_t baseline_points = 0;  // the first N points of each segment set its limits; 0: all of them
};

// The limits from one rebase date (or the series' start) to the next.
struct SpcSegment {
  size_t first = 0;            // index of its first point in the series
  size_t count = 0;            // its points
  size_t baseline_points = 0;  // those that set the limits
  double mean = 0;
  double mean_moving_range = 0;
  double lower_limit = 0;
  double upper_limit = 0;
  size_t screened_moving_ranges = 0;
};

struct SpcPointResult {
  Day date = 0;
  double value = 0;
  size_t segment = 0;
  PointReading reading;
};

struct SpcSeriesResult {
  std::string id;
  Polarity direction = Polarity::kHigherIsBetter;
  std::vector<SpcSegment> segments;
  std::vector<SpcPointResult> points;
};

struct SpcReport {
  SpcRules rules = SpcRules::kPlotTheDots;
  size_t baseline_points = 0;
  std::vector<SpcSeriesResult> series;
};

// A segment with fewer points than this has trial limits, as MDC and NHSRplotthedots warn.
inline constexpr size_t kSpcTrialLimitPoints = 12;

// Every series charted. A segment needs at least 2 points; the error names the series and date.
Result<SpcReport> BuildSpcReport(const SpcInput& input, const SpcReportOptions& options);

// "increase", "decrease", "neutral": the improvement directions of NHSRplotthedots.
std::string_view ImprovementDirectionName(Polarity direction);

// "improvement", "concern", "neither" (a signal where no direction is better), "none".
std::string_view SpecialCauseName(Variation variation);
// Which way a signal points: "high", "low", or "" for none.
std::string_view SignalSide(Variation variation, Polarity direction);

}  // namespace continuum
