// Activity and cost by member practice x month x setting: the first analysis, and the shape
// most monitoring starts from. Events are attributed to the practice the patient was
// registered with on the day of the event.
//
//   ActivityCube cube = ActivityByPracticeMonthSetting(population, costing.cost);
//   ActivityCube ico = ActivityByPracticeMonthSetting(population, costing.cost, scope.member);
//   cube.cost[cube.Index(slot, month, static_cast<int>(Setting::kEmergency))]
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/population.h"

namespace continuum {

struct ActivityCube {
  std::vector<uint32_t> practices;  // organisation index of each practice slot
  int first_month = 0;              // MonthIndex of month 0
  int month_count = 0;
  std::vector<int64_t> events;  // [slot][month][setting]
  std::vector<int64_t> quantity;
  std::vector<Pence> cost;        // events of unknown cost add nothing here...
  std::vector<int64_t> uncosted;  // ...and are counted here instead

  size_t Index(size_t slot, int month, int setting) const {
    return (slot * static_cast<size_t>(month_count) + static_cast<size_t>(month)) * kSettingCount +
           static_cast<size_t>(setting);
  }
};

// `event_cost` is each event's cost (kNoCost when uncosted), parallel to population.events.
// `practices`, by organisation index, is 1 for each practice to show (an ICO's member practices:
// finance/ico_scope.h); empty shows every practice, member or control. The months are the
// workspace's either way.
ActivityCube ActivityByPracticeMonthSetting(const Population& population,
                                            std::span<const int32_t> event_cost,
                                            std::span<const uint8_t> practices = {});

}  // namespace continuum
