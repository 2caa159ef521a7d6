#include "engine/import_with_snapshot.h"

#include <filesystem>
#include <optional>

#include "engine/engine.h"
#include "engine/population_builder.h"

namespace continuum {

Result<ImportReport> ImportWithSnapshot(const std::string& folder, Workspace& workspace,
                                        ImportOptions options) {
  auto existing = Engine::LoadPopulation(workspace);
  if (!existing.ok()) return existing.status();
  PopulationBuilder builder(std::move(*existing));
  // The events, the bulk of a large import, wait in temporary files beside the workspace (on its
  // disk, which has room for them as rows) rather than in memory.
  CONTINUUM_RETURN_IF_ERROR(
      builder.KeepEventsInFiles(std::filesystem::path(workspace.path()).parent_path().string()));
  options.on_row = [&builder](TableId table, const ImportRow& row) {
    return builder.Add(table, BuilderRow{row.fields, row.parsed});
  };
  options.before_commit = [&builder](Workspace& w, const ImportReport& report) -> Status {
    // A row the store refused as a duplicate was already added: rebuild from what was stored.
    if (report.refused_by_store > 0) return Engine::RefreshSnapshot(w);
    auto population = std::move(builder).FinishForSnapshot();
    if (!population.ok()) return population.status();
    return Engine::StoreSnapshot(w, std::move(*population));
  };
  return ImportFolder(folder, workspace, options);
}

}  // namespace continuum
