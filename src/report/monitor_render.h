// What `continuum monitor` prints: the contract, spend to date against the phased budget, the
// forecast and its intervals, the months, and each breakdown with the largest variances first.
//
//   std::string s = RenderMonitor(contract, budget, monitor, OutputFormat::kText, 8);
#pragma once

#include <string>

#include "finance/contract_outturn.h"
#include "report/disclosure.h"
#include "report/output_format.h"

namespace continuum {

// `top` lines of each breakdown in text; all of them in JSON.
// Under disclosure control (JSON only) its counts of heads and events are suppressed or
// rounded; money is the contract's and stays exact.
std::string RenderMonitor(const Contract& contract, const ResolvedBudget& budget,
                          const Monitor& monitor, OutputFormat format, int top,
                          Disclosure disclosure = Disclosure::kExact);

}  // namespace continuum
