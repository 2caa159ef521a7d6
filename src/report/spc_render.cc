#include "report/spc_render.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/csv.h"
#include "report/json_text.h"
#include "report/text_table.h"

namespace continuum {
namespace {

std::string Csv(const SpcReport& report) {
  std::string out = "series_id,date,value,mean,lower_limit,upper_limit,special_cause,rule\n";
  for (const SpcSeriesResult& s : report.series) {
    std::string id;
    AppendCsvField(s.id, &id);
    for (const SpcPointResult& p : s.points) {
      const SpcSegment& g = s.segments[p.segment];
      out += fmt::format("{},{},{},{},{},{},{},{}\n", id, FormatDate(p.date), p.value, g.mean,
                         g.lower_limit, g.upper_limit, SpecialCauseName(p.reading.variation),
                         SpcRuleName(p.reading.rule));
    }
  }
  return out;
}

std::string Json(const SpcReport& report) {
  nlohmann::ordered_json root;
  root["rules"] = SpcRulesName(report.rules);
  root["baseline_points"] = report.baseline_points == 0
                                ? nlohmann::ordered_json()
                                : nlohmann::ordered_json(report.baseline_points);
  nlohmann::ordered_json& series = root["series"] = nlohmann::ordered_json::array();
  for (const SpcSeriesResult& s : report.series) {
    nlohmann::ordered_json js;
    js["series_id"] = s.id;
    js["improvement_direction"] = ImprovementDirectionName(s.direction);
    js["latest"] = SpecialCauseName(s.points.back().reading.variation);
    nlohmann::ordered_json& segments = js["segments"] = nlohmann::ordered_json::array();
    for (const SpcSegment& g : s.segments) {
      segments.push_back({{"from", FormatDate(s.points[g.first].date)},
                          {"to", FormatDate(s.points[g.first + g.count - 1].date)},
                          {"points", g.count},
                          {"baseline_points", g.baseline_points},
                          {"trial_limits", g.baseline_points < kSpcTrialLimitPoints},
                          {"mean", g.mean},
                          {"mean_moving_range", g.mean_moving_range},
                          {"screened_moving_ranges", g.screened_moving_ranges},
                          {"lower_limit", g.lower_limit},
                          {"upper_limit", g.upper_limit}});
    }
    nlohmann::ordered_json& points = js["points"] = nlohmann::ordered_json::array();
    for (const SpcPointResult& p : s.points) {
      const SpcSegment& g = s.segments[p.segment];
      points.push_back({{"date", FormatDate(p.date)},
                        {"value", p.value},
                        {"mean", g.mean},
                        {"lower_limit", g.lower_limit},
                        {"upper_limit", g.upper_limit},
                        {"special_cause", SpecialCauseName(p.reading.variation)},
                        {"rule", SpcRuleName(p.reading.rule)},
                        {"side", SignalSide(p.reading.variation, s.direction)}});
    }
    series.push_back(std::move(js));
  }
  return JsonText(root, 2) + "\n";
}

std::string Text(const SpcReport& report) {
  std::string out = fmt::format(
      "SPC charts: {} series, rules {} ({})\n", report.series.size(), SpcRulesName(report.rules),
      report.rules == SpcRules::kPlotTheDots
          ? "NHSRplotthedots 0.2.2: moving ranges of 3.267 times their mean or more screened out"
          : "NHS England's Making Data Count tool: no screening");
  for (const SpcSeriesResult& s : report.series) {
    size_t improvement = 0, concern = 0, neither = 0;
    for (const SpcPointResult& p : s.points) {
      const std::string_view name = SpecialCauseName(p.reading.variation);
      improvement += name == "improvement";
      concern += name == "concern";
      neither += name == "neither";
    }
    const size_t signals = improvement + concern + neither;
    out += fmt::format("\n{} ({}, {} points): latest point {}; special cause at {} point{}", s.id,
                       ImprovementDirectionName(s.direction), s.points.size(),
                       SpecialCauseName(s.points.back().reading.variation), signals,
                       signals == 1 ? "" : "s");
    out += s.direction == Polarity::kNeither
               ? "\n"
               : fmt::format(" ({} improvement, {} concern)\n", improvement, concern);
    TextTable limits({"from", "to", "points", "mean", "lower limit", "upper limit", "screened"});
    for (const SpcSegment& g : s.segments) {
      limits.AddRow({FormatDate(s.points[g.first].date),
                     FormatDate(s.points[g.first + g.count - 1].date),
                     g.baseline_points == g.count
                         ? std::to_string(g.count)
                         : fmt::format("{} ({} set the limits)", g.count, g.baseline_points),
                     Readable(g.mean), Readable(g.lower_limit), Readable(g.upper_limit),
                     std::to_string(g.screened_moving_ranges)});
    }
    out += limits.Render();
    for (const SpcSegment& g : s.segments) {
      if (g.baseline_points < kSpcTrialLimitPoints) {
        out += fmt::format(
            "  The limits from {} rest on {} points: trial limits, until there are 12.\n",
            FormatDate(s.points[g.first].date), g.baseline_points);
      }
    }
    TextTable signal_rows({"date", "value", "special cause", "rule"});
    for (const SpcPointResult& p : s.points) {
      if (p.reading.rule == SpcRule::kNone) continue;
      const std::string_view cause = SpecialCauseName(p.reading.variation);
      signal_rows.AddRow(
          {FormatDate(p.date), Readable(p.value),
           cause == "neither"
               ? fmt::format("neither ({})", SignalSide(p.reading.variation, s.direction))
               : std::string(cause),
           std::string(SpcRuleName(p.reading.rule))});
    }
    if (signals > 0) out += signal_rows.Render();
  }
  return out;
}

}  // namespace

std::string RenderSpc(const SpcReport& report, OutputFormat format) {
  switch (format) {
    case OutputFormat::kCsv:
      return Csv(report);
    case OutputFormat::kJson:
      return Json(report);
    case OutputFormat::kText:
      return Text(report);
  }
  return "";
}

}  // namespace continuum
