// What every report on a risk-share contract shares, for the command line and the Python package:
// the choice (a contract file, or the workspace's contract for an ICO and year; the tariffs) and
// the opened pieces — the engine, the costed events, the contract, the ICO it covers and its budget
// resolved.
//
//   auto context = OpenContract(args);
//   Settle(context->contract, context->budget.amount, ...);
#pragma once

#include <memory>
#include <string>

#include "finance/contract_setup.h"
#include "report/report_inputs.h"
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
