// Cuts a whole population into the shards of a plan (shard_plan.h): each shard is a Population of
// its own, with every organisation, staff row and membership, the dictionaries and first and last
// day of the whole, and only the patients of its practices, renumbered, with all of their rows.
// The events are routed a block at a time, so a whole whose events are in files (an import's)
// yields shards whose events are in files too and is never held at once.
//
//   ShardPlan plan = PlanShards(built.population);
//   CONTINUUM_RETURN_IF_ERROR(SplitIntoShards(built.population, built.events.get(), plan, folder,
//       [&](size_t s, BuiltPopulation& shard) { return Store(plan.names[s], shard); }));
#pragma once

#include <functional>
#include <string>

#include "core/status.h"
#include "engine/event_column_files.h"
#include "engine/shard_plan.h"

namespace continuum {

// Calls `take` with each shard in turn (the shard is dropped when it returns). The whole's events
// are in `files` when that is set (and the shards' then go to files in `folder`), otherwise in
// whole.events. A patient with no registration at all belongs to no practice's shard and is kept
// in shard 0, so that the shards together hold every row.
Status SplitIntoShards(const Population& whole, EventColumnFiles* files, const ShardPlan& plan,
                       const std::string& folder,
                       const std::function<Status(size_t, BuiltPopulation&)>& take);

// The organisations, staff and memberships of `whole`, with its dictionaries and first and last
// day of activity, and no patient: what the server needs to know who may open what and which
// shard answers for it.
Population DirectoryOf(const Population& whole);

}  // namespace continuum
