#include "cli/open_engine.h"

namespace continuum {

Result<std::unique_ptr<Engine>> OpenEngine(const std::string& workspace_path) {
  auto workspace = Workspace::Open(workspace_path, Workspace::kReadOnly);
  if (!workspace.ok()) return workspace.status();
  auto engine = Engine::Open(**workspace);
  if (!engine.ok()) return engine.status();
  if ((*engine)->population().patients.size() == 0) {
    return Status::NotFound("workspace " + workspace_path +
                            " holds no patients yet; import a folder first: continuum import DIR "
                            "--workspace " +
                            workspace_path);
  }
  return engine;
}

void AddTariffOptions(CLI::App& app, TariffArgs* args) {
  app.add_option("--tariff", args->tariffs,
                 "Tariff file pricing events without a recorded cost: Continuum's tariff format "
                 "or a National Cost Collection ncc.csv; repeat to layer (the first wins), "
                 "'default' for the built-in tariff (the default)");
  app.add_flag("--reprice", args->reprice,
               "Price every event at the tariff, ignoring recorded costs");
}

Result<Costing> CostWithTariffs(const Population& population, const TariffArgs& args) {
  auto tariff =
      LoadTariffs(args.tariffs.empty() ? std::vector<std::string>{"default"} : args.tariffs);
  if (!tariff.ok()) return tariff.status();
  return CostActivity(population, *tariff,
                      args.reprice ? CostingMode::kTariffOnly : CostingMode::kRecordedFirst);
}

}  // namespace continuum
