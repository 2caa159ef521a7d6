// Money as integer pence, converted to and from text only at the edges.
//
//   Result<Pence> p = ParsePounds("1234.50");   // 123450
//   FormatPounds(123450)                        // "1234.50"
//   Apportion(1000, {1, 1, 1})                  // {334, 333, 333}
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace continuum {

using Pence = int64_t;

// Accepts "12", "12.3" or "12.34" (no sign, no thousands separators).
// Negative amounts are rejected with a message saying so.
Result<Pence> ParsePounds(std::string_view text);
std::string FormatPounds(Pence pence);
char* FormatPoundsTo(Pence pence, char* out);

// Splits `total` into parts proportional to `weights` (each >= 0), in whole pence that sum to
// `total` exactly: each part is rounded down, then the pennies left go to the largest remainders
// (ties to the earlier part). All-zero weights split evenly.
std::vector<Pence> Apportion(Pence total, std::span<const double> weights);

}  // namespace continuum
