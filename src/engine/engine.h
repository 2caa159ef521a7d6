// Opening the engine on a workspace: loads the column snapshot when it matches the workspace's
// data, otherwise reads every row and refreshes the snapshot. Beside the whole population's
// snapshot, a workspace of more than one commissioner keeps its directory (organisations and
// memberships, no patient) and one snapshot per shard (engine/shard_plan.h), so a report on one
// ICO or commissioner, and the server, load only the shard that answers for it.
//
//   auto engine = Engine::Open(workspace);
//   const Population& p = (*engine)->population();
//   auto ico = Engine::OpenShardOf(workspace, "ZICO1");   // that ICO's commissioner's shard
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "engine/event_column_files.h"
#include "engine/population.h"
#include "store/workspace.h"

namespace continuum {

class Engine {
 public:
  // Uses the snapshot when current; otherwise rebuilds from rows and stores a new snapshot.
  static Result<std::unique_ptr<Engine>> Open(Workspace& workspace);
  // The shard that answers for organisation `id` (an ICO, commissioner or practice); the whole
  // population when the workspace has one shard, no such organisation, or no current shard
  // snapshots (which the whole's refresh then writes).
  static Result<std::unique_ptr<Engine>> OpenShardOf(Workspace& workspace, std::string_view id);
  // Builds from rows and stores the snapshot inside the caller's open write transaction.
  static Status RefreshSnapshot(Workspace& workspace);
  // Stores `population` as the snapshot of the workspace's current data generation, with its
  // directory and shards when it has more than one, and drops every older generation's.
  static Status StoreSnapshot(Workspace& workspace, const Population& population);
  // The same for a population whose events may be in files (an import's), which it uses up:
  // the files go as soon as they have been read.
  static Status StoreSnapshot(Workspace& workspace, BuiltPopulation&& built);
  // The workspace's population: from the snapshot when current, else from rows (no writes).
  static Result<Population> LoadPopulation(Workspace& workspace, bool* from_snapshot = nullptr);
  // The directory of the current generation (shard_split.h), or nullopt when the workspace keeps
  // none (one shard, or shards not yet written): then the whole population serves for every
  // organisation.
  static Result<std::optional<Population>> LoadDirectory(Workspace& workspace);
  // The directory when the workspace keeps one, otherwise the whole population: enough for what
  // needs the organisations, the memberships and the last day of data, without the patients of
  // a programme.
  static Result<Population> LoadDirectoryOrWhole(Workspace& workspace);
  // Shard `name` of the current generation (shard_plan.h); NotFound when it is not stored.
  static Result<Population> LoadShard(Workspace& workspace, const std::string& name);

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
