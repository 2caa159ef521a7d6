// Who joins: the need of each ICO's new registrants against that of the patients of the same sex,
// age and deprivation who joined its commissioner's control practices in the same years — the
// practices the same people could have registered with instead. An ICO that turns away (or does
// not reach) people with high need shows a ratio below 1.
//
// For a year Y measured, a joiner is a patient on an ICO member's list on 1 April of Y whose
// registration there began in the year before by moving in (not by birth), and who was not with
// another practice of the same ICO the day before. Their need is their decile of the prospective
// need of list_year.h on that 1 April (1 to 10 over the commissioner's whole list): cost is so
// skewed that a few costly joiners would swing a mean of pounds, where a mean of deciles, bounded,
// is as near normal as its interval assumes. Each ICO joiner is expected to have the mean decile
// of the control joiners of their sex, age band and IMD quintile (or, where fewer than 10 of
// those, of their sex and age band; then of all): an ICO whose area is less deprived than its
// controls' is not taken for one that chooses the healthy. The effect is observed over expected;
// the variance of observed minus expected is the ICO joiners' squared deviations from their
// strata's means plus each stratum mean's sampling variance times the ICO's joiners in it squared.
//
//   std::vector<SelectionMeasure> m = MeasureJoinerNeed(data);  // "joiner_need" per ICO
#pragma once

#include <vector>

#include "selection/selection_data.h"

namespace continuum {

std::vector<SelectionMeasure> MeasureJoinerNeed(const SelectionData& data);

}  // namespace continuum
