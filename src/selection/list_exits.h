// Who leaves, and how: the practice-initiated removals and the other exits (moving away,
// emigrating) of each ICO's patients in the top decile of need, against those of its other
// patients, compared with the same among its commissioner's control practices — a ratio of rate
// ratios, so that an ICO that removes more patients of every kind, or whose population moves
// more, is not mistaken for one that sheds the costly.
//
// A patient counts in a year when they are on an ICO member's (or control practice's) list on
// its first day with a known need decile (selection/list_year.h); they leave when that
// registration ends within the year for the reason counted, unless they died or moved on to
// another practice counted in the same unit the next day. Each cell gets half a patient
// (Haldane's correction) so that an empty one still gives a finite ratio; the variance of the
// log ratio is the sum of the reciprocals of the four corrected counts (Woolf).
//
//   std::vector<SelectionMeasure> m = MeasureListExits(data, CountExitsByDecile(data));
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "selection/selection_data.h"

namespace continuum {

// Exits by decile of need, for the report's detail: per year measured (from data.first), per unit
// (an ICO or a commissioner's control practices).
struct ExitsByDecile {
  std::array<int64_t, 10> patients{}, removals{}, other_exits{};
};
std::vector<std::vector<ExitsByDecile>> CountExitsByDecile(const SelectionData& data);

// Per ICO, "removals_top_need" then "exits_top_need", from the counts CountExitsByDecile gave.
std::vector<SelectionMeasure> MeasureListExits(
    const SelectionData& data, const std::vector<std::vector<ExitsByDecile>>& deciles);

}  // namespace continuum
