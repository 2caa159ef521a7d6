#include "server/population_shards.h"

#include <utility>

#include "engine/engine.h"
#include "engine/snapshot.h"
#include "store/workspace.h"

namespace continuum {

std::shared_ptr<PopulationShards> PopulationShards::Whole(std::shared_ptr<const Population> whole) {
  std::shared_ptr<PopulationShards> shards(new PopulationShards());
  shards->directory_ = whole;
  shards->whole_ = std::move(whole);
  return shards;
}

Result<std::shared_ptr<PopulationShards>> PopulationShards::Open(const std::string& path,
                                                                 size_t budget_bytes) {
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
  shards->budget_bytes_ = budget_bytes;
  return shards;
}

Result<std::shared_ptr<const Population>> PopulationShards::For(uint32_t org) {
  if (whole_) return whole_;
  if (org >= plan_.shard_of.size() || plan_.shard_of[org] == ShardPlan::kNone)
    return Status::NotFound("no shard answers for organisation " + std::to_string(org));
  const uint32_t s = plan_.shard_of[org];
  Shard& shard = *shards_[s];
  std::lock_guard lock(shard.loading);
  if (shard.population) {
    std::lock_guard lru(lru_mutex_);
    shard.last_used = ++tick_;
    return shard.population;
  }
  auto workspace = Workspace::Open(path_, Workspace::kReadOnly);
  if (!workspace.ok()) return workspace.status();
  auto generation = (*workspace)->DataGeneration();
  if (!generation.ok()) return generation.status();
  if (*generation != generation_)
    return Status::IoError("the workspace's data has just changed; ask again in a moment");
  auto loaded = Engine::LoadShard(**workspace, plan_.names[plan_.shard_of[org]]);
  if (!loaded.ok()) return loaded.status();
  shard.population = std::make_shared<const Population>(std::move(*loaded));
  {
    std::lock_guard lru(lru_mutex_);
    shard.last_used = ++tick_;
    shard.bytes = SerializedSize(*shard.population);
  }
  Evict(s);
  return shard.population;
}

void PopulationShards::Evict(uint32_t keep) {
  if (budget_bytes_ == 0) return;
  for (;;) {
    std::lock_guard lru(lru_mutex_);
    size_t loaded = 0;
    uint32_t oldest = ShardPlan::kNone;
    for (uint32_t s = 0; s < shards_.size(); ++s) {
      if (shards_[s]->bytes == 0) continue;
      loaded += shards_[s]->bytes;
      if (s != keep &&
          (oldest == ShardPlan::kNone || shards_[s]->last_used < shards_[oldest]->last_used))
        oldest = s;
    }
    if (loaded <= budget_bytes_ || oldest == ShardPlan::kNone) return;
    Shard& victim = *shards_[oldest];
    // A shard another request holds while loading it is left to that request.
    std::unique_lock loading(victim.loading, std::try_to_lock);
    if (!loading.owns_lock()) return;
    victim.population.reset();  // freed when the last request and room holding it go
    victim.bytes = 0;
    evicted_.push_back(oldest);
  }
}

uint32_t PopulationShards::ShardOf(uint32_t org) const {
  if (whole_) return 0;
  return org < plan_.shard_of.size() ? plan_.shard_of[org] : ShardPlan::kNone;
}

std::vector<uint32_t> PopulationShards::TakeEvicted() {
  std::lock_guard lru(lru_mutex_);
  return std::exchange(evicted_, {});
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
