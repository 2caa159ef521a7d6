#include "selection/outside_budget.h"

#include "selection/share_change.h"

namespace continuum {
namespace {

// One event in a setting watched: whose, when and at which practice.
struct OutsideEvent {
  uint32_t patient;
  Day day;
  uint32_t practice;
};

}  // namespace

std::vector<SelectionMeasure> MeasureOutsideBudget(const SelectionData& d, uint16_t settings) {
  const Population& p = *d.population;
  const EventColumns& e = p.events;
  const Day from = FinancialYearStart(d.first - 1), to = FinancialYearEnd(d.last);
  std::vector<OutsideEvent> watched;
  for (size_t k = 0; k < e.size(); ++k) {
    if (!(settings >> e.setting[k] & 1u) || e.day[k] < from || e.day[k] > to) continue;
    watched.push_back({e.patient[k], e.day[k], e.practice[k]});
  }
  ShareChange share(d);
  std::vector<int32_t> row_of(p.patients.size(), -1);
  for (int y = d.first - 1; y <= d.last; ++y) {
    const ListYear& list = d.Year(y);
    for (size_t row = 0; row < list.list.size(); ++row)
      row_of[list.list.patient[row]] = static_cast<int32_t>(row);
    // Bit 0: activity watched at a practice of the row's unit this year; bit 1: of the unit its
    // practice is in next year.
    std::vector<uint8_t> flag(list.list.size(), 0);
    const std::vector<int32_t>& unit_now = share.UnitsOn(y);
    const std::vector<int32_t>* unit_next = y < d.last ? &share.UnitsOn(y + 1) : nullptr;
    const Day start = FinancialYearStart(y), end = FinancialYearEnd(y);
    for (const OutsideEvent& w : watched) {
      if (w.day < start || w.day > end) continue;
      const int32_t row = row_of[w.patient];
      if (row < 0) continue;
      const uint32_t practice = list.list.practice[row];
      if (unit_now[w.practice] != kNoUnit && unit_now[w.practice] == unit_now[practice])
        flag[row] |= 1;
      if (unit_next && (*unit_next)[w.practice] != kNoUnit &&
          (*unit_next)[w.practice] == (*unit_next)[practice])
        flag[row] |= 2;
    }
    for (size_t row = 0; row < list.list.size(); ++row) {
      row_of[list.list.patient[row]] = -1;
      share.Add(d, list, row, flag[row] & 1, flag[row] & 2);
    }
  }
  return share.Measures(d, "outside_budget", "with activity in the settings watched");
}

}  // namespace continuum
