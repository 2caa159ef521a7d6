#include "selection/care_adjustments.h"

#include "selection/share_change.h"

namespace continuum {
namespace {

// One care adjustment: whose, when and for which condition.
struct Adjustment {
  uint32_t patient;
  Day day;
  int condition;
};

constexpr uint16_t kRegisters =
    uint16_t(~(1u << static_cast<int>(Condition::kPalliative)) & ((1u << kConditionCount) - 1));

}  // namespace

std::vector<SelectionMeasure> MeasureCareAdjustments(const SelectionData& d) {
  const Population& p = *d.population;
  const ObservationColumns& o = p.observations;
  const Day from = FinancialYearStart(d.first - 1), to = FinancialYearEnd(d.last);
  std::vector<Adjustment> adjustments;
  for (size_t k = 0; k < o.size(); ++k) {
    if (o.kind[k] != static_cast<uint8_t>(ObservationKind::kCareAdjustment)) continue;
    if (o.day[k] < from || o.day[k] > to) continue;
    adjustments.push_back({o.patient[k], o.day[k], static_cast<int>(o.value[k])});
  }
  ShareChange share(d);
  std::vector<int32_t> row_of(p.patients.size(), -1);
  for (int y = d.first - 1; y <= d.last; ++y) {
    const ListYear& list = d.Year(y);
    for (size_t row = 0; row < list.list.size(); ++row) {
      if (list.list.conditions[row] & kRegisters)
        row_of[list.list.patient[row]] = static_cast<int32_t>(row);
    }
    std::vector<uint8_t> adjusted(list.list.size(), 0);
    const Day start = FinancialYearStart(y), end = FinancialYearEnd(y);
    for (const Adjustment& a : adjustments) {
      if (a.day < start || a.day > end) continue;
      const int32_t row = row_of[a.patient];
      if (row >= 0 && (list.list.conditions[row] & kRegisters) >> a.condition & 1u)
        adjusted[row] = 1;
    }
    for (size_t row = 0; row < list.list.size(); ++row) {
      if (!(list.list.conditions[row] & kRegisters)) continue;
      row_of[list.list.patient[row]] = -1;
      share.Add(d, list, row, adjusted[row], adjusted[row]);
    }
  }
  return share.Measures(d, "care_adjustments", "with a care adjustment");
}

}  // namespace continuum
