// Opening the engine on a workspace: loads the column snapshot when it matches the workspace's
// data, otherwise reads every row and refreshes the snapshot.
//
//   auto engine = Engine::Open(workspace);
//   const Population& p = (*engine)->population();
#pragma once

#include <memory>

#include "core/status.h"
#include "engine/event_column_files.h"
#include "engine/population.h"
#include "store/workspace.h"

namespace continuum {

class Engine {
 public:
  // Uses the snapshot when current; otherwise rebuilds from rows and stores a new snapshot.
  static Result<std::unique_ptr<Engine>> Open(Workspace& workspace);
  // Builds from rows and stores the snapshot inside the caller's open write transaction.
  static Status RefreshSnapshot(Workspace& workspace);
  // Stores `population` as the snapshot of the workspace's current data generation.
  static Status StoreSnapshot(Workspace& workspace, const Population& population);
  // The same for a population whose events may be in files (an import's).
  static Status StoreSnapshot(Workspace& workspace, const BuiltPopulation& built);
  // The workspace's population: from the snapshot when current, else from rows (no writes).
  static Result<Population> LoadPopulation(Workspace& workspace, bool* from_snapshot = nullptr);

  const Population& population() const { return population_; }
  // True when Open() used the snapshot.
  bool from_snapshot() const { return from_snapshot_; }

 private:
  Engine(Population population, bool from_snapshot)
      : population_(std::move(population)), from_snapshot_(from_snapshot) {}

  Population population_;
  bool from_snapshot_;
};

}  // namespace continuum
