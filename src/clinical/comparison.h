// The commissioner's comparison, for evaluating its pilots: every ICO it contracts (its member
// practices together) and every control practice it contracts outside them, side by side on the
// quality indicators, each against the commissioner's value over everyone in them (funnel
// limits), with the registered population each unit serves.
//
//   auto c = RunComparison(population, commissioner, *ShippedIndicators(), year);
//   c->units[0].ico, c->quality->report.indicators[0].units[0].value   // the first ICO's value
#pragma once

#include <memory>
#include <vector>

#include "clinical/quality_run.h"

namespace continuum {

struct ComparedUnit {
  uint32_t org = 0;        // organisation index: an ICO, or a control practice
  bool ico = false;        // an ICO (its member practices together), else a control practice
  int practices = 1;       // practices in the unit
  int64_t registered = 0;  // on its lists on the last day of the period
  int64_t aged_65_plus = 0;
};

struct Comparison {
  uint32_t commissioner = 0;            // organisation index
  std::vector<ComparedUnit> units;      // ICOs in organisation order, then control practices
  ComparedUnit total;                   // everyone in the units
  std::unique_ptr<QualityRun> quality;  // its units: as `units`, then the total
};

// The units: the commissioner's ICOs with their member practices mapped to them, then its
// practices in no ICO. InvalidInput when the organisation is not a commissioner or contracts
// neither.
Result<QualityScope> ComparisonScopeOf(const Population& population, uint32_t commissioner,
                                       Day period_start, Day period_end);

// The comparison over the financial year `year` (2024: from April 2024); indicators of survey
// responses count `responses`.
Result<Comparison> RunComparison(const Population& population, uint32_t commissioner,
                                 std::vector<Indicator> indicators, int year,
                                 std::span<const VoiceResponse> responses = {});

}  // namespace continuum
