// continuum scenario: a savings scenario applied to the contract's year, with its effect on the
// settlement; and `scenario add|list|show`, which keep scenarios in the workspace.
#include <cstdio>

#include "cli/command.h"
#include "cli/contract_context.h"
#include "cli/saved_file_commands.h"
#include "clinical/scenario_run.h"
#include "report/scenario_render.h"

namespace continuum {
namespace {

struct ScenarioArgs {
  ContractArgs contract;
  std::string scenario_path;  // empty: a stored scenario
  std::string name;           // --name: which stored scenario; empty: the only one
};

// The stored scenario in force named `name`, or with no name the only one stored.
Result<Scenario> StoredScenario(const std::string& workspace_path, const std::string& name) {
  auto workspace = Workspace::Open(workspace_path, Workspace::kReadOnly);
  if (!workspace.ok()) return workspace.status();
  SavedFiles saved(**workspace);
  Result<SavedFile> file = Status::Internal("no scenario chosen");
  if (name.empty()) {
    auto in_force = saved.List(SavedKind::kScenario, "", /*in_force_only=*/true);
    if (!in_force.ok()) return in_force.status();
    if (in_force->size() != 1) {
      std::string names;
      for (const SavedFile& f : *in_force) names += (names.empty() ? "'" : ", '") + f.name + "'";
      return Status::InvalidInput(
          in_force->empty()
              ? "no scenario given and the workspace " + workspace_path +
                    " holds none; give a file, or add one with: continuum scenario add FILE"
              : "the workspace holds several scenarios (" + names + "): name one with --name");
    }
    file = (*in_force)[0];
  } else {
    file = saved.Get(SavedKind::kScenario, "", 0, name);
  }
  if (!file.ok()) return file.status();
  return ParseScenario(file->text, file->file_name);
}

Status RunScenario(const ScenarioArgs& args) {
  auto scenario = args.scenario_path.empty() ? StoredScenario(args.contract.workspace, args.name)
                                             : ReadScenario(args.scenario_path);
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
    "and the effect on the settlement; or keep scenarios in the workspace: add, list, show",
    [](CLI::App& app) -> CommandRun {
      auto args = std::make_shared<ScenarioArgs>();
      app.add_option("scenario", args->scenario_path,
                     "Scenario file to apply without storing it, e.g. "
                     "data/scenarios/nelson_vale_savings.json (default: the stored scenario)");
      app.add_option("--name", args->name,
                     "Which stored scenario to apply (default: the only one stored)");
      AddContractOptions(app, &args->contract);
      SavedFileCommands saved(app, SavedKind::kScenario);
      return [args, saved] { return saved.Chosen() ? saved.Run() : RunScenario(*args); };
    });

}  // namespace
}  // namespace continuum
