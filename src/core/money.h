// Money as integer pence, converted to and from text only at the edges.
//
//   Result<Pence> p = ParsePounds("1234.50");   // 123450
//   FormatPounds(123450)                        // "1234.50"
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace continuum {

using Pence = int64_t;

// Accepts "12", "12.3" or "12.34" (no sign, no thousands separators).
// Negative amounts are rejected with a message saying so.
Result<Pence> ParsePounds(std::string_view text);
std::string FormatPounds(Pence pence);
char* FormatPoundsTo(Pence pence, char* out);

}  // namespace continuum
