// A risk-share contract made ready on a population: read and checked against the workspace, its
// ICO's practices found, every event costed at the tariffs and the budget resolved. What each
// contract report (monitor, settlement, scenario) starts from, in the CLI and the server alike.
//
//   auto setup = SetUpContract(population, *ReadNamedText("data/contracts/nelson_vale.json"),
//                              *LayerTariffs({DefaultTariffText()}));
//   RunMonitor(population, setup->costing.cost, setup->scope, {... setup->budget.amount ...});
#pragma once

#include <string>
#include <vector>

#include "core/named_text.h"
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

// `contract`: the contract's JSON, from a file or the workspace, named as messages name it;
// `reprice`: every event at the tariff, recorded costs ignored.
Result<ContractSetup> SetUpContract(const Population& population, const NamedText& contract,
                                    const Tariff& tariff, bool reprice = false);

}  // namespace continuum
