// The last months of life: who joins the palliative care register and when, where people die
// (hospital 44%, home 24%, care home 22%, hospice 6%, other 4% in England, 2019), and the
// hospice and palliative nursing care around it. Care plans and preferred places of death are
// advance_care_planning.h.
//
//   DecideEndOfLife(&rng, &person);             // after LiveThroughWindow
//   AddEndOfLifeCare(sim, person, &rng, &records);
#pragma once

#include <array>

#include "core/random.h"
#include "generate/person.h"
#include "generate/records.h"
#include "generate/simulation.h"

namespace continuum {

void DecideEndOfLife(Rng* rng, Person* person);

// Shares of hospital, home, care home, hospice and other (PlaceOfDeath order), summing to 1.
using PlaceShares = std::array<double, 5>;
PlaceOfDeath DrawPlace(const PlaceShares& shares, Rng* rng);

// Palliative contacts (community palliative nurses, hospice), hospice inpatient days before a
// hospice death, district nursing before a death at home, and the referral to the hospice.
void AddEndOfLifeCare(const Simulation& sim, const Person& person, Rng* rng,
                      PersonRecords* records);

}  // namespace continuum
