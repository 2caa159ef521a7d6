// What practices are matched on: each practice's registered population on the first day of the
// evaluation (size, share aged 65 and over, mean deprivation decile, recorded long-term
// conditions per patient) and its use and cost over the periods before the first pilot starts
// (emergency admissions, cost per head, and the slope of cost per head across those periods).
//
//   std::vector<std::vector<double>> x = PracticeProfiles(population, practices, plan, outcomes);
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/population.h"
#include "evaluation/analysis_plan.h"

namespace continuum {

// One row per practice, one column per plan.match_on variable, in that order. `pre_periods`
// is how many of the plan's periods come before the first start (at least one).
Result<std::vector<std::vector<double>>> PracticeProfiles(
    const Population& population, std::span<const uint32_t> practices, const AnalysisPlan& plan,
    size_t pre_periods, const std::vector<OutcomeDefinition>& catalogue);

// The variables' names for the balance table.
std::vector<std::string> ProfileNames(const AnalysisPlan& plan);

}  // namespace continuum
