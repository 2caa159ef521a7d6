// continuum scenario: a savings scenario applied to the contract's year, with its effect on the
// settlement.
#include <cstdio>

#include "cli/command.h"
#include "cli/contract_context.h"
#include "clinical/scenario_run.h"
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
  const Result<ScenarioOutcome> o = RunScenario(*scenario, context->population(), *context);
  if (!o.ok()) return o.status();
  const std::string out =
      RenderScenario(context->contract, context->budget, *scenario, *o,
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
