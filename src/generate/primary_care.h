// Care outside hospital: GP and practice nurse consultations, repeat and acute prescriptions
// (one row per issue, quantity = items), community health contacts (district nursing and
// therapies, by the community trust and a social enterprise) and mental health contacts, with
// the referrals that start community and mental health care.
//
//   AddPrimaryAndCommunityCare(sim, person, &rng, &records);
#pragma once

#include "core/random.h"
#include "generate/person.h"
#include "generate/records.h"
#include "generate/simulation.h"

namespace continuum {

void AddPrimaryAndCommunityCare(const Simulation& sim, const Person& person, Rng* rng,
                                PersonRecords* records);

}  // namespace continuum
