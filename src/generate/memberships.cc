#include "generate/memberships.h"

#include <algorithm>

namespace continuum {
namespace {

// The first day of the month `months` after `start` (a first of the month).
Day MonthsAfter(Day start, int months) {
  const CivilDate date = CivilFromDay(start);
  const int month = date.month - 1 + months;
  return DayFromCivil(date.year + month / 12, month % 12 + 1, 1);
}

}  // namespace

bool IsProgramme(const World& world) {
  return world.icos.size() > 1 || world.commissioners.size() > 1;
}

Day GoLive(const World& world, const Window& window, int ico) {
  const int icos = static_cast<int>(world.icos.size());
  const int commissioners = static_cast<int>(world.commissioners.size());
  const int commissioner = CommissionerOf(ico, icos, commissioners);
  // The block's first ICO: the least i with i * commissioners / icos == commissioner.
  const int first_of_block = (commissioner * icos + commissioners - 1) / commissioners;
  const int rank = (ico - first_of_block) * commissioners + commissioner;
  const int quarters = window.years() >= 3 ? 8 : 4;
  const int quarter = std::min(quarters - 1, rank * quarters / icos);
  return MonthsAfter(window.start(), 3 * quarter);
}

void PlanMemberships(const Window& window, World* world) {
  if (!IsProgramme(*world)) return;
  const int icos = static_cast<int>(world->icos.size());
  for (int ico = 0; ico < icos; ++ico) {
    const Day go_live = GoLive(*world, window, ico);
    for (int practice : world->groups[ico]) {
      world->practices[practice].memberships.push_back({ico, go_live, kOpenMembership});
    }
  }
  if (icos < 3 || window.years() < 2) return;
  const Day change = window.YearStart(window.years() - 1);
  // Go-lives all fall before the last financial year, so both changes follow them.
  if (world->groups[0].size() > 1) {
    Practice& switcher = world->practices[world->groups[0].back()];
    switcher.memberships.back().end = change - 1;
    switcher.memberships.push_back({1, change, kOpenMembership});
  }
  if (world->groups[2].size() > 1) {
    world->practices[world->groups[2].back()].memberships.back().end = change - 1;
  }
}

std::string MembershipRows(const World& world) {
  std::string rows;
  for (const Practice& practice : world.practices) {
    for (const MembershipSpan& span : practice.memberships) {
      rows += world.organisations[practice.org].id + ',' +
              world.organisations[world.icos[span.ico]].id + ',' + FormatDate(span.start) + ',';
      if (span.end != kOpenMembership) rows += FormatDate(span.end);
      rows += '\n';
    }
  }
  return rows;
}

}  // namespace continuum
