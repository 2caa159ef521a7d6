// What `continuum scenario` prints: each change's activity and cost removed and added, the
// saving, and the risk-share settlement with and without the scenario.
//
//   std::string s = RenderScenario(contract, budget, scenario, outcome, OutputFormat::kText);
//
// Under disclosure control (JSON only: the commissioner's analysts and evaluators in the web
// app) the outcome comes from ControlScenario (report/scenario_disclosure.h): the counts of
// patients each change touches and the activity it removes and adds are rounded or suppressed,
// and its money rests on them.
#pragma once

#include <span>
#include <string>

#include "finance/contract_outturn.h"
#include "finance/scenario_outcome.h"
#include "report/disclosure.h"
#include "report/output_format.h"

namespace continuum {

std::string RenderScenario(const Contract& contract, const ResolvedBudget& budget,
                           const Scenario& scenario, const ScenarioOutcome& outcome,
                           OutputFormat format, Disclosure disclosure = Disclosure::kExact);

// Scenarios already rendered as JSON, as one answer: {"scenarios": [...]}.
std::string RenderScenarioListJson(std::span<const std::string> scenarios);

}  // namespace continuum
