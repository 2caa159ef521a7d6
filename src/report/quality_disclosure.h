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

// What one unit of a controlled run shows withheld (IndicatorPoint::withheld), by series: its
// months from `first_month`, then its period last.
struct UnitWithheld {
  int first_month = 0;
  std::vector<std::vector<uint8_t>> series;  // empty: nothing decided elsewhere
};
UnitWithheld WithheldOfUnit(const QualityRun& controlled, size_t unit);

// How a unit's counts are kept (ControlQuality's `kept_whole`, by unit).
inline constexpr uint8_t kKeptWhole =
    1;  // withheld for another's sake only when nothing else will do
inline constexpr uint8_t kDecidedElsewhere = 2;  // never: `decided` says what to withhold

// `kept_whole`, by unit: kKeptWhole for the units whose counts another answer shows too (a
// total), which are then withheld for another's sake only as a last resort; kDecidedElsewhere for
// a unit whose counts another answer controls (an ICO's in the commissioner's comparison, which
// its own report controls): never withheld here but where `decided` (by unit; may be empty) says
// that answer withholds them, so that every answer shows them alike. The evaluation's withheld
// counts read as 0 and are flagged in IndicatorPoint::withheld; a coverage count withheld reads
// as -1.
Result<std::unique_ptr<QualityRun>> ControlQuality(const Population& population,
                                                   const QualityRun& exact,
                                                   const std::vector<uint8_t>& kept_whole,
                                                   const std::vector<UnitWithheld>& decided = {});

// Only the last unit, the total, kept whole: an ICO's own report.
std::vector<uint8_t> KeptWholeTotal(const QualityScope& scope);

// The counts each ICO's own report (RunQuality for `year` with `responses`, under ControlQuality
// with its total kept whole) withholds of its total, by ICO in the order given: what the
// commissioner's comparison and oversight must withhold of it too.
Result<std::vector<UnitWithheld>> IcoTotalsWithheld(const Population& population,
                                                    const std::vector<uint32_t>& icos,
                                                    const std::vector<Indicator>& indicators,
                                                    int year,
                                                    std::span<const VoiceResponse> responses);

// The kept_whole of a comparison-shaped run (its first `icos` units the ICOs, its last the
// commissioner's total): the ICOs decided by their own reports, the total kept whole.
std::vector<uint8_t> ComparisonKeptWhole(size_t units, size_t icos);

// The commissioner's comparison under disclosure control: each ICO shows exactly what its own
// report shows (`ico_totals`, IcoTotalsWithheld of its ICOs in order), the total is kept whole,
// and its control practices are withheld where needed.
Result<Comparison> ControlComparison(const Population& population, const Comparison& exact,
                                     const std::vector<UnitWithheld>& ico_totals);

}  // namespace continuum
