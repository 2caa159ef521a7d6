// The last months of life: who joins the palliative care register and when, where people die
// (hospital 44%, home 24%, care home 22%, hospice 6%, other 4% in England, 2019) and where they
// said they would prefer to, and the hospice and palliative nursing care around it.
//
//   DecideEndOfLife(&rng, &person);             // after LiveThroughWindow
//   AddEndOfLifeCare(sim, person, &rng, &records);
#pragma once

#include "core/random.h"
#include "generate/person.h"
#include "generate/records.h"
#include "generate/simulation.h"

namespace continuum {

void DecideEndOfLife(Rng* rng, Person* person);

// Palliative contacts (community palliative nurses, hospice), hospice inpatient days before a
// hospice death, district nursing before a death at home, and the referral to the hospice.
void AddEndOfLifeCare(const Simulation& sim, const Person& person, Rng* rng,
                      PersonRecords* records);

}  // namespace continuum
