// continuum scenario: a savings scenario applied to the contract's year, with its effect on the
// settlement.
#include <algorithm>
#include <cstdio>

#include "cli/command.h"
#include "cli/contract_context.h"
#include "clinical/risk_run.h"
#include "finance/scenario_projection.h"
#include "report/scenario_render.h"

namespace continuum {
namespace {

struct ScenarioArgs {
  ContractArgs contract;
  std::string scenario_path;
};

Status RunScenario(const ScenarioArgs& args) {
  auto scenario = ReadScenario(args.scenario_path);
  if (!scenario.ok()) return scenario.status();
  auto context = OpenContract(args.contract);
  if (!context.ok()) return context.status();
  const Contract& c = context->contract;
  const Population& p = context->population();
  const BaseYear year = BaseYearOf(c, p);
  // Case management finds its patients with the risk model when the data allow one to be fitted
  // on the year before, and otherwise on their emergency admissions in that year.
  std::vector<double> risk;
  if (std::any_of(scenario->changes.begin(), scenario->changes.end(),
                  [](const ScenarioChange& change) {
                    return change.kind == ScenarioChange::Kind::kCaseManagement;
                  })) {
    auto scores = RiskByPatient(p, context->scope.member, year.start);
    if (scores.ok()) risk = std::move(*scores);
  }
  const ScenarioProjection projection = ProjectScenario(*scenario, p, context->costing.cost,
                                                        context->scope, year.start, year.end, risk);
  if (projection.base.patient.empty())
    return Status::InvalidInput("no patients of " + c.ico + " between " + FormatDate(year.start) +
                                " and " + FormatDate(year.end) + " to apply the scenario to");
  const Pence threshold = c.stop_loss ? c.stop_loss->threshold_per_patient_year : 0;
  auto settle = [&](const std::vector<Pence>& costs, Pence total) {
    return Settle(
        c, context->budget.amount,
        {.spend = total, .stop_loss_excess = c.stop_loss ? StopLossExcess(costs, threshold) : 0});
  };
  const Settlement before = settle(projection.base.cost, projection.base.total);
  const Settlement after = settle(projection.scenario_cost, projection.scenario_total);
  const std::string out =
      RenderScenario(c, context->budget, year, *scenario, projection, before, after,
                     args.contract.json ? OutputFormat::kJson : OutputFormat::kText);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return Status::Ok();
}

CommandRegistration kScenario(
    "scenario",
    "Apply a savings scenario (JSON, docs/finance.md) to the ICO's year: activity, cost, saving "
    "and the effect on the settlement",
    [](CLI::App& app) -> CommandRun {
      auto args = std::make_shared<ScenarioArgs>();
      app.add_option("scenario", args->scenario_path,
                     "Scenario file, e.g. data/scenarios/nelson_vale_savings.json")
          ->required();
      AddContractOptions(app, &args->contract);
      return [args] { return RunScenario(*args); };
    });

}  // namespace
}  // namespace continuum
