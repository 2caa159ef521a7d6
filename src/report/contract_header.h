// The opening every contract report shares — which ICO, period and counterparty, and how the
// budget was set — as text and as the JSON fields each report starts from.
//
//   std::string text = ContractHeader(contract, budget);
//   nlohmann::json j = ContractHeaderJson(contract, budget);   // report/ renderers only
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "finance/contract_outturn.h"
#include "report/disclosure.h"

namespace continuum {

std::string ContractHeader(const Contract& contract, const ResolvedBudget& budget);
// Under disclosure control its counts (heads, uncosted events) are suppressed or rounded.
nlohmann::json ContractHeaderJson(const Contract& contract, const ResolvedBudget& budget,
                                  Disclosure disclosure = Disclosure::kExact);

}  // namespace continuum
