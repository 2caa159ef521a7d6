// The leaver cost ratio: what each ICO's leavers cost in the year before they left against what
// the capitation model predicted for them (Riley, Medicare & Medicaid Research Review 2012, found
// 1.28 among people leaving US Medicare Advantage plans), over the same ratio among the ICO's
// patients who stayed, compared with the same among its commissioner's control practices.
//
// For a year Y measured, the patients on an ICO member's list on 1 April of Y - 1 who were still
// on it on 1 April of Y: leavers are those who left in Y by removal, moving away or emigrating
// (SelectionData::ExitInYear), stayers the rest who did not die. Actual is their cost in Y - 1;
// predicted is the model fitted on Y - 1 over the commissioner's whole list (so that it predicts
// that year's cost of the average patient exactly). Each ratio Σ actual / Σ predicted has the
// variance of a ratio estimator, Σ (actual - R predicted)² / (Σ actual)² on the log scale; the
// four add.
//
//   std::vector<SelectionMeasure> m = MeasureLeaverCost(data);  // "leaver_cost_ratio" per ICO
#pragma once

#include <vector>

#include "selection/selection_data.h"

namespace continuum {

std::vector<SelectionMeasure> MeasureLeaverCost(const SelectionData& data);

}  // namespace continuum
