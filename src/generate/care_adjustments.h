// Personalised care adjustments (the Quality and Outcomes Framework's exception reporting): a
// practice records that a patient on a register is excepted from that condition's indicators for
// the year, because they declined, did not answer three invitations, or the care is unsuitable
// for them. In England 5.26% of the patients eligible for an indicator were excepted in 2007-08,
// 8.96% for coronary heart disease's CHD08 (House of Commons written answer, 15 January 2009).
//
// Each financial year a patient holds one of the QOF's registers, a `care_adjustment` naming it
// is recorded with a chance of kCareAdjustmentShare on a day of the year drawn at random, while
// they are registered and on the register. An ICO planted with `--plant-exceptions ICO:PCT`
// records PCT% more in its planted year (selection.h's year, among patients at its practices on
// the day).
//
//   AddCareAdjustments(sim, person, &rng, &records);
#pragma once

#include "core/random.h"
#include "generate/person.h"
#include "generate/records.h"
#include "generate/simulation.h"

namespace continuum {

inline constexpr double kCareAdjustmentShare = 0.0526;

void AddCareAdjustments(const Simulation& sim, const Person& person, Rng* rng,
                        PersonRecords* records);

}  // namespace continuum
