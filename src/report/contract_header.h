// The opening every contract report shares — which ICO, period and counterparty, and how the
// budget was set — as text and as the JSON fields each report starts from.
//
//   std::string text = ContractHeader(contract, budget);
//   nlohmann::json j = ContractHeaderJson(contract, budget);   // report/ renderers only
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "finance/contract_outturn.h"

namespace continuum {

std::string ContractHeader(const Contract& contract, const ResolvedBudget& budget);
nlohmann::json ContractHeaderJson(const Contract& contract, const ResolvedBudget& budget);

}  // namespace continuum
