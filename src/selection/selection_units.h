// Who the selection measures compare: each ICO of the workspace against its commissioner's
// control practices, the practices under that commissioner that were never any ICO's member.
// A patient counts for an ICO in a year when their practice is the ICO's member on the year's
// first day (memberships.csv), so an ICO's years before it went live count for nobody.
//
//   SelectionUnits units = FindSelectionUnits(population);
//   units.ControlUnit(i)          // the unit of ICO i's commissioner's control practices
//   units.UnitOn(practice, day)   // the unit a practice's patients count in that day, or kNoUnit
#pragma once

#include <cstdint>
#include <vector>

#include "core/date.h"
#include "engine/population.h"

namespace continuum {

inline constexpr int32_t kNoUnit = -1;

struct SelectionUnits {
  const Population* population = nullptr;
  // Unit u < icos.size() is ICO icos[u] (organisation index, in organisation order); unit
  // icos.size() + k is the control practices of commissioners[k].
  std::vector<uint32_t> icos;
  std::vector<uint32_t> commissioners;
  std::vector<uint32_t> commissioner_of_ico;  // per ICO: index into commissioners
  // By organisation: the index into commissioners of a control practice's commissioner, or -1 for
  // any other organisation (an ICO's member at any time, or a practice under no commissioner).
  std::vector<int32_t> control_of;
  // By organisation: the index into commissioners above a practice, or -1.
  std::vector<int32_t> commissioner_of_practice;
  std::vector<int64_t> control_practices;  // per commissioner: how many

  size_t size() const { return icos.size() + commissioners.size(); }
  size_t ControlUnit(size_t ico) const { return icos.size() + commissioner_of_ico[ico]; }
  int32_t UnitOn(uint32_t practice, Day day) const;
};

SelectionUnits FindSelectionUnits(const Population& population);

}  // namespace continuum
