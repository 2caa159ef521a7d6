// The quality report as those under disclosure control see it (the commissioner's analysts,
// independent evaluators). Every count is controlled together with the sums that tie it to
// others (report/disclosure_table.h): the ICO's months and year as the sums of its practices', a
// year as the sum of its months, the eligible as the counted plus each reason for exclusion.
// Then the report is built again from the controlled counts alone, so that no value, interval,
// funnel limit or SPC chart says more than the counts shown beside it.
//
//   auto shown = ControlQuality(population, *run, KeptWholeTotal(run->scope));
//   RenderQualityJson((*shown)->report, Disclosure::kControlled);
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "clinical/comparison.h"
#include "clinical/quality_run.h"

namespace continuum {

// `kept_whole`, by unit: 1 for the units whose counts another answer shows too (a total, or an
// ICO in the commissioner's comparison), which are then never withheld for another's sake, so
// that every answer shows them alike. The evaluation's withheld counts read as 0 and are flagged
// in IndicatorPoint::withheld; a coverage count withheld reads as -1.
Result<std::unique_ptr<QualityRun>> ControlQuality(const Population& population,
                                                   const QualityRun& exact,
                                                   const std::vector<uint8_t>& kept_whole);

// Only the last unit, the total, kept whole: an ICO's own report.
std::vector<uint8_t> KeptWholeTotal(const QualityScope& scope);

// The commissioner's comparison under disclosure control: its ICOs and its total kept whole
// (each ICO shows the counts its own report shows), its control practices withheld where needed.
Result<Comparison> ControlComparison(const Population& population, const Comparison& exact);

}  // namespace continuum
