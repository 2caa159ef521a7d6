// Checks the invariants every analysis relies on — columns of one table the same length, every
// index inside the table it points into — so that a damaged snapshot is refused instead of
// read out of bounds.
//
//   Status s = CheckPopulation(population);   // kCorrupt, naming the first broken column
#pragma once

#include "core/status.h"
#include "engine/population.h"

namespace continuum {

Status CheckPopulation(const Population& population);

}  // namespace continuum
