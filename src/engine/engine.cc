#include "engine/engine.h"

#include "engine/loader.h"
#include "engine/snapshot.h"

namespace continuum {
namespace {

constexpr const char* kSnapshotName = "population";

// A Population or a BuiltPopulation, whichever SerializePopulation is given.
template <typename P>
Status Store(Workspace& workspace, const P& population) {
  auto generation = workspace.DataGeneration();
  if (!generation.ok()) return generation.status();
  auto sink = workspace.CreateSnapshot(kSnapshotName, *generation, SerializedSize(population));
  if (!sink.ok()) return sink.status();
  return SerializePopulation(population, **sink);
}

}  // namespace

Status Engine::StoreSnapshot(Workspace& workspace, const Population& population) {
  return Store(workspace, population);
}

Status Engine::StoreSnapshot(Workspace& workspace, const BuiltPopulation& built) {
  return Store(workspace, built);
}

Status Engine::RefreshSnapshot(Workspace& workspace) {
  auto population = LoadPopulationFromRows(workspace);
  if (!population.ok()) return population.status();
  return StoreSnapshot(workspace, *population);
}

Result<Population> Engine::LoadPopulation(Workspace& workspace, bool* from_snapshot) {
  auto generation = workspace.DataGeneration();
  if (!generation.ok()) return generation.status();
  auto snapshot = workspace.OpenSnapshot(kSnapshotName, *generation);
  if (!snapshot.ok()) return snapshot.status();
  if (*snapshot != nullptr) {
    auto population = DeserializePopulation(**snapshot);
    if (population.ok()) {
      if (from_snapshot) *from_snapshot = true;
      return population;
    }
  }
  if (from_snapshot) *from_snapshot = false;
  return LoadPopulationFromRows(workspace);
}

Result<std::unique_ptr<Engine>> Engine::Open(Workspace& workspace) {
  auto generation = workspace.DataGeneration();
  if (!generation.ok()) return generation.status();
  bool from_snapshot = false;
  auto population = LoadPopulation(workspace, &from_snapshot);
  if (!population.ok()) return population.status();
  if (from_snapshot) return std::unique_ptr<Engine>(new Engine(std::move(*population), true));
  // Keeping the snapshot is an optimisation: a read-only or busy workspace still opens.
  if (workspace.BeginWrite().ok()) {
    if (StoreSnapshot(workspace, *population).ok()) {
      if (!workspace.Commit().ok()) workspace.Rollback();
    } else {
      workspace.Rollback();
    }
  }
  return std::unique_ptr<Engine>(new Engine(std::move(*population), false));
}

}  // namespace continuum
