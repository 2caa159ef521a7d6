// What is recorded: the quality indicators' exclusions. A practice may except a patient on a
// register from that condition's indicators with a personalised care adjustment (the Quality and
// Outcomes Framework's exception reporting), and an ICO that excepts the patients it does not
// reach looks better than it is; in 2006-07 168 English practices excepted twice the average
// share or more (HSJ's analysis of 8,331 practices' QOF returns), and the Department of Health
// asked primary care trusts to investigate outliers.
//
// A patient on an ICO's list on 1 April, on at least one disease register that day (palliative
// care aside), counts when a `care_adjustment` naming one of those registers is recorded within
// the year by a practice of the same ICO; the share of such patients is compared with the ICO's
// baseline year (for a new ICO, its last year before the pilot) and with its commissioner's
// control practices (share_change.h), so that a population with more patients to except, or a
// year when every practice excepts more, is not mistaken for an ICO that excepts harder.
//
//   std::vector<SelectionMeasure> m = MeasureCareAdjustments(data);  // one per ICO
#pragma once

#include <vector>

#include "selection/selection_data.h"

namespace continuum {

std::vector<SelectionMeasure> MeasureCareAdjustments(const SelectionData& data);

}  // namespace continuum
