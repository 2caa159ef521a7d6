// What `continuum simulate` prints: for each population size, the spread of spend beside the
// analytic one, where the variance lands in the corridor, and the settlement's spread.
//
//   std::string s = RenderSimulation(contract, budget, simulation, OutputFormat::kText);
#pragma once

#include <string>

#include "finance/contract_outturn.h"
#include "finance/simulation.h"
#include "report/output_format.h"

namespace continuum {

std::string RenderSimulation(const Contract& contract, const ResolvedBudget& budget,
                             const Simulation& simulation, OutputFormat format);

}  // namespace continuum
