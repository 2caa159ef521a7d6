#include "finance/contract_simulation.h"

namespace continuum {

Result<Simulation> SimulateContract(const Population& population, const ContractSetup& setup,
                                    SimulationOptions options) {
  const Contract& c = setup.contract;
  const BaseYear year = BaseYearOf(c, population);
  const PatientCosts base =
      PatientCostsIn(population, setup.costing.cost, setup.scope, year.start, year.end);
  if (base.patient.empty())
    return Status::InvalidInput("no patients of " + c.ico + " between " + FormatDate(year.start) +
                                " and " + FormatDate(year.end) + " to simulate from");
  options.sizes.insert(options.sizes.begin(), static_cast<int64_t>(base.patient.size()));
  // The budget per patient-year of the base, so every size is budgeted alike.
  return Simulate(c, setup.budget.amount, base.cost, options);
}

}  // namespace continuum
