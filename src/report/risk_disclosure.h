// The emergency-admission risk model's aggregates as those under disclosure control see them:
// each risk pyramid's patients and admissions by band and member practice are controlled as one
// table with the sums that tie them (report/disclosure_table.h): the ICO's band as the sum of its
// practices', the patients scored as the sum of the bands, admissions withheld with their
// patients.
//
//   RiskReport shown = ControlRisk(report);
//   RenderRiskAggregatesJson(shown, population, ico, Disclosure::kControlled);
#pragma once

#include "clinical/risk_run.h"

namespace continuum {

// Every count of the pyramids and their coverage as shown: rounded to 5, or -1 when withheld.
// The case-finding list is left out: it names patients.
RiskReport ControlRisk(const RiskReport& exact);

}  // namespace continuum
