// What `continuum monitor` prints: the contract, spend to date against the phased budget, the
// forecast and its intervals, the months, and each breakdown with the largest variances first.
//
//   std::string s = RenderMonitor(contract, budget, monitor, OutputFormat::kText, 8);
#pragma once

#include <map>
#include <string>

#include "engine/population.h"
#include "finance/contract_outturn.h"
#include "report/disclosure.h"
#include "report/output_format.h"

namespace continuum {

// Organisations' names by their codes (ZRA -> "Riverside Acute Trust"), for the reader.
using OrganisationNames = std::map<std::string, std::string, std::less<>>;

// Every organisation of the workspace by its code, for RenderMonitor's `names`.
OrganisationNames OrganisationNamesOf(const OrganisationColumns& organisations);

// `top` lines of each breakdown in text; all of them in JSON.
// Under disclosure control (JSON only) its counts of heads and events are suppressed or
// rounded; money is the contract's and stays exact. In JSON, each line of the providers and the
// practices whose code `names` knows has its `title` beside its code (`name`).
std::string RenderMonitor(const Contract& contract, const ResolvedBudget& budget,
                          const Monitor& monitor, OutputFormat format, int top,
                          Disclosure disclosure = Disclosure::kExact,
                          const OrganisationNames& names = {});

}  // namespace continuum
