// Disclosure control for aggregates shown to those who may not see patient-level data (the
// commissioner's analysts, independent evaluators): a count from 1 to 7 is suppressed and any
// other is rounded to the nearest 5, so that no small group of patients can be picked out.
//
//   DiscloseCount(6, Disclosure::kControlled)    // nullopt: suppressed
//   DiscloseCount(13, Disclosure::kControlled)   // 15
//   DiscloseCount(13, Disclosure::kExact)        // 13
#pragma once

#include <cstdint>
#include <optional>

namespace continuum {

enum class Disclosure { kExact, kControlled };

inline constexpr int64_t kLargestSuppressedCount = 7;

std::optional<int64_t> DiscloseCount(int64_t count, Disclosure disclosure);

// What answers call it: "exact" or "controlled".
inline const char* DisclosureName(Disclosure disclosure) {
  return disclosure == Disclosure::kExact ? "exact" : "controlled";
}

}  // namespace continuum
