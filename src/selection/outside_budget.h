// What is avoided: care of each ICO's patients moved to settings its budget does not pay for. By
// default these are social care packages, which local authorities fund and means-test (Care Act
// 2014), and end-of-life care, which hospices give largely from charitable funds; a commissioner
// whose budgets hold either names the settings to watch (`continuum selection --outside-budget`).
//
// A patient on an ICO's list on 1 April counts when they have any activity in those settings
// within the year while with a practice of the same ICO; the share of such patients is compared
// with the ICO's baseline year (for a new ICO, its last year before the pilot) and with its
// commissioner's control practices (share_change.h).
//
//   std::vector<SelectionMeasure> m = MeasureOutsideBudget(data, kDefaultOutsideSettings);
#pragma once

#include <cstdint>
#include <vector>

#include "model/codes.h"
#include "selection/selection_data.h"

namespace continuum {

inline constexpr uint16_t kDefaultOutsideSettings =
    uint16_t(1u << static_cast<int>(Setting::kSocialCare)) |
    uint16_t(1u << static_cast<int>(Setting::kEndOfLife));

// Per ICO, "outside_budget": patients with activity in the settings of `settings` (bit per
// Setting).
std::vector<SelectionMeasure> MeasureOutsideBudget(const SelectionData& data, uint16_t settings);

}  // namespace continuum
