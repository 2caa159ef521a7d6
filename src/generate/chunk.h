// Simulates a run of consecutive persons and formats all their rows. Each person draws only
// from their own random stream (seed, person index), so a chunk's text depends on nothing but
// the persons in it: threads may take chunks in any order. Activity and referral rows are left
// without their leading id (they start at the comma); the writer numbers them in file order.
//
//   ChunkText text;
//   SimulateChunk(sim, first, last, /*truth=*/false, &text);
//   text.files[int(TableId::kPatients)].view()
#pragma once

#include <array>
#include <cstdint>

#include "generate/simulation.h"
#include "generate/text_buffer.h"
#include "model/schema.h"

namespace continuum {

struct ChunkText {
  std::array<TextBuffer, kTableCount> files;  // by TableId (organisations and staff unused)
  std::array<int64_t, kTableCount> rows{};
  TextBuffer truth;  // truth file rows (generator.h), when asked for
};

// Simulates persons [first, last) of the plan into `out` (cleared first).
void SimulateChunk(const Simulation& sim, int64_t first, int64_t last, bool truth, ChunkText* out);

}  // namespace continuum
