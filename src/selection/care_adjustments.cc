#include "selection/care_adjustments.h"

#include "selection/share_change.h"

namespace continuum {
namespace {

// The disease registers (palliative care, which follows dying, aside).
constexpr uint16_t kRegisters =
    uint16_t(~(1u << static_cast<int>(Condition::kPalliative)) & ((1u << kConditionCount) - 1));

}  // namespace

std::vector<SelectionMeasure> MeasureCareAdjustments(const SelectionData& d) {
  const Population& p = *d.population;
  const ObservationColumns& o = p.observations;
  const Day from = FinancialYearStart(d.first - 1), to = FinancialYearEnd(d.last);
  std::vector<ShareEvent> adjustments;
  for (size_t k = 0; k < o.size(); ++k) {
    if (o.kind[k] != static_cast<uint8_t>(ObservationKind::kCareAdjustment)) continue;
    if (o.day[k] < from || o.day[k] > to) continue;
    const int condition = static_cast<int>(o.value[k]);
    if (condition < 0 || condition >= kConditionCount || !(kRegisters >> condition & 1)) continue;
    // Recorded by the practice the patient was with that day.
    const uint32_t practice = p.PracticeOn(o.patient[k], o.day[k]);
    adjustments.push_back({o.patient[k], o.day[k], practice, uint16_t(1u << condition)});
  }
  return MeasureShareChange(d, adjustments, kRegisters, "care_adjustments",
                            "with a care adjustment");
}

}  // namespace continuum
