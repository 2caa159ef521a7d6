// The populations the server answers from, for one data generation: the directory (every
// organisation and membership, no patient), from which scope is decided, and each shard
// (engine/shard_plan.h), loaded from the workspace when an ICO or commissioner in it is first
// asked about and then kept. A workspace of one shard, or a population a caller hands over, is
// served whole. The server's memory so grows with what has been opened, not with the programme.
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
  // demand, or its whole population when it keeps no directory.
  static Result<std::shared_ptr<PopulationShards>> Open(const std::string& path);

  const std::shared_ptr<const Population>& directory() const { return directory_; }
  // The data generation the populations are of (0 for a population handed over).
  int64_t generation() const { return generation_; }
  // The population that answers for organisation `org` (a directory index: an ICO, commissioner
  // or practice), its shard loaded when first asked for. Unavailable when the workspace's data
  // has changed since the directory was read (a newer generation replaces these shards).
  Result<std::shared_ptr<const Population>> For(uint32_t org);
  // How many shards are in memory (1 for a whole population).
  size_t Loaded();

 private:
  struct Shard {
    std::mutex loading;
    std::shared_ptr<const Population> population;
  };
  PopulationShards() = default;

  std::string path_;
  int64_t generation_ = 0;
  std::shared_ptr<const Population> directory_;
  std::shared_ptr<const Population> whole_;  // set when served whole
  ShardPlan plan_;
  std::vector<std::unique_ptr<Shard>> shards_;  // by plan_'s shard
};

}  // namespace continuum
