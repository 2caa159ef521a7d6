// The settlement statement of a risk-share contract (finance/settlement.h) as a text table or
// JSON: the budget and spend, each line with who pays whom, the ICO's result and the one net
// payment.
//
//   std::string text = RenderSettlementText(Settle(contract, budget, outturn));
#pragma once

#include <string>

#include "finance/settlement.h"

namespace continuum {

std::string RenderSettlementText(const Settlement& settlement);
// Amounts as integer pence (`*_pence`); each line's flow as a code from kFlowCodes.
std::string RenderSettlementJson(const Settlement& settlement);

}  // namespace continuum
