// Advance care planning at the end of life: an end-of-life care plan (a `care_plan` observation
// of `palliative`) some days or weeks after a patient joins the palliative care register, and
// the place they would prefer to die (`preferred_place_of_death`), usually discussed at the
// care plan and sometimes changed later. Good practices plan for more of their patients, sooner.
// The deaths file's preferred place is the last preference recorded before death.
//
//   DecideEndOfLife(&rng, &person);
//   ...
//   AddAdvanceCarePlanning(sim, &rng, &person, &records);   // sets person.preferred_place
#pragma once

#include "core/random.h"
#include "generate/person.h"
#include "generate/records.h"
#include "generate/simulation.h"

namespace continuum {

// The share of patients on the palliative register a practice of this quality makes an
// end-of-life care plan for.
double CarePlanShare(double practice_quality);

void AddAdvanceCarePlanning(const Simulation& sim, Rng* rng, Person* person,
                            PersonRecords* records);

}  // namespace continuum
