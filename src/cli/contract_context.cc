#include "cli/contract_context.h"

#include "cli/command.h"
#include "core/quoted.h"

namespace continuum {

void AddContractOptions(CLI::App& app, ContractArgs* args) {
  AddWorkspaceOption(app, &args->workspace);
  app.add_option("--contract", args->contract_path,
                 "Risk-share contract (JSON, docs/finance.md), e.g. "
                 "data/contracts/nelson_vale.json")
      ->required();
  AddTariffOptions(app, &args->tariffs);
  AddJsonOption(app, &args->json);
}

Result<ContractContext> OpenContract(const ContractArgs& args) {
  ContractContext c;
  // The contract is read first, so a mistake in it is reported before the engine loads.
  if (auto contract = ReadContract(args.contract_path); !contract.ok()) return contract.status();
  auto engine = OpenEngine(args.workspace);
  if (!engine.ok()) return engine.status();
  c.engine = std::move(*engine);
  auto setup =
      SetUpContract(c.population(), args.contract_path, args.tariffs.tariffs, args.tariffs.reprice);
  if (!setup.ok()) return setup.status();
  static_cast<ContractSetup&>(c) = std::move(*setup);
  return c;
}

Result<int> ParseMonthOption(const std::string& text, const std::string& option) {
  auto day = ParseDate(text + "-01");
  if (text.size() != 7 || !day.ok())
    return Status::InvalidInput(option + ": " + Quoted(text) + " is not a month (YYYY-MM)");
  return MonthIndex(*day);
}

}  // namespace continuum
