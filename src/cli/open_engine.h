// Opening a workspace's engine for a report, the tariff options every finance command shares
// (--tariff, --reprice) with the workspace's tariff in force when none is given, and the ICO a
// clinical report is about (--ico).
//
//   auto engine = OpenEngine(args.workspace);             // NotFound when it holds no patients
//   auto costing = CostWithTariffs(args.workspace, (*engine)->population(), args.tariffs);
//   auto ico = ChooseIco((*engine)->population(), args.ico);   // "" for the only ICO
//   AddIcoOption(app, &args->ico, "every practice, member or control");
//   auto scope = IcoOption((*engine)->population(), args.ico);  // nullopt without --ico
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "finance/costing.h"
#include "finance/ico_scope.h"

namespace continuum {

// Opens the workspace read-only and loads its engine; NotFound, with what to do, when the
// workspace holds no patients yet. With `organisation` (an ICO, commissioner or practice id),
// only the shard that answers for it, which gives every report on it what the whole would
// (engine/shard_plan.h); an id no shard knows loads the whole, for the report to refuse.
Result<std::unique_ptr<Engine>> OpenEngine(const std::string& workspace_path,
                                           std::string_view organisation = "");
// NotFound saying that the workspace holds no patients yet and how to import some.
Status NoPatientsYet(const std::string& workspace_path);

struct TariffArgs {
  // In order of precedence; empty: the workspace's tariff in force over the built-in default, or
  // the default alone when the workspace holds none.
  std::vector<std::string> tariffs;
  bool reprice = false;  // price every event at the tariff, ignoring recorded costs
};
void AddTariffOptions(CLI::App& app, TariffArgs* args);
// The tariff files a costed report layers, as `args` and the workspace say.
Result<std::vector<NamedText>> ChooseTariffs(Workspace& workspace, const TariffArgs& args);
// The tariff `args` and the workspace at `workspace_path` say, read and layered.
Result<Tariff> OpenTariff(const std::string& workspace_path, const TariffArgs& args);
Result<Costing> CostWithTariffs(const std::string& workspace_path, const Population& population,
                                const TariffArgs& args);

// The ICO `id` (organisation index), or with an empty id the only ICO in the workspace; an error
// naming the ICOs there are otherwise (--ico).
Result<uint32_t> ChooseIco(const Population& population, const std::string& id);

// --ico ORG for a report that covers every practice without it: with it, only that ICO's member
// practices count. `without` says what the report covers without it, for --help.
void AddIcoOption(CLI::App& app, std::string* ico, const std::string& without);
// The ICO --ico names with its member practices, or nullopt when `id` is empty; NotFound naming
// the ICOs when `id` is not one, InvalidInput when it has no member practices.
Result<std::optional<IcoScope>> IcoOption(const Population& population, const std::string& id);

}  // namespace continuum
