#include "server/population_shards.h"

#include "engine/engine.h"
#include "store/workspace.h"

namespace continuum {

std::shared_ptr<PopulationShards> PopulationShards::Whole(std::shared_ptr<const Population> whole) {
  std::shared_ptr<PopulationShards> shards(new PopulationShards());
  shards->directory_ = whole;
  shards->whole_ = std::move(whole);
  return shards;
}

Result<std::shared_ptr<PopulationShards>> PopulationShards::Open(const std::string& path) {
  // A connection of its own, so that loading never holds the server's.
  auto workspace = Workspace::Open(path, Workspace::kReadOnly);
  if (!workspace.ok()) return workspace.status();
  auto generation = (*workspace)->DataGeneration();
  if (!generation.ok()) return generation.status();
  auto directory = Engine::LoadDirectory(**workspace);
  if (!directory.ok()) return directory.status();
  std::shared_ptr<PopulationShards> shards;
  if (!*directory) {
    auto whole = Engine::LoadPopulation(**workspace);
    if (!whole.ok()) return whole.status();
    shards = Whole(std::make_shared<const Population>(std::move(*whole)));
  } else {
    shards.reset(new PopulationShards());
    shards->directory_ = std::make_shared<const Population>(std::move(**directory));
    shards->plan_ = PlanShards(*shards->directory_);
    for (size_t s = 0; s < shards->plan_.size(); ++s)
      shards->shards_.push_back(std::make_unique<Shard>());
  }
  shards->path_ = path;
  shards->generation_ = *generation;
  return shards;
}

Result<std::shared_ptr<const Population>> PopulationShards::For(uint32_t org) {
  if (whole_) return whole_;
  if (org >= plan_.shard_of.size() || plan_.shard_of[org] == ShardPlan::kNone)
    return Status::NotFound("no shard answers for organisation " + std::to_string(org));
  Shard& shard = *shards_[plan_.shard_of[org]];
  std::lock_guard lock(shard.loading);
  if (shard.population) return shard.population;
  auto workspace = Workspace::Open(path_, Workspace::kReadOnly);
  if (!workspace.ok()) return workspace.status();
  auto generation = (*workspace)->DataGeneration();
  if (!generation.ok()) return generation.status();
  if (*generation != generation_)
    return Status::IoError("the workspace's data has just changed; ask again in a moment");
  auto loaded = Engine::LoadShard(**workspace, plan_.names[plan_.shard_of[org]]);
  if (!loaded.ok()) return loaded.status();
  shard.population = std::make_shared<const Population>(std::move(*loaded));
  return shard.population;
}

size_t PopulationShards::Loaded() {
  if (whole_) return 1;
  size_t n = 0;
  for (const auto& shard : shards_) {
    std::lock_guard lock(shard->loading);
    n += shard->population != nullptr;
  }
  return n;
}

}  // namespace continuum
