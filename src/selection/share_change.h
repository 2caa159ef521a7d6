// A difference in differences of a yearly share, as two measures use it (care_adjustments.h,
// outside_budget.h). Of the patients eligible on each ICO's lists on 1 April of a year Y measured,
// the share with something recorded within the year at a practice of the same ICO is set against
// the same share in the ICO's baseline year B (the year before its first year measured: for an
// ICO that went live within the data, its practices' last year before the pilot), counted at the
// practices that are its members on 1 April of Y, and both against the same two shares at its
// commissioner's control practices. So a population with more to record, or a year when every
// practice records more, is not mistaken for the ICO's doing, and a change kept up year after
// year shows in every year, not only the first.
//
// Each year Y gives observed O_Y, the ICO's patients with one, and expected
// E_Y = n_Y s_B s'_Y / s'_B (s the ICO's shares, s' the controls'). The effect is the sum of O
// over the sum of E. The variance of its log is Σ w_Y² (v_Y + v'_Y) + (Σ w_Y √(v_B + v'_B))², with
// w_Y = E_Y / E and each share's Woolf variance v = 1/a - 1/n: the years measured as independent,
// the one baseline year shared by them all. Every year must have at least 100 patients and 10
// with one in each of its four shares.
//
//   std::vector<ShareEvent> events = ...;  // one per thing recorded
//   std::vector<SelectionMeasure> m =
//       MeasureShareChange(data, events, 0, "outside_budget", "with activity in those settings");
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "selection/selection_data.h"

namespace continuum {

// One thing recorded: whose, when and at which practice (Dictionary::kMissing when the patient
// was with none). `conditions` (a bit per Condition): 0 when it counts for any patient, or the
// conditions of which the patient must hold one on 1 April for it to count.
struct ShareEvent {
  uint32_t patient;
  Day day;
  uint32_t practice;
  uint16_t conditions;
};

// Per ICO, the measure `name` over the patients holding one of the conditions `eligible` on 1
// April (0: every patient on the list); `what` says what a counted patient has, for "not enough
// data".
std::vector<SelectionMeasure> MeasureShareChange(const SelectionData& data,
                                                 const std::vector<ShareEvent>& events,
                                                 uint16_t eligible, std::string_view name,
                                                 std::string_view what);

}  // namespace continuum
