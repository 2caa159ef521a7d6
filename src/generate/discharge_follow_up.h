// Follow-up after an emergency admission: with a chance that rises with the practice's planted
// quality, the practice (a GP or nurse) or the community team sees the patient within seven
// days of going home. Where a contact already falls in that week nothing is added; otherwise
// one is, on days 1 to 7 after discharge. Other contacts happen regardless.
//
//   AddHospitalCare(sim, person, &rng, &records);
//   AddPrimaryAndCommunityCare(sim, person, &rng, &records);
//   AddDischargeFollowUp(sim, person, &rng, &records);     // reads the two above
#pragma once

#include "core/random.h"
#include "generate/person.h"
#include "generate/records.h"
#include "generate/simulation.h"

namespace continuum {

// The chance that a practice of this quality follows a discharged patient up within a week.
double DischargeFollowUpShare(double practice_quality);

void AddDischargeFollowUp(const Simulation& sim, const Person& person, Rng* rng,
                          PersonRecords* records);

}  // namespace continuum
