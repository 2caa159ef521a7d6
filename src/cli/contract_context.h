// What every command working on a risk-share contract shares: the options (--contract, or the
// workspace's contract for --ico and --year; --workspace, --tariff, --reprice, --json) and the
// opened pieces — the engine, the costed events, the contract, the ICO it covers and its budget
// resolved.
//
//   auto context = OpenContract(args);
//   Settle(context->contract, context->budget.amount, ...);
#pragma once

#include <memory>
#include <string>

#include "cli/open_engine.h"
#include "finance/contract_setup.h"
#include "store/saved_files.h"

namespace continuum {

struct ContractArgs {
  std::string workspace;
  std::string contract_path;  // --contract; empty: the workspace's contract in force
  std::string ico;            // --ico: whose stored contract; empty: the only ICO with one
  std::string year;           // --year: which year's; empty: the latest stored
  TariffArgs tariffs;
  bool json = false;
};
void AddContractOptions(CLI::App& app, ContractArgs* args);

struct ContractContext : ContractSetup {
  std::unique_ptr<Engine> engine;
  const Population& population() const { return engine->population(); }
};
Result<ContractContext> OpenContract(const ContractArgs& args);

// The workspace's contract in force for `ico` (empty: the only ICO with one) and financial year
// `year` ("2024" or "2024-25"; empty: the latest). NotFound saying how to add one.
Result<SavedFile> StoredContract(Workspace& workspace, const std::string& ico,
                                 const std::string& year);

}  // namespace continuum
