// The populations the server answers from, for one data generation: the directory (every
// organisation and membership, no patient), from which scope is decided, and each shard
// (engine/shard_plan.h), loaded from the workspace when an ICO or commissioner in it is first
// asked about and then kept. A workspace of one shard, or a population a caller hands over, is
// served whole. The server's memory so grows with what has been opened, not with the programme;
// beyond a budget of bytes the shard used longest ago is let go (and loaded again when next asked
// for), so that it holds no more than the budget and the shard in use.
//
//   auto shards = PopulationShards::Open("workspace.db");
//   const Population& directory = *(*shards)->directory();
//   Result<std::shared_ptr<const Population>> p = (*shards)->For(ico);  // loads its shard once
//
// Every method may be called from any thread; a shard being loaded makes its callers wait.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/status.h"
#include "engine/population.h"
#include "engine/shard_plan.h"

namespace continuum {

class PopulationShards {
 public:
  // One population for every organisation.
  static std::shared_ptr<PopulationShards> Whole(std::shared_ptr<const Population> whole);
  // The current generation of the workspace at `path`: its directory, with the shards loaded on
  // demand, or its whole population when it keeps no directory. `budget_bytes` (0: none) bounds
  // the loaded shards' size, as their snapshots measure it.
  static Result<std::shared_ptr<PopulationShards>> Open(const std::string& path,
                                                        size_t budget_bytes = 0);

  const std::shared_ptr<const Population>& directory() const { return directory_; }
  // The whole population when served whole (a workspace of one shard, or one handed over), else
  // nullptr.
  const std::shared_ptr<const Population>& whole() const { return whole_; }
  // The data generation the populations are of (0 for a population handed over).
  int64_t generation() const { return generation_; }
  // The population that answers for organisation `org` (a directory index: an ICO, commissioner
  // or practice), its shard loaded when first asked for. Unavailable when the workspace's data
  // has changed since the directory was read (a newer generation replaces these shards).
  Result<std::shared_ptr<const Population>> For(uint32_t org);
  // How many shards are in memory (1 for a whole population).
  size_t Loaded();
  // The shard that answers for organisation `org`, or ShardPlan::kNone (0 for a whole
  // population).
  uint32_t ShardOf(uint32_t org) const;
  // The shards let go since the last call, for the caller to drop what it keeps of them.
  std::vector<uint32_t> TakeEvicted();

 private:
  struct Shard {
    std::mutex loading;
    std::shared_ptr<const Population> population;
    size_t bytes = 0;        // its snapshot's size while loaded; guarded by lru_mutex_
    uint64_t last_used = 0;  // guarded by lru_mutex_
  };
  PopulationShards() = default;
  // Lets go of the shards used longest ago, other than `keep`, while the loaded ones exceed the
  // budget.
  void Evict(uint32_t keep);

  std::string path_;
  int64_t generation_ = 0;
  std::shared_ptr<const Population> directory_;
  std::shared_ptr<const Population> whole_;  // set when served whole
  ShardPlan plan_;
  std::vector<std::unique_ptr<Shard>> shards_;  // by plan_'s shard
  size_t budget_bytes_ = 0;
  std::mutex lru_mutex_;
  uint64_t tick_ = 0;
  std::vector<uint32_t> evicted_;
};

}  // namespace continuum
