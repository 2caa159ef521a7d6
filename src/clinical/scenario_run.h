// A savings scenario applied to the contract's base year, its case management finding patients
// with the emergency-admission risk model (fitted on the year before) when the data allow one,
// and otherwise by their emergency admissions in the year before. What `continuum scenario`
// and the server's finance page report.
//
//   auto o = RunScenario(scenario, population, setup);
//   o->projection.case_finding   // CaseFinding::kRiskModel when the model could be fitted
#pragma once

#include "finance/scenario_outcome.h"

namespace continuum {

Result<ScenarioOutcome> RunScenario(const Scenario& scenario, const Population& population,
                                    const ContractSetup& setup);

}  // namespace continuum
