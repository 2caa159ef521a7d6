// The selection report as a commissioner's analysts and the programme's evaluators may see it
// (report/disclosure.h): every count of patients (observed and expected, exits by decile of
// need, register sizes, the patients an alert concerns) rounded to the nearest 5, a count of 1 to
// 7 suppressed, and a measure's effect, interval and p-value withheld when it rests on a count
// that small — an alert it raises still shows, without the figures, so that a commissioner is
// never kept from cherry-picking by a small number. The characteristics of the patients
// concerned are shown only for groups of 10 or more, their means rounded. Money is exact.
//
//   SelectionReport shown = DiscloseSelection(*report);   // NaN where suppressed or withheld
#pragma once

#include "selection/selection_report.h"

namespace continuum {

inline constexpr int64_t kSmallestProfile = 10;

SelectionReport DiscloseSelection(SelectionReport report);

}  // namespace continuum
