// What the finance commands print about a contract before their own figures — which ICO,
// period and counterparty, and how the budget was set — and the reports of `monitor`,
// `settle` and `simulate`, as text or JSON.
//
//   std::string s = RenderMonitor(contract, budget, monitor, population, OutputFormat::kText, 8);
#pragma once

#include <string>

#include "finance/contract_outturn.h"
#include "finance/simulation.h"
#include "report/output_format.h"

namespace continuum {

std::string RenderMonitor(const Contract& contract, const ResolvedBudget& budget,
                          const Monitor& monitor, OutputFormat format, int top);
std::string RenderSettle(const Contract& contract, const ResolvedBudget& budget,
                         const ContractOutturn& outturn, const Settlement& settlement,
                         OutputFormat format);
std::string RenderSimulation(const Contract& contract, const ResolvedBudget& budget,
                             const Simulation& simulation, OutputFormat format);

}  // namespace continuum
