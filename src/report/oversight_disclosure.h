// The commissioner's oversight report as those under disclosure control see it (the
// commissioner's analysts, independent evaluators): RunOversight calls these when asked for
// Disclosure::kControlled. The assessment stays the exact figures'; only counts and the values
// resting on them change.
//
//   ShowControlledQuality(controlled_run->report, k, &month);   // after the month is scored
//   ControlOversightCounts(&ico);                               // once all its months are in
#pragma once

#include <cstddef>

#include "clinical/quality_report.h"
#include "report/oversight.h"

namespace continuum {

// The month's quality counts, expected counts and values as the controlled comparison `shown`
// has them for its unit `unit` (the ICO), and each scored quality metric's value with them
// (NaN when withheld); scores, funnel and SPC signals stay as assessed.
void ShowControlledQuality(const QualityReport& shown, size_t unit, OversightMonth* month);

// The ICO's list sizes and turnover totals, controlled together (report/disclosure_table.h) with
// the sums a reader could add up: each year to date as the month before's plus this month's,
// and each list as the month before's plus the month's joiners less its leavers, where those
// hold exactly. Event counts are rounded or withheld each on its own (report/disclosure.h).
void ControlOversightCounts(IcoOversight* ico);

}  // namespace continuum
