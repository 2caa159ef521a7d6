#include "report/spc_report.h"

#include <algorithm>
#include <span>

#include "core/quoted.h"

namespace continuum {

Result<SpcReport> BuildSpcReport(const SpcInput& input, const SpcReportOptions& options) {
  if (options.baseline_points == 1) {
    return Status::InvalidInput("a baseline needs at least 2 points to have a moving range");
  }
  SpcReport report{.rules = options.rules, .baseline_points = options.baseline_points};
  report.series.reserve(input.series.size());
  for (const SpcSeriesInput& in : input.series) {
    SpcSeriesResult& out = report.series.emplace_back();
    out.id = in.id;
    out.direction = in.direction;
    out.points.resize(in.values.size());
    if (in.values.empty())
      return Status::InvalidInput("series " + Quoted(in.id) + " has no points");
    if (in.dates.size() != in.values.size()) {
      return Status::InvalidInput("series " + in.id + " has " + std::to_string(in.dates.size()) +
                                  " dates for " + std::to_string(in.values.size()) + " values");
    }
    for (size_t i = 1; i < in.dates.size(); ++i) {
      if (in.dates[i] <= in.dates[i - 1]) {
        return Status::InvalidInput(
            "series " + Quoted(in.id) + ": its dates must each come once, in " + "order; " +
            FormatDate(in.dates[i]) + " follows " + FormatDate(in.dates[i - 1]));
      }
    }
    // The segments' first points: the start and each rebase date after it.
    std::vector<size_t> starts{0};
    std::vector<Day> rebases = in.rebase_dates;
    std::sort(rebases.begin(), rebases.end());
    for (const Day rebase : rebases) {
      const auto at = std::lower_bound(in.dates.begin(), in.dates.end(), rebase);
      if (at == in.dates.end() || *at != rebase) {
        return Status::InvalidInput("series " + Quoted(in.id) + ": the rebase date " +
                                    FormatDate(rebase) +
                                    " is not the date of any of its points; a rebase date is " +
                                    "the date of the first point charted on new limits");
      }
      const size_t index = static_cast<size_t>(at - in.dates.begin());
      if (index != starts.back()) starts.push_back(index);
    }
    for (size_t s = 0; s < starts.size(); ++s) {
      const size_t first = starts[s];
      const size_t end = s + 1 < starts.size() ? starts[s + 1] : in.values.size();
      const std::span<const double> values(in.values.data() + first, end - first);
      if (values.size() < 2) {
        return Status::InvalidInput(
            s == 0 && starts.size() == 1
                ? "series " + Quoted(in.id) + " has 1 point (" + FormatDate(in.dates[first]) +
                      "); a chart needs at least 2 (a moving range)"
                : "series " + Quoted(in.id) + ": the limits from " + FormatDate(in.dates[first]) +
                      (s == 0 ? "" : " (a rebase date)") +
                      " would rest on 1 point; a chart needs at least 2, so move or drop the "
                      "rebase date");
      }
      const size_t baseline = options.baseline_points == 0
                                  ? values.size()
                                  : std::min(options.baseline_points, values.size());
      Result<XmrChart> chart =
          BuildXmrChart(values, {.rules = options.rules, .baseline_points = baseline});
      if (!chart.ok()) {
        return Status::InvalidInput("series " + Quoted(in.id) + ": " + chart.status().message());
      }
      out.segments.push_back({.first = first,
                              .count = values.size(),
                              .baseline_points = baseline,
                              .mean = chart->mean,
                              .mean_moving_range = chart->mean_moving_range,
                              .lower_limit = chart->lower_process_limit,
                              .upper_limit = chart->upper_process_limit,
                              .screened_moving_ranges = chart->screened_moving_ranges});
      for (size_t i = 0; i < values.size(); ++i) {
        out.points[first + i] = {.date = in.dates[first + i],
                                 .value = values[i],
                                 .segment = s,
                                 .reading = ReadPoint(*chart, values, i, in.direction)};
      }
    }
  }
  return report;
}

std::string_view ImprovementDirectionName(Polarity direction) {
  switch (direction) {
    case Polarity::kHigherIsBetter:
      return "increase";
    case Polarity::kLowerIsBetter:
      return "decrease";
    case Polarity::kNeither:
      return "neutral";
  }
  return "";
}

std::string_view SignalSide(Variation variation, Polarity direction) {
  switch (variation) {
    case Variation::kCommonCause:
      return "";
    case Variation::kHigh:
      return "high";
    case Variation::kLow:
      return "low";
    case Variation::kImproving:
      return direction == Polarity::kLowerIsBetter ? "low" : "high";
    case Variation::kConcerning:
      return direction == Polarity::kLowerIsBetter ? "high" : "low";
  }
  return "";
}

std::string_view SpecialCauseName(Variation variation) {
  switch (variation) {
    case Variation::kCommonCause:
      return "none";
    case Variation::kImproving:
      return "improvement";
    case Variation::kConcerning:
      return "concern";
    case Variation::kHigh:
    case Variation::kLow:
      return "neither";
  }
  return "";
}

}  // namespace continuum
