// A savings scenario as those under disclosure control see it. A change's cost is its activity
// times what that activity costs, so cost divided by a unit cost would give the activity back:
// here each change's costs are scaled to its activity as shown (suppressed or rounded to 5), and
// withheld with it; the scenario's saving is the sum of its changes' savings as shown, and the
// settlement with the scenario is worked out from that saving.
//
//   ScenarioOutcome shown = ControlScenario(contract, budget.amount, outcome);
//   RenderScenario(contract, budget, scenario, shown, OutputFormat::kJson,
//   Disclosure::kControlled);
#pragma once

#include "finance/scenario_outcome.h"

namespace continuum {

// Counts and money as shown: a withheld count or cost is -1; when any change's cost is withheld,
// so are the scenario's spend after it and its settlement (scenario_total -1).
ScenarioOutcome ControlScenario(const Contract& contract, Pence budget,
                                const ScenarioOutcome& exact);

}  // namespace continuum
