#include "engine/activity_cube.h"

#include <algorithm>

namespace continuum {

ActivityCube ActivityByPracticeMonthSetting(const Population& p) {
  ActivityCube cube;
  const EventColumns& e = p.events;
  std::vector<int32_t> slot_of(p.organisations.size() + 1, -1);
  for (uint32_t o = 0; o < p.organisations.size(); ++o) {
    if (p.organisations.kind[o] == static_cast<uint8_t>(OrgKind::kPractice)) {
      slot_of[o] = static_cast<int32_t>(cube.practices.size());
      cube.practices.push_back(o);
    }
  }
  if (e.size() == 0 || cube.practices.empty()) return cube;
  const auto [min_it, max_it] = std::minmax_element(e.day.begin(), e.day.end());
  const Day first_day = *min_it, last_day = *max_it;
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
  const Pence* cost = e.cost.data();
  const size_t months = static_cast<size_t>(cube.month_count);
  for (size_t i = 0; i < n; ++i) {
    const uint32_t org = practice[i] < slot_of.size() ? practice[i] : slot_of.size() - 1;
    const int32_t slot = slot_of[org];
    if (slot < 0) continue;
    const size_t cell =
        (static_cast<size_t>(slot) * months + month_of[day[i] - first_day]) * kSettingCount +
        setting[i];
    ++cube.events[cell];
    cube.quantity[cell] += quantity[i];
    if (cost[i] >= 0)
      cube.cost[cell] += cost[i];
    else
      ++cube.uncosted[cell];
  }
  return cube;
}

}  // namespace continuum
