#include "engine/activity_cube.h"

#include <algorithm>

namespace continuum {

ActivityCube ActivityByPracticeMonthSetting(const Population& p,
                                            std::span<const int32_t> event_cost,
                                            std::span<const uint8_t> practices) {
  ActivityCube cube;
  const EventColumns& e = p.events;
  std::vector<int32_t> slot_of(p.organisations.size() + 1, -1);
  for (uint32_t o = 0; o < p.organisations.size(); ++o) {
    const bool shown = practices.empty() || (o < practices.size() && practices[o] != 0);
    if (p.organisations.kind[o] == static_cast<uint8_t>(OrgKind::kPractice) && shown) {
      slot_of[o] = static_cast<int32_t>(cube.practices.size());
      cube.practices.push_back(o);
    }
  }
  if (e.size() == 0 || cube.practices.empty()) return cube;
  const Day first_day = e.first_day, last_day = e.last_day;
  cube.first_month = MonthIndex(first_day);
  cube.month_count = MonthIndex(last_day) - cube.first_month + 1;
  // Month of each day in range, so the loop below does no calendar arithmetic.
  std::vector<uint16_t> month_of(static_cast<size_t>(last_day - first_day) + 1);
  for (Day d = first_day; d <= last_day; ++d) {
    month_of[d - first_day] = static_cast<uint16_t>(MonthIndex(d) - cube.first_month);
  }
  const size_t cells = cube.practices.size() * cube.month_count * kSettingCount;
  cube.events.assign(cells, 0);
  cube.quantity.assign(cells, 0);
  cube.cost.assign(cells, 0);
  cube.uncosted.assign(cells, 0);

  const size_t n = e.size();
  const uint32_t* practice = e.practice.data();
  const Day* day = e.day.data();
  const uint8_t* setting = e.setting.data();
  const uint32_t* quantity = e.quantity.data();
  const int32_t* cost = event_cost.data();
  const size_t months = static_cast<size_t>(cube.month_count);
  // Plain pointers: through the vectors the compiler would reload each one on every event.
  int64_t* events = cube.events.data();
  int64_t* quantities = cube.quantity.data();
  Pence* costs = cube.cost.data();
  int64_t* uncosted = cube.uncosted.data();
  const int32_t* slots = slot_of.data();
  const uint16_t* month_of_day = month_of.data();
  const uint32_t last_org = static_cast<uint32_t>(slot_of.size() - 1);
  for (size_t i = 0; i < n; ++i) {
    const uint32_t org = practice[i] < last_org ? practice[i] : last_org;
    const int32_t slot = slots[org];
    if (slot < 0) continue;
    const size_t cell =
        (static_cast<size_t>(slot) * months + month_of_day[day[i] - first_day]) * kSettingCount +
        setting[i];
    ++events[cell];
    quantities[cell] += quantity[i];
    if (cost[i] >= 0) {
      costs[cell] += cost[i];
    } else {
      ++uncosted[cell];
    }
  }
  return cube;
}

}  // namespace continuum
