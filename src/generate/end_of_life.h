// The last months of life: who joins the palliative care register and when, where people die
// (hospital 44%, home 24%, care home 22%, hospice 6%, other 4% in England, 2019) and where they
// said they would prefer to, and the hospice and palliative nursing care around it. When the
// preference and an end-of-life care plan are recorded is advance_care_planning.h.
//
//   DecideEndOfLife(&rng, &person);             // after LiveThroughWindow
//   AddEndOfLifeCare(sim, person, &rng, &records);
#pragma once

#include "core/random.h"
#include "generate/person.h"
#include "generate/records.h"
#include "generate/simulation.h"

namespace continuum {

// Decides the palliative register's onset, the place of death and the place the person would
// prefer (Person::preferred_place, when they would state one).
void DecideEndOfLife(Rng* rng, Person* person);

// A place someone would prefer to die in, when it is not simply where they will die.
PlaceOfDeath DrawPreferredPlace(bool in_care_home, Rng* rng);

// Palliative contacts (community palliative nurses, hospice), hospice inpatient days before a
// hospice death, district nursing before a death at home, and the referral to the hospice.
void AddEndOfLifeCare(const Simulation& sim, const Person& person, Rng* rng,
                      PersonRecords* records);

}  // namespace continuum
