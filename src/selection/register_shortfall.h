// The whole disease spectrum: whether each ICO's disease registers are as large as its
// population's age, sex and deprivation lead one to expect. An ICO that leaves conditions
// unrecorded, or sheds the patients who have them, shows registers short of expected.
//
// On 1 April of the last year the ICO is measured in, each patient is compared with the patients
// of its commissioner's control practices of the same sex, five-year age band and IMD decile
// (or, where the controls have fewer than 20 such patients, sex, ten-year band and quintile):
// expected on each register is the share of them on it (indirect standardisation). The measure,
// "register_shortfall", counts places on the fifteen disease registers (every long-term condition
// but palliative care, which follows dying rather than disease): observed over expected, with the
// variance of observed minus expected the sum over the ICO's patients of the variance of the
// register count among their stratum's control patients, plus each stratum's control mean's own
// sampling variance times the ICO's patients in it squared, multiplied by the practices'
// dispersion (selection_measure.h). Each register's own observed and expected come with it, so
// that a shortfall can be traced to the registers that make it; they are not tested one by one,
// which would swell the number of tests without adding to what an alert can find.
//
//   std::vector<RegisterSize> sizes;
//   std::vector<SelectionMeasure> m = MeasureRegisterShortfall(data, &sizes);
#pragma once

#include <vector>

#include "selection/selection_data.h"

namespace continuum {

// One register of one ICO: patients on it against those expected.
struct RegisterSize {
  uint32_t ico = 0;  // organisation index
  Condition condition = Condition::kHypertension;
  double observed = 0, expected = 0;
};

// Per ICO, "register_shortfall"; each ICO's registers are appended to `sizes`.
std::vector<SelectionMeasure> MeasureRegisterShortfall(const SelectionData& data,
                                                       std::vector<RegisterSize>* sizes);

}  // namespace continuum
