#include "selection/outside_budget.h"

#include "selection/share_change.h"

namespace continuum {

std::vector<SelectionMeasure> MeasureOutsideBudget(const SelectionData& d, uint16_t settings) {
  const EventColumns& e = d.population->events;
  const Day from = FinancialYearStart(d.first - 1), to = FinancialYearEnd(d.last);
  std::vector<ShareEvent> watched;
  for (size_t k = 0; k < e.size(); ++k) {
    if (!(settings >> e.setting[k] & 1u) || e.day[k] < from || e.day[k] > to) continue;
    watched.push_back({e.patient[k], e.day[k], e.practice[k], 0});
  }
  return MeasureShareChange(d, watched, 0, "outside_budget",
                            "with activity in the settings watched");
}

}  // namespace continuum
