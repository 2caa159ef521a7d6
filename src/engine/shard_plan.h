// How a workspace's population is cut into shards: one per commissioner, holding every patient
// ever registered with a practice of its ICOs (by the practice's ICO or any membership) or one of
// its control practices, with all of that patient's rows; and one more, named "", for patients of
// practices no commissioner reaches. A patient who moved between two commissioners' practices is
// in both shards, whole, so every report on an ICO or a commissioner gives from its shard alone
// exactly what it gives from the whole population. The plan reads only the organisations and the
// memberships, so the directory (engine.h) makes it again without any patient.
//
//   ShardPlan plan = PlanShards(population);
//   size_t s = plan.shard_of[ico];              // the shard that answers for this ICO
//   plan.names[s]                               // its commissioner's id
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/population.h"

namespace continuum {

struct ShardPlan {
  static constexpr uint32_t kNone = UINT32_MAX;
  std::vector<std::string> names;  // the commissioner's id, or "" for the practices of none
  // By organisation: the shard that answers for a commissioner, an ICO or a practice (the one of
  // its own commissioner), or kNone for any other organisation.
  std::vector<uint32_t> shard_of;
  // By organisation: every shard a practice's patients belong to, in order (empty for others).
  std::vector<std::vector<uint32_t>> practice_shards;
  size_t size() const { return names.size(); }
};

ShardPlan PlanShards(const Population& population);

// The commissioner at the top of organisation `org`'s parents (itself when it is one), or
// Dictionary::kMissing.
uint32_t CommissionerAbove(const Population& population, uint32_t org);
// By organisation: 1 for the practices whose patients are in commissioner `commissioner`'s shard
// (its control practices and every practice ever a member of one of its ICOs). A figure about an
// ICO or a commissioner that counts beyond the ICO (the capitation allocation it is a share of,
// the population it covers) counts these practices' lists, so that it is the same whether worked
// out from the shard or from the whole workspace, and never depends on another commissioner's.
std::vector<uint8_t> CommissionerPractices(const Population& population, uint32_t commissioner);

// The snapshot name of shard `name` (engine.h).
std::string ShardSnapshotName(const std::string& name);

}  // namespace continuum
