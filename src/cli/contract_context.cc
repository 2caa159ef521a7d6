#include "cli/contract_context.h"

#include "cli/command.h"

namespace continuum {

void AddContractOptions(CLI::App& app, ContractArgs* args) {
  AddWorkspaceOption(app, &args->workspace);
  CLI::Option* file =
      app.add_option("--contract", args->contract_path,
                     "Risk-share contract file (JSON, docs/finance.md) to use without storing it, "
                     "e.g. data/contracts/nelson_vale.json. Default: the workspace's contract in "
                     "force (continuum contract add)");
  app.add_option("--ico", args->ico,
                 "Whose stored contract (default: the only ICO the workspace holds one for)")
      ->excludes(file);
  app.add_option("--year", args->year,
                 "Which financial year's stored contract, 2024 or 2024-25 (default: the latest)")
      ->excludes(file);
  AddTariffOptions(app, &args->tariffs);
  AddJsonOption(app, &args->json);
}

}  // namespace continuum
