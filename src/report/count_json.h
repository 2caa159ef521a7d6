// Counts in the reports' JSON as an audience may see them (report/disclosure.h): exact, or
// under disclosure control, where null stands for a suppressed count. For the renderers in this
// folder, which hold the JSON library.
//
//   j["patients"] = CountJson(u.patients, disclosure);   // 6 -> null, 13 -> 15 when controlled
#pragma once

#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "clinical/indicator_evaluation.h"
#include "report/disclosure.h"

namespace continuum {

inline nlohmann::json CountJson(int64_t count, Disclosure disclosure) {
  const std::optional<int64_t> shown = DiscloseCount(count, disclosure);
  return shown ? nlohmann::json(*shown) : nlohmann::json(nullptr);
}

// A count kept as a double (or person-years): as it is when exact, else rounded and controlled.
inline nlohmann::json CountJson(double count, Disclosure disclosure) {
  if (disclosure == Disclosure::kExact) return count;
  return CountJson(static_cast<int64_t>(std::llround(count)), disclosure);
}

// Counts of a quality report controlled by ControlQuality (report/quality_disclosure.h), which
// are already as shown: a point's count withheld when flagged, another count when -1.
inline nlohmann::json PointCountJson(const IndicatorPoint& p, uint8_t which, double count,
                                     Disclosure disclosure) {
  if (disclosure == Disclosure::kControlled && (p.withheld & which)) return nullptr;
  return CountJson(count, disclosure);
}
inline nlohmann::json ShownCountJson(int64_t count, Disclosure disclosure) {
  if (disclosure == Disclosure::kControlled && count < 0) return nullptr;
  return CountJson(count, disclosure);
}

}  // namespace continuum
