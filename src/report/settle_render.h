// What `continuum settle` prints: the contract, the outturn's basis (year-end actual or a
// forecast) and the settlement statement. Under disclosure control (JSON only) its counts of
// patients, heads and events are suppressed or rounded; money is the contract's and stays exact.
//
//   std::string s = RenderSettle(contract, budget, outturn, settlement, OutputFormat::kJson);
#pragma once

#include <string>

#include "finance/contract_outturn.h"
#include "report/disclosure.h"
#include "report/output_format.h"

namespace continuum {

std::string RenderSettle(const Contract& contract, const ResolvedBudget& budget,
                         const ContractOutturn& outturn, const Settlement& settlement,
                         OutputFormat format, Disclosure disclosure = Disclosure::kExact);

}  // namespace continuum
