// Who is registered on a day: the one definition every list size, headcount and "on the list on
// the index day" in Continuum counts by, so that the summary, quality, pathways, risk, capitation
// and the web overview give one number for one day.
//
// A patient is registered with a practice on day d when one of their registrations there has
// start_date <= d <= end_date (end_date is the last day on the list, docs/data-format.md; open
// while registered) and they are alive on d: not dead before d. The day of death is a day on the
// list, as the registration a death ends has the day of death as its end_date; a death recorded
// without its registration ended still takes the patient off the list from the day after.
//
//   for (size_t r = 0; r < p.registrations.size(); ++r)
//     if (RegistrationOn(p, r, day)) ++list_size[p.registrations.practice[r]];
//   const uint32_t practice = RegisteredPracticeOn(p, patient, day);   // or Dictionary::kMissing
#pragma once

#include <algorithm>
#include <cstdint>

#include "engine/population.h"

namespace continuum {

// Whether `patient` is alive on `day` (dies on it or later, or has not died).
inline bool AliveOn(const Population& p, uint32_t patient, Day day) {
  return day <= p.patients.death[patient];
}

// Whether registration `registration` has its patient on its practice's list on `day`.
inline bool RegistrationOn(const Population& p, size_t registration, Day day) {
  const RegistrationColumns& r = p.registrations;
  return r.start[registration] <= day && day <= r.end[registration] &&
         AliveOn(p, r.patient[registration], day);
}

// The last day registration `registration` has its patient on the list: its end_date, or the day
// of death when that comes first (kNoDay while open). Person-time runs from start to this day,
// both included.
inline Day LastDayOn(const Population& p, size_t registration) {
  const RegistrationColumns& r = p.registrations;
  return std::min(r.end[registration], p.patients.death[r.patient[registration]]);
}

// The practice `patient` is registered with on `day` (organisation index), or
// Dictionary::kMissing.
inline uint32_t RegisteredPracticeOn(const Population& p, uint32_t patient, Day day) {
  return AliveOn(p, patient, day) ? p.PracticeOn(patient, day) : Dictionary::kMissing;
}

}  // namespace continuum
