// What every command working on a risk-share contract shares: the options (--contract,
// --workspace, --tariff, --reprice, --json) and the opened pieces — the engine, the costed
// events, the contract, the ICO it covers and its budget resolved.
//
//   auto context = OpenContract(args);
//   Settle(context->contract, context->budget.amount, ...);
#pragma once

#include <memory>
#include <string>

#include "cli/open_engine.h"
#include "finance/contract_setup.h"

namespace continuum {

struct ContractArgs {
  std::string workspace;
  std::string contract_path;
  TariffArgs tariffs;
  bool json = false;
};
void AddContractOptions(CLI::App& app, ContractArgs* args);

struct ContractContext : ContractSetup {
  std::unique_ptr<Engine> engine;
  const Population& population() const { return engine->population(); }
};
Result<ContractContext> OpenContract(const ContractArgs& args);

// "2024-09" as a MonthIndex, or an error naming the option.
Result<int> ParseMonthOption(const std::string& text, const std::string& option);

}  // namespace continuum
