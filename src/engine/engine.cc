#include "engine/engine.h"

#include <filesystem>
#include <future>
#include <utility>
#include <vector>

#include "core/parallel.h"
#include "engine/loader.h"
#include "engine/shard_split.h"
#include "engine/snapshot.h"

namespace continuum {
namespace {

constexpr const char* kSnapshotName = "population";
constexpr const char* kDirectoryName = "directory";

template <typename P>  // a Population or a BuiltPopulation
Status StoreOne(Workspace& workspace, int64_t generation, const std::string& name,
                const P& population) {
  auto sink = workspace.CreateSnapshot(name, generation, SerializedSize(population));
  if (!sink.ok()) return sink.status();
  return SerializePopulation(population, **sink);
}

Result<std::unique_ptr<ByteSource>> OpenCurrent(Workspace& workspace, const std::string& name) {
  auto generation = workspace.DataGeneration();
  if (!generation.ok()) return generation.status();
  return workspace.OpenSnapshot(name, *generation);
}

// The whole (a Population, or a BuiltPopulation whose events may be in files), then its directory
// and shards when it has more than one. Most of the writing is the kernel copying pages into the
// page cache, a cost paid per core, so the two cores share it: the whole is written on a thread
// of its own while the shards' events are routed, then the shards whose events wait in files are
// written two at a time, last: the files a server opens are then the newest in the page cache
// (an ICO's first overview just after a 40-ICO import measured no faster for it, 2.6 s either way,
// but the shards' writing is no longer left to one core).
// `release`, when given, owns `files`: they go once the whole and the shards' events are written
// out of them, before the shards are, so that the disk never holds every copy of the events.
template <typename P>
Status StoreAll(Workspace& workspace, const P& whole, const Population& population,
                EventColumnFiles* files, std::unique_ptr<EventColumnFiles>* release = nullptr) {
  auto generation = workspace.DataGeneration();
  if (!generation.ok()) return generation.status();
  CONTINUUM_RETURN_IF_ERROR(workspace.DropSnapshotsOtherThan(*generation));
  const ShardPlan plan = PlanShards(population);
  if (plan.size() <= 1) return StoreOne(workspace, *generation, kSnapshotName, whole);
  // The workspace (its SQLite connection) stays on this thread: the others only write files.
  auto sink = workspace.CreateSnapshot(kSnapshotName, *generation, SerializedSize(whole));
  if (!sink.ok()) return sink.status();
  if (files != nullptr) CONTINUUM_RETURN_IF_ERROR(files->Settle());
  std::future<Status> whole_written =
      std::async(std::launch::async, [&] { return SerializePopulation(whole, **sink); });
  Status status = StoreOne(workspace, *generation, kDirectoryName, DirectoryOf(population));
  // The shards' events wait beside the workspace, as the import's do; a shard whose events are in
  // memory (a population rebuilt from rows) is written at once rather than held beside the whole.
  const std::string folder = std::filesystem::path(workspace.path()).parent_path().string();
  std::vector<std::pair<size_t, BuiltPopulation>> held;
  if (status.ok()) {
    status =
        SplitIntoShards(population, files, plan, folder, [&](size_t s, BuiltPopulation& shard) {
          if (shard.events) {
            held.emplace_back(s, std::move(shard));
            return Status::Ok();
          }
          return StoreOne(workspace, *generation, ShardSnapshotName(plan.names[s]), shard);
        });
  }
  const Status whole_status = whole_written.get();
  if (status.ok()) status = whole_status;
  if (release != nullptr) release->reset();
  std::vector<std::unique_ptr<ByteSink>> sinks;
  for (auto& [s, shard] : held) {
    if (!status.ok()) break;
    auto created = workspace.CreateSnapshot(ShardSnapshotName(plan.names[s]), *generation,
                                            SerializedSize(shard));
    if (created.ok()) {
      sinks.push_back(std::move(*created));
    } else {
      status = created.status();
    }
  }
  if (!status.ok()) return status;
  std::vector<Status> written(held.size());
  ParallelFor(held.size(), [&](size_t i) {
    written[i] = SerializePopulation(held[i].second, *sinks[i]);
    held[i].second = {};  // its events' files go as soon as they are written out
  });
  for (const Status& w : written) CONTINUUM_RETURN_IF_ERROR(w);
  return Status::Ok();
}

}  // namespace

Status Engine::StoreSnapshot(Workspace& workspace, const Population& population) {
  return StoreAll(workspace, population, population, nullptr);
}

Status Engine::StoreSnapshot(Workspace& workspace, BuiltPopulation&& built) {
  EventColumnFiles* files = built.events.get();
  return StoreAll(workspace, built, built.population, files, &built.events);
}

Status Engine::RefreshSnapshot(Workspace& workspace) {
  auto population = LoadPopulationFromRows(workspace);
  if (!population.ok()) return population.status();
  return StoreSnapshot(workspace, *population);
}

Result<Population> Engine::LoadPopulation(Workspace& workspace, bool* from_snapshot) {
  auto snapshot = OpenCurrent(workspace, kSnapshotName);
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

Result<std::optional<Population>> Engine::LoadDirectory(Workspace& workspace) {
  auto snapshot = OpenCurrent(workspace, kDirectoryName);
  if (!snapshot.ok()) return snapshot.status();
  if (*snapshot == nullptr) return std::optional<Population>();
  auto directory = DeserializePopulation(**snapshot);
  if (!directory.ok()) return std::optional<Population>();  // damaged: the whole serves
  return std::optional<Population>(std::move(*directory));
}

Result<Population> Engine::LoadDirectoryOrWhole(Workspace& workspace) {
  auto directory = LoadDirectory(workspace);
  if (!directory.ok()) return directory.status();
  if (*directory) return std::move(**directory);
  return LoadPopulation(workspace);
}

Result<Population> Engine::LoadShard(Workspace& workspace, const std::string& name) {
  auto snapshot = OpenCurrent(workspace, ShardSnapshotName(name));
  if (!snapshot.ok()) return snapshot.status();
  if (*snapshot == nullptr)
    return Status::NotFound("the workspace keeps no current shard " + ShardSnapshotName(name));
  return DeserializePopulation(**snapshot);
}

Result<std::unique_ptr<Engine>> Engine::OpenShardOf(Workspace& workspace, std::string_view id) {
  auto directory = LoadDirectory(workspace);
  if (!directory.ok()) return directory.status();
  if (*directory) {
    const uint32_t org = (*directory)->organisations.ids.Find(id);
    const ShardPlan plan = PlanShards(**directory);
    if (org != Dictionary::kMissing && plan.shard_of[org] != ShardPlan::kNone) {
      auto shard = LoadShard(workspace, plan.names[plan.shard_of[org]]);
      if (shard.ok()) return std::unique_ptr<Engine>(new Engine(std::move(*shard), true));
    }
  }
  return Open(workspace);
}

Result<std::unique_ptr<Engine>> Engine::Open(Workspace& workspace) {
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
