// What `continuum scenario` prints: each change's activity and cost removed and added, the
// saving, and the risk-share settlement with and without the scenario.
//
//   std::string s = RenderScenario(contract, budget, year, scenario, projection, before, after,
//                                  OutputFormat::kText);
#pragma once

#include <string>

#include "finance/contract_outturn.h"
#include "finance/scenario_projection.h"
#include "report/output_format.h"

namespace continuum {

std::string RenderScenario(const Contract& contract, const ResolvedBudget& budget,
                           const BaseYear& year, const Scenario& scenario,
                           const ScenarioProjection& projection, const Settlement& before,
                           const Settlement& after, OutputFormat format);

}  // namespace continuum
