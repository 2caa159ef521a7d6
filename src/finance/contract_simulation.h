// The contract's financial risk by simulation, as `continuum simulate` and the server's finance
// page give it: the base year's patient-years bootstrapped for the ICO's own population and for
// other sizes, each settled under the contract.
//
//   auto s = SimulateContract(population, setup, {.years = 10000, .sizes = {50'000, 100'000}});
//   s->sizes[0]   // the ICO's own population (patient-years of the base year)
#pragma once

#include "finance/contract_setup.h"
#include "finance/simulation.h"

namespace continuum {

// The sizes an ICO's risk is compared at by default: the range ICOs are planned for (50,000 to
// 200,000 registered patients).
inline const std::vector<int64_t> kComparedPopulationSizes{50'000, 100'000, 200'000};

// `options.sizes` are the other population sizes; the base year's own comes first in the
// result. InvalidInput when the ICO has no patients in the base year.
Result<Simulation> SimulateContract(const Population& population, const ContractSetup& setup,
                                    SimulationOptions options);

}  // namespace continuum
