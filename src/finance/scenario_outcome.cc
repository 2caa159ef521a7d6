#include "finance/scenario_outcome.h"

namespace continuum {

Result<ScenarioOutcome> ApplyScenario(const Scenario& scenario, const Population& population,
                                      const ContractSetup& setup, std::span<const double> risk) {
  const Contract& c = setup.contract;
  ScenarioOutcome o;
  o.year = BaseYearOf(c, population);
  o.projection = ProjectScenario(scenario, population, setup.costing.cost, setup.scope,
                                 o.year.start, o.year.end, risk);
  if (o.projection.base.patient.empty())
    return Status::InvalidInput("no patients of " + c.ico + " between " + FormatDate(o.year.start) +
                                " and " + FormatDate(o.year.end) + " to apply the scenario to");
  const Pence threshold = c.stop_loss ? c.stop_loss->threshold_per_patient_year : 0;
  auto outturn = [&](const std::vector<Pence>& costs, Pence total) {
    return Outturn{.spend = total,
                   .stop_loss_excess = c.stop_loss ? StopLossExcess(costs, threshold) : 0};
  };
  o.outturn_before = outturn(o.projection.base.cost, o.projection.base.total);
  o.outturn_after = outturn(o.projection.scenario_cost, o.projection.scenario_total);
  o.before = Settle(c, setup.budget.amount, o.outturn_before);
  o.after = Settle(c, setup.budget.amount, o.outturn_after);
  return o;
}

}  // namespace continuum
