#include "report/list_turnover.h"

namespace continuum {

ListTurnover CountListTurnover(const Population& p, Day from, Day to,
                               std::span<const uint8_t> practices) {
  ListTurnover t;
  const RegistrationColumns& r = p.registrations;
  for (size_t i = 0; i < r.size(); ++i) {
    if (!practices.empty() && !practices[r.practice[i]]) continue;
    if (r.start[i] >= from && r.start[i] <= to && r.start_reason[i] < t.joined.size())
      ++t.joined[r.start_reason[i]];
    if (r.end[i] != kNoDay && r.end[i] >= from && r.end[i] <= to && r.end_reason[i] < t.left.size())
      ++t.left[r.end_reason[i]];
  }
  return t;
}

}  // namespace continuum
