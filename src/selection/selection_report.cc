#include "selection/selection_report.h"

#include <algorithm>
#include <cmath>

#include "core/parallel.h"
#include "selection/care_adjustments.h"
#include "selection/coding_intensity.h"
#include "selection/joiner_need.h"
#include "selection/leaver_cost.h"
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
  if (d.units.icos.empty()) {
    return Status::NotFound("the workspace has no ICO contracted by a commissioner to measure");
  }
  // The ICOs kept, by index into units.icos.
  std::vector<uint8_t> kept(d.units.icos.size(), 1);
  if (!options.ico.empty()) {
    const uint32_t ico = p.organisations.ids.Find(options.ico);
    for (size_t i = 0; i < kept.size(); ++i) kept[i] = d.units.icos[i] == ico;
    if (std::find(kept.begin(), kept.end(), 1) == kept.end()) {
      return Status::NotFound("--ico " + options.ico +
                              " is not an ICO a commissioner contracts; "
                              "the workspace's are: " +
                              IcoList(p, d.units));
    }
  }
  if (!options.commissioner.empty()) {
    const uint32_t commissioner = p.organisations.ids.Find(options.commissioner);
    const auto at =
        std::find(d.units.commissioners.begin(), d.units.commissioners.end(), commissioner);
    if (at == d.units.commissioners.end()) {
      return Status::NotFound("--commissioner " + options.commissioner +
                              " is not a commissioner of the workspace");
    }
    for (size_t i = 0; i < kept.size(); ++i) {
      kept[i] &= d.units.commissioner_of_ico[i] ==
                 static_cast<uint32_t>(at - d.units.commissioners.begin());
    }
  }
  std::vector<uint32_t> ico_index(p.organisations.size(), 0);
  for (size_t i = 0; i < d.units.icos.size(); ++i)
    ico_index[d.units.icos[i]] = static_cast<uint32_t>(i);
  SelectionReport report;
  report.first_year = d.first;
  report.outside_settings = options.outside_settings;
  report.last_year = d.last;
  // Exits by decile, counted once: the measures read them, and so does the report.
  const std::vector<std::vector<ExitsByDecile>> deciles = CountExitsByDecile(d);
  std::vector<std::vector<SelectionMeasure>> parts(7);
  std::vector<RegisterSize> registers;
  ParallelFor(parts.size(), [&](size_t k) {
    switch (k) {
      case 0:
        parts[k] = MeasureListExits(d, deciles);
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
      case 4:
        parts[k] = MeasureCareAdjustments(d);
        break;
      case 5:
        parts[k] = MeasureOutsideBudget(d, options.outside_settings);
        break;
      default:
        parts[k] = MeasureRegisterShortfall(d, &registers);
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
  // The false discovery rate over each commissioner's ICOs and measures.
  for (size_t k = 0; k < d.units.commissioners.size(); ++k) {
    std::vector<size_t> family;
    std::vector<double> p_values;
    for (size_t m = 0; m < all.size(); ++m) {
      if (d.units.commissioner_of_ico[ico_index[all[m].ico]] != k) continue;
      family.push_back(m);
      p_values.push_back(all[m].p_value);
    }
    const std::vector<double> q = BenjaminiHochbergQValues(p_values);
    bool counted = false;
    for (size_t f = 0; f < family.size(); ++f) {
      SelectionMeasure& m = all[family[f]];
      m.q_value = q[f];
      m.alert = !std::isnan(q[f]) && q[f] <= kSelectionFalseDiscoveryRate;
      if (!kept[ico_index[m.ico]]) continue;
      report.tests += !std::isnan(m.p_value);
      counted = true;
    }
    report.families += counted;
  }
  for (auto& m : all) {
    if (kept[ico_index[m.ico]]) report.measures.push_back(std::move(m));
  }
  for (const RegisterSize& r : registers) {
    if (kept[ico_index[r.ico]]) report.registers.push_back(r);
  }
  // Exits by decile, for the ICOs kept, over each one's years.
  for (size_t i = 0; i < d.units.icos.size(); ++i) {
    if (!kept[i]) continue;
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
