// The whole disease spectrum: whether each ICO's registers of long-term conditions are as large
// as its population's age, sex and deprivation lead one to expect. An ICO that leaves conditions
// unrecorded, or sheds the patients who have them, shows registers short of expected.
//
// On 1 April of the last year the ICO is measured in, each register's expected size is the sum,
// over the ICO's patients, of the share of its commissioner's control practices' patients of the
// same sex, age band and IMD quintile on that register (indirect standardisation). The effect is
// observed over expected; the variance of observed minus expected is Σ p(1 - p) over the ICO's
// patients plus each stratum's control share's sampling variance times the ICO's patients in it
// squared.
//
//   std::vector<SelectionMeasure> m = MeasureRegisterShortfall(data);  // "register:copd", ...
#pragma once

#include <vector>

#include "selection/selection_data.h"

namespace continuum {

std::vector<SelectionMeasure> MeasureRegisterShortfall(const SelectionData& data);

}  // namespace continuum
