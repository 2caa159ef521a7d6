// Advance care planning at the end of life: an end-of-life care plan (a `care_plan` observation
// of `palliative`) some days or weeks after a patient joins the palliative care register, more
// often and sooner in good practices; and the place they would prefer to die
// (`preferred_place_of_death`), usually recorded at the care plan, sometimes after an earlier,
// different preference. A preference not recorded before death is not known: the deaths file's
// preferred place is the last one recorded.
//
//   DecideEndOfLife(&rng, &person);                          // the preference, if any
//   ...
//   AddAdvanceCarePlanning(sim, &planning_rng, &person, &records);
#pragma once

#include "core/random.h"
#include "generate/person.h"
#include "generate/records.h"
#include "generate/simulation.h"

namespace continuum {

// The share of patients on the palliative register a practice of this quality makes an
// end-of-life care plan for.
double CarePlanShare(double practice_quality);

// Records the care plan and the preference; clears Person::preferred_place when the preference
// is not recorded before the person dies or leaves, and gives patients still on the register at
// the end of the data a preference as often as the dying have one.
void AddAdvanceCarePlanning(const Simulation& sim, Rng* rng, Person* person,
                            PersonRecords* records);

}  // namespace continuum
