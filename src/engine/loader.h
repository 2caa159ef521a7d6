// Builds the engine's columns (engine/population.h) by reading every row of a workspace.
// This is the slow, authoritative path; engine.h keeps a snapshot of its result.
//
//   Result<Population> population = LoadPopulationFromRows(workspace);
#pragma once

#include "core/status.h"
#include "engine/population.h"
#include "store/workspace.h"

namespace continuum {

Result<Population> LoadPopulationFromRows(Workspace& workspace);

}  // namespace continuum
