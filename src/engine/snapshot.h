// The engine snapshot: the Population's columns written one after another into one binary blob
// (magic, version, then each column as a length and its raw bytes), so a workspace opens in a
// fraction of the time it takes to read every row. The layout is in docs/architecture.md.
//
//   std::string bytes = SerializePopulation(population);
//   Result<Population> back = DeserializePopulation(bytes);
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "engine/population.h"

namespace continuum {

std::string SerializePopulation(const Population& population);
// kCorrupt when the bytes are not a snapshot of this version.
Result<Population> DeserializePopulation(std::string_view bytes);

}  // namespace continuum
