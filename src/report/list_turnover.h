// List turnover: the registrations that start (joiners, by how) and end (leavers, by why) in a
// period, at every practice or at some. The workspace summary counts each financial year with it
// and the commissioner's oversight each ICO's month and year to date.
//
//   ListTurnover t = CountListTurnover(population, FinancialYearStart(2024), MonthEnd(m));
//   t.Joined(), t.left[static_cast<int>(RegistrationEnd::kDeath)]
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "engine/population.h"

namespace continuum {

struct ListTurnover {
  std::array<int64_t, 2> joined{};  // by RegistrationStart
  std::array<int64_t, 4> left{};    // by RegistrationEnd
  int64_t Joined() const { return joined[0] + joined[1]; }
  int64_t Left() const { return left[0] + left[1] + left[2] + left[3]; }
};

// Registrations starting in [from, to] and registrations ending in it, at the practices
// `practices` marks (by organisation index), or at every practice when it is empty. A move
// between two counted practices is a leaver and a joiner, as the lists see it.
ListTurnover CountListTurnover(const Population& population, Day from, Day to,
                               std::span<const uint8_t> practices = {});

}  // namespace continuum
