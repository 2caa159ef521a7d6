// The care pathways report as those under disclosure control see it (the commissioner's
// analysts, independent evaluators). Each pathway's counts are controlled together with the sums
// that tie them (report/disclosure_table.h): an ICO's or the control practices' figures as the
// sums of their practices', a unit's episodes as on time, breached, closed and open, each step's
// episodes by state, its breaches as met late and overdue; a 0 under a withheld count is withheld
// with it. Adherence and its interval are then worked out from the counts as shown, and days
// between steps are withheld where the episodes that met the step are.
//
//   PathwaysReport shown = ControlPathways(report);
//   RenderPathwaysJson(shown, Disclosure::kControlled);
#pragma once

#include "clinical/pathway_report.h"

namespace continuum {

// Every count as shown: rounded to 5, or -1 when withheld.
PathwaysReport ControlPathways(const PathwaysReport& exact);

}  // namespace continuum
