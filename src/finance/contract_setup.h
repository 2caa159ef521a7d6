// A risk-share contract made ready on a population: read and checked against the workspace, its
// ICO's practices found, every event costed at the tariffs and the budget resolved. What each
// contract report (monitor, settlement, scenario) starts from, in the CLI and the server alike.
//
//   auto setup = SetUpContract(population, "data/contracts/nelson_vale.json", {"default"});
//   RunMonitor(population, setup->costing.cost, setup->scope, {... setup->budget.amount ...});
#pragma once

#include <string>
#include <vector>

#include "finance/contract.h"
#include "finance/contract_outturn.h"
#include "finance/costing.h"
#include "finance/ico_scope.h"

namespace continuum {

struct ContractSetup {
  Costing costing;
  Contract contract;
  IcoScope scope;
  ResolvedBudget budget;
};

// `tariffs` as LoadTariffs() takes them (empty: the default tariff); `reprice`: every event at
// the tariff, recorded costs ignored.
Result<ContractSetup> SetUpContract(const Population& population, const std::string& contract_path,
                                    const std::vector<std::string>& tariffs, bool reprice = false);

}  // namespace continuum
