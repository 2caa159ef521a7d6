// The options every command working on a risk-share contract shares: --contract, or the
// workspace's contract for --ico and --year; --workspace, --tariff, --reprice, --json. What they
// choose is opened by report/contract_context.h.
//
//   AddContractOptions(app, &args->contract);
//   auto context = OpenContract(args.contract);
#pragma once

#include <CLI/CLI.hpp>

#include "cli/open_engine.h"
#include "report/contract_context.h"

namespace continuum {

void AddContractOptions(CLI::App& app, ContractArgs* args);

}  // namespace continuum
