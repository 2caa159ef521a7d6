#include "report/scenario_disclosure.h"

#include <cmath>

#include "report/disclosure.h"

namespace continuum {
namespace {

// An activity count as shown, or -1.
int64_t ShownActivity(double events) {
  return DiscloseCount(std::llround(events), Disclosure::kControlled).value_or(-1);
}

// A cost scaled from the activity it rests on to the activity as shown.
Pence ShownCost(Pence cost, double events, int64_t shown) {
  if (shown < 0) return -1;
  if (events <= 0) return shown == 0 ? cost : -1;
  return std::llround(double(cost) * double(shown) / events);
}

}  // namespace

ScenarioOutcome ControlScenario(const Contract& contract, Pence budget,
                                const ScenarioOutcome& exact) {
  ScenarioOutcome shown = exact;
  ScenarioProjection& p = shown.projection;
  Pence saving = 0;
  bool withheld = false;
  for (ChangeEffect& e : p.effects) {
    e.patients = DiscloseCount(e.patients, Disclosure::kControlled).value_or(-1);
    const int64_t removed = ShownActivity(e.events_removed), added = ShownActivity(e.events_added);
    e.cost_removed = ShownCost(e.cost_removed, e.events_removed, removed);
    e.cost_added = ShownCost(e.cost_added, e.events_added, added);
    e.events_removed = double(removed);
    e.events_added = double(added);
    if (e.cost_removed < 0 || e.cost_added < 0) {
      withheld = true;
    } else {
      saving += e.Saving();
    }
  }
  p.scenario_cost.clear();
  if (withheld) {
    p.scenario_total = -1;
    shown.after = Settlement{};
    return shown;
  }
  p.scenario_total = p.base.total - saving;
  // The stop-loss's part rests on the few costliest patients' money, which the contract pays
  // whatever the disclosure; the rest follows the saving as shown.
  shown.outturn_after = {.spend = p.scenario_total,
                         .stop_loss_excess = exact.outturn_after.stop_loss_excess};
  shown.after = Settle(contract, budget, shown.outturn_after);
  return shown;
}

}  // namespace continuum
