// What every report on a workspace starts from, for the command line, the server and the Python
// package alike: the workspace's engine (or the shard that answers for one organisation), the
// ICO a report is about, and the tariffs with the costs they give.
//
//   auto engine = OpenEngine("ico.db");                   // NotFound when it holds no patients
//   auto costing = CostWithTariffs("ico.db", (*engine)->population(), {});
//   auto ico = ChooseIco((*engine)->population(), "");    // the only ICO
//   auto scope = IcoOption((*engine)->population(), "ZICO1");  // nullopt for ""
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/named_text.h"
#include "engine/engine.h"
#include "finance/costing.h"
#include "finance/ico_scope.h"
#include "finance/tariff.h"

namespace continuum {

// A day given as option `option` (YYYY-MM-DD), or an error naming the option.
Result<Day> DateOption(const std::string& text, const std::string& option);

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
// The tariff files a costed report layers, as `args` and the workspace say.
Result<std::vector<NamedText>> ChooseTariffs(Workspace& workspace, const TariffArgs& args);
// The tariff `args` and the workspace at `workspace_path` say, read and layered.
Result<Tariff> OpenTariff(const std::string& workspace_path, const TariffArgs& args);
Result<Costing> CostWithTariffs(const std::string& workspace_path, const Population& population,
                                const TariffArgs& args);

// The ICO `id` (organisation index), or with an empty id the only ICO in the workspace; an error
// naming the ICOs there are otherwise (--ico).
Result<uint32_t> ChooseIco(const Population& population, const std::string& id);

// The ICO `id` names with its member practices, or nullopt when `id` is empty; NotFound naming
// the ICOs when `id` is not one, InvalidInput when it has no member practices.
Result<std::optional<IcoScope>> IcoOption(const Population& population, const std::string& id);

}  // namespace continuum
