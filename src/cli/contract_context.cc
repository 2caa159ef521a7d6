#include "cli/contract_context.h"

#include <filesystem>

#include "cli/command.h"

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
  auto contract = ReadContract(args.contract_path);
  if (!contract.ok()) return contract.status();
  c.contract = std::move(*contract);
  auto engine = OpenEngine(args.workspace);
  if (!engine.ok()) return engine.status();
  c.engine = std::move(*engine);
  auto costing = CostWithTariffs(c.population(), args.tariffs);
  if (!costing.ok()) return costing.status();
  c.costing = std::move(*costing);
  const std::string file = std::filesystem::path(args.contract_path).filename().string();
  CONTINUUM_RETURN_IF_ERROR(CheckContractAgainstWorkspace(c.contract, c.population(), file));
  auto scope = IcoScopeOf(c.population(), c.contract.ico, file + ", field ico");
  if (!scope.ok()) return scope.status();
  c.scope = std::move(*scope);
  auto budget = ResolveContractBudget(c.contract, c.population(), c.costing.cost);
  if (!budget.ok()) return budget.status();
  c.budget = *budget;
  c.budget.tariff = c.costing.tariff_name;
  c.budget.uncosted_events = static_cast<int64_t>(c.costing.uncosted.size());
  return c;
}

Result<int> ParseMonthOption(const std::string& text, const std::string& option) {
  auto day = ParseDate(text + "-01");
  if (text.size() != 7 || !day.ok())
    return Status::InvalidInput(option + ": '" + text + "' is not a month (YYYY-MM)");
  return MonthIndex(*day);
}

}  // namespace continuum
