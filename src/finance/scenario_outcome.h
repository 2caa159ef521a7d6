// A savings scenario applied to the contract's base year and settled with and without it, as
// `continuum scenario` and the server's finance page give it.
//
//   auto o = ApplyScenario(scenario, population, setup, risk);   // or RunScenario (clinical/)
//   o->projection.Saving(), o->after.ico_result - o->before.ico_result
#pragma once

#include <span>

#include "finance/contract_setup.h"
#include "finance/scenario_projection.h"
#include "finance/settlement.h"

namespace continuum {

struct ScenarioOutcome {
  BaseYear year;
  ScenarioProjection projection;
  Outturn outturn_before, outturn_after;  // what each settlement was worked out from
  Settlement before, after;
};

// `risk` as ProjectScenario takes it: empty ranks case management on the year before.
// InvalidInput when the ICO has no patients in the base year.
Result<ScenarioOutcome> ApplyScenario(const Scenario& scenario, const Population& population,
                                      const ContractSetup& setup, std::span<const double> risk);

}  // namespace continuum
