#include "finance/contract_setup.h"

#include <filesystem>

namespace continuum {

Result<ContractSetup> SetUpContract(const Population& population, const std::string& contract_path,
                                    const std::vector<std::string>& tariffs, bool reprice) {
  ContractSetup c;
  auto contract = ReadContract(contract_path);
  if (!contract.ok()) return contract.status();
  c.contract = std::move(*contract);
  auto costing = CostAtTariffs(population, tariffs, reprice);
  if (!costing.ok()) return costing.status();
  c.costing = std::move(*costing);
  const std::string file = std::filesystem::path(contract_path).filename().string();
  CONTINUUM_RETURN_IF_ERROR(CheckContractAgainstWorkspace(c.contract, population, file));
  auto scope = IcoScopeOf(population, c.contract.ico, file + ", field ico");
  if (!scope.ok()) return scope.status();
  c.scope = std::move(*scope);
  auto budget = ResolveContractBudget(c.contract, population, c.costing.cost);
  if (!budget.ok()) return budget.status();
  c.budget = *budget;
  c.budget.tariff = c.costing.tariff_name;
  c.budget.uncosted_events = static_cast<int64_t>(c.costing.uncosted.size());
  return c;
}

}  // namespace continuum
