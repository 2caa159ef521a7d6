// The engine snapshot: the Population's columns written one after another (magic, version,
// then each column as a length and its raw bytes), so a workspace opens in a fraction of the
// time it takes to read every row. The layout is in docs/architecture.md.
//
//   size_t size = SerializedSize(population);
//   CONTINUUM_RETURN_IF_ERROR(SerializePopulation(population, sink));   // exactly size bytes
//   Result<Population> back = DeserializePopulation(source);
#pragma once

#include <string>
#include <string_view>

#include "core/bytes.h"
#include "core/status.h"
#include "engine/event_column_files.h"
#include "engine/population.h"

namespace continuum {

size_t SerializedSize(const Population& population);
Status SerializePopulation(const Population& population, ByteSink& sink);
// The same bytes for a population whose events may be in files (an import's), read from them a
// block at a time.
size_t SerializedSize(const BuiltPopulation& built);
Status SerializePopulation(const BuiltPopulation& built, ByteSink& sink);
// kCorrupt when the bytes are not a whole snapshot of this version.
Result<Population> DeserializePopulation(ByteSource& source);

// In memory, for tests and small workspaces.
std::string SerializePopulation(const Population& population);
Result<Population> DeserializePopulation(std::string_view bytes);

}  // namespace continuum
