#include "selection/share_change.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace continuum {
namespace {

struct Count {
  int64_t listed = 0, counted = 0;
  double Share() const { return static_cast<double>(counted) / static_cast<double>(listed); }
  double Variance() const {
    return 1 / static_cast<double>(counted) - 1 / static_cast<double>(listed);
  }
};

}  // namespace

std::vector<SelectionMeasure> MeasureShareChange(const SelectionData& d,
                                                 const std::vector<ShareEvent>& events,
                                                 uint16_t eligible, std::string_view name,
                                                 std::string_view what) {
  const Population& p = *d.population;
  const SelectionUnits& units = d.units;
  const size_t icos = units.icos.size(), orgs = p.organisations.size();
  const int base = d.first - 1;
  const size_t span = static_cast<size_t>(d.last - base + 1);
  // Each practice's unit on 1 April of each year base .. last.
  const auto unit_at = [&](size_t y) -> const std::vector<int32_t>& {
    return d.Year(base + static_cast<int>(y)).practice_unit;
  };
  std::vector<std::string> why(icos);
  std::vector<std::vector<int>> years(icos);
  std::vector<std::vector<uint8_t>> measured(icos, std::vector<uint8_t>(span, 0));
  for (size_t i = 0; i < icos; ++i) {
    years[i] = d.MeasuredYears(i, &why[i]);
    for (int year : years[i]) measured[i][year - base] = 1;
  }
  // [(list year L, year Y of the units) * units + unit], L <= Y: the eligible patients on 1
  // April of L at the practices in `unit` on 1 April of Y, and those of them with something
  // recorded within L at a practice then in that unit.
  std::vector<Count> counts(span * span * units.size());
  auto at = [&](size_t l, size_t y, int32_t unit) -> Count& {
    return counts[(l * span + y) * units.size() + static_cast<size_t>(unit)];
  };
  std::vector<ProfileSum> listed(icos), counted(icos);  // the ICO's years measured
  std::vector<int32_t> row_of(p.patients.size(), -1);
  for (size_t l = 0; l < span; ++l) {
    const ListYear& list = d.Year(base + static_cast<int>(l));
    const auto in = [&](size_t row) {
      return eligible == 0 || (list.list.conditions[row] & eligible);
    };
    for (size_t row = 0; row < list.list.size(); ++row) {
      if (in(row)) row_of[list.list.patient[row]] = static_cast<int32_t>(row);
    }
    // Bit k: recorded at a practice of the row's unit of year l + k.
    std::vector<uint64_t> flag(list.list.size(), 0);
    const Day start = FinancialYearStart(list.year), end = FinancialYearEnd(list.year);
    for (const ShareEvent& e : events) {
      if (e.day < start || e.day > end || e.practice >= orgs) continue;
      const int32_t row = row_of[e.patient];
      if (row < 0 || (e.conditions != 0 && !(list.list.conditions[row] & e.conditions))) continue;
      const uint32_t practice = list.list.practice[row];
      for (size_t y = l; y < span && y - l < 64; ++y) {
        const int32_t unit = unit_at(y)[e.practice];
        if (unit != kNoUnit && unit == unit_at(y)[practice]) flag[row] |= uint64_t{1} << (y - l);
      }
    }
    for (size_t row = 0; row < list.list.size(); ++row) {
      if (!in(row)) continue;
      row_of[list.list.patient[row]] = -1;
      const uint32_t practice = list.list.practice[row];
      for (size_t y = l; y < span && y - l < 64; ++y) {
        const int32_t unit = unit_at(y)[practice];
        if (unit == kNoUnit) continue;
        const bool has = flag[row] >> (y - l) & 1;
        Count& c = at(l, y, unit);
        ++c.listed;
        c.counted += has;
        if (y == l && unit < static_cast<int32_t>(icos) && measured[unit][l]) {
          d.AddToProfile(list, row, &listed[unit]);
          if (has) d.AddToProfile(list, row, &counted[unit]);
        }
      }
    }
  }

  std::vector<SelectionMeasure> out;
  for (size_t i = 0; i < icos; ++i) {
    SelectionMeasure m = NewMeasure(name, units.icos[i], Adverse::kHigher);
    m.years = years[i];
    m.not_estimated = d.NoComparison(i, why[i]);
    const int32_t ico = static_cast<int32_t>(i);
    const int32_t control = static_cast<int32_t>(units.ControlUnit(i));
    // The baseline: the year before the first measured (when there is one).
    const size_t b = years[i].empty() ? 0 : static_cast<size_t>(years[i].front() - 1 - base);
    if (m.estimated()) {
      for (int year : years[i]) {
        const size_t y = static_cast<size_t>(year - base);
        for (const Count* c :
             {&at(y, y, ico), &at(b, y, ico), &at(y, y, control), &at(b, y, control)}) {
          if (c->listed < 100 || c->counted < 10) {
            m.not_estimated = "not enough data: fewer than 100 patients, or fewer than 10 " +
                              std::string(what) + ", in " + FormatFinancialYear(year) +
                              " or the baseline " +
                              FormatFinancialYear(base + static_cast<int>(b)) +
                              ", at the ICO or its control practices";
          }
        }
      }
    }
    if (!m.estimated()) {
      out.push_back(std::move(m));
      continue;
    }
    double observed = 0, expected = 0;
    int64_t smallest = INT64_MAX;
    std::vector<double> part, now_variance, base_variance;
    for (int year : years[i]) {
      const size_t y = static_cast<size_t>(year - base);
      const Count &now = at(y, y, ico), &before = at(b, y, ico);
      const Count &control_now = at(y, y, control), &control_before = at(b, y, control);
      observed += static_cast<double>(now.counted);
      part.push_back(static_cast<double>(now.listed) * before.Share() * control_now.Share() /
                     control_before.Share());
      expected += part.back();
      now_variance.push_back(now.Variance() + control_now.Variance());
      base_variance.push_back(before.Variance() + control_before.Variance());
      smallest = std::min(
          {smallest, now.counted, before.counted, control_now.counted, control_before.counted});
    }
    double variance = 0, shared = 0;
    for (size_t k = 0; k < part.size(); ++k) {
      const double w = part[k] / expected;
      variance += w * w * now_variance[k];
      shared += w * std::sqrt(base_variance[k]);
    }
    SetRatio(&m, std::log(observed / expected), variance + shared * shared);
    m.observed = observed;
    m.expected = expected;
    m.unit = "patients";
    m.smallest_count = smallest;
    m.concerned = counted[i].Profile();
    m.comparison = listed[i].Profile();
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace continuum
