// The options every report command shares: the tariffs a finance command prices with (--tariff,
// --reprice; the workspace's tariff in force when none is given) and the ICO a report is about
// (--ico). What they choose is opened through report/report_inputs.h, which the server and the
// Python package use too.
//
//   AddTariffOptions(app, &args->tariffs);
//   AddIcoOption(app, &args->ico, "every practice, member or control");
//   auto engine = OpenEngine(args.workspace);
//   auto scope = IcoOption((*engine)->population(), args.ico);  // nullopt without --ico
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "report/report_inputs.h"

namespace continuum {

void AddTariffOptions(CLI::App& app, TariffArgs* args);

// --ico ORG for a report that covers every practice without it: with it, only that ICO's member
// practices count. `without` says what the report covers without it, for --help.
void AddIcoOption(CLI::App& app, std::string* ico, const std::string& without);

}  // namespace continuum
