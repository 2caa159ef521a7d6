// Coding intensity: how much the recorded conditions, and the capitation weight they carry, grow
// over a year among each ICO's patients who stay, against comparable patients who stay with its
// commissioner's control practices — a difference in differences on stayers, so that a
// population that really grows sicker is not mistaken for one coded harder (CMS cuts Medicare
// Advantage risk scores by at least 5.9% for coding intensity; Jacobs et al., Health Services
// Research 2025, found switchers' scores 12.4% higher by year two).
//
// For a year Y measured, a stayer is on an ICO member's list (or a control practice's) on 1 April
// of Y and still on the same list on 31 March. Each is compared with the control stayers of the
// same stratum (sex and age band x IMD quintile x conditions held on 1 April, 0 to 3 or more):
// expected at year end is what they held on 1 April plus the stratum's mean growth among control
// stayers. The effect is observed over expected at year end; the variance of its log is the sum of
// the ICO stayers' squared deviations from their strata means plus each stratum's control mean's
// sampling variance times the ICO's stayers in it squared, over expected squared.
//
// "recorded_conditions" counts long-term conditions; "capitation_weight" is the prospective need
// (list_year.h) moved by the capitation model's coefficients of the conditions gained or lost.
//
//   std::vector<SelectionMeasure> m = MeasureCodingIntensity(data);  // two per ICO
#pragma once

#include <vector>

#include "selection/selection_data.h"

namespace continuum {

std::vector<SelectionMeasure> MeasureCodingIntensity(const SelectionData& data);

}  // namespace continuum
