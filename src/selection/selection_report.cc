#include "selection/selection_report.h"

#include <algorithm>
#include <cmath>

#include "core/parallel.h"
#include "selection/coding_intensity.h"
#include "selection/joiner_need.h"
#include "selection/leaver_cost.h"
#include "selection/register_shortfall.h"
#include "selection/selection_data.h"
#include "stats/false_discovery.h"

namespace continuum {
namespace {

std::string IcoList(const Population& p, const SelectionUnits& units) {
  std::string list;
  for (uint32_t ico : units.icos)
    list += (list.empty() ? "" : ", ") + p.organisations.ids.Value(ico);
  return list.empty() ? "none" : list;
}

// The financial years measured: every whole one inside [from, to], or the defaults.
Result<std::pair<int, int>> MeasuredYears(const Population& p, const SelectionOptions& o) {
  const int first_data = FinancialYearOf(p.events.first_day);
  const int last_complete = LastCompleteFinancialYear(p.events);
  int first = first_data + 1, last = last_complete;
  if (o.from != 0) {
    first = FinancialYearOf(o.from) + (FinancialYearStart(FinancialYearOf(o.from)) < o.from);
  }
  if (o.to != 0) last = FinancialYearOf(o.to) - (FinancialYearEnd(FinancialYearOf(o.to)) > o.to);
  if ((o.from != 0 || o.to != 0) && last < first) {
    return Status::InvalidInput(
        "--from " + (o.from ? FormatDate(o.from) : std::string("(start of data)")) + " --to " +
        (o.to ? FormatDate(o.to) : std::string("(end of data)")) +
        " holds no whole financial year (1 April to 31 March): the selection measures count a "
        "year's leavers against the need on its first day, so the period must hold at least one");
  }
  if (last < first) {
    return Status::InvalidInput(
        "the data hold " + std::string(last_complete >= first_data ? "only one" : "no") +
        " complete financial year (" + FormatDate(p.events.first_day) + " to " +
        FormatDate(p.events.last_day) +
        "): the selection measures need a year to fit the capitation model that ranks need and "
        "a year after it to measure");
  }
  if (first > last_complete || last > last_complete) {
    return Status::InvalidInput("the data's complete financial years end with " +
                                FormatFinancialYear(last_complete) + "; choose --to " +
                                FormatDate(FinancialYearEnd(last_complete)) + " or earlier");
  }
  return std::make_pair(first, last);
}

}  // namespace

Result<SelectionReport> RunSelection(const Population& p, std::span<const int32_t> event_cost,
                                     const SelectionOptions& options) {
  if (p.events.size() == 0) return Status::NotFound("the workspace holds no activity yet");
  auto years = MeasuredYears(p, options);
  if (!years.ok()) return years.status();
  SelectionData d = BuildSelectionData(p, event_cost, years->first, years->second);
  uint32_t keep = Dictionary::kMissing;
  if (!options.ico.empty()) {
    keep = p.organisations.ids.Find(options.ico);
    if (std::find(d.units.icos.begin(), d.units.icos.end(), keep) == d.units.icos.end()) {
      return Status::NotFound("--ico " + options.ico +
                              " is not an ICO a commissioner contracts; "
                              "the workspace's are: " +
                              IcoList(p, d.units));
    }
  }
  if (d.units.icos.empty()) {
    return Status::NotFound("the workspace has no ICO contracted by a commissioner to measure");
  }
  SelectionReport report;
  report.first_year = d.first;
  report.last_year = d.last;
  std::vector<std::vector<SelectionMeasure>> parts(5);
  ParallelFor(parts.size(), [&](size_t k) {
    switch (k) {
      case 0:
        parts[k] = MeasureListExits(d);
        break;
      case 1:
        parts[k] = MeasureLeaverCost(d);
        break;
      case 2:
        parts[k] = MeasureJoinerNeed(d);
        break;
      case 3:
        parts[k] = MeasureCodingIntensity(d);
        break;
      default:
        parts[k] = MeasureRegisterShortfall(d);
        break;
    }
  });
  std::vector<SelectionMeasure> all;
  for (auto& part : parts) {
    for (auto& m : part) all.push_back(std::move(m));
  }
  // ICOs in organisation order, each's measures in the catalogue's.
  std::stable_sort(
      all.begin(), all.end(),
      [](const SelectionMeasure& a, const SelectionMeasure& b) { return a.ico < b.ico; });
  std::vector<double> p_values;
  for (const SelectionMeasure& m : all) p_values.push_back(m.p_value);
  const std::vector<double> q = BenjaminiHochbergQValues(p_values);
  for (size_t k = 0; k < all.size(); ++k) {
    all[k].q_value = q[k];
    all[k].alert = !std::isnan(q[k]) && q[k] <= kSelectionFalseDiscoveryRate;
    report.tests += !std::isnan(all[k].p_value);
  }
  for (auto& m : all) {
    if (keep == Dictionary::kMissing || m.ico == keep) report.measures.push_back(std::move(m));
  }
  // Exits by decile, for the ICOs kept, over each one's years.
  const auto deciles = CountExitsByDecile(d);
  for (size_t i = 0; i < d.units.icos.size(); ++i) {
    if (keep != Dictionary::kMissing && d.units.icos[i] != keep) continue;
    std::string why;
    ExitsByDecile ico, control;
    for (int year : d.MeasuredYears(i, &why)) {
      for (auto [from, to] : {std::pair{i, &ico}, std::pair{d.units.ControlUnit(i), &control}}) {
        const ExitsByDecile& x = deciles[year - d.first][from];
        for (int k = 0; k < 10; ++k) {
          to->patients[k] += x.patients[k];
          to->removals[k] += x.removals[k];
          to->other_exits[k] += x.other_exits[k];
        }
      }
    }
    report.icos.push_back(d.units.icos[i]);
    report.ico_exits.push_back(ico);
    report.control_exits.push_back(control);
  }
  return report;
}

}  // namespace continuum
