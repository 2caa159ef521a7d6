#include "finance/contract_setup.h"

namespace continuum {

Result<ContractSetup> SetUpContract(const Population& population, const NamedText& contract_text,
                                    const Tariff& tariff, bool reprice) {
  ContractSetup c;
  auto contract = ParseContract(contract_text.text, contract_text.name);
  if (!contract.ok()) return contract.status();
  c.contract = std::move(*contract);
  c.costing = CostActivity(population, tariff,
                           reprice ? CostingMode::kTariffOnly : CostingMode::kRecordedFirst);
  const std::string& file = contract_text.name;
  CONTINUUM_RETURN_IF_ERROR(CheckContractAgainstWorkspace(c.contract, population, file));
  auto scope = IcoScopeOn(population, c.contract.ico, c.contract.start, file + ", field ico");
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
