// Hospital care: outpatient first attendances (most after a GP referral) and their follow-ups,
// A&E attendances, day cases and elective spells, and emergency admissions with the A&E
// attendance before them, the readmissions after them, the extra admissions of the last year
// of life and the final admission of those who die in hospital. Emergency admissions depend on
// latent frailty, conditions, deprivation, the practice's planted propensity and quality, and a
// yearly shock, so that last year's use predicts next year's only as well as it does in life.
//
//   AddHospitalCare(sim, person, &rng, &records);
#pragma once

#include "core/random.h"
#include "generate/person.h"
#include "generate/records.h"
#include "generate/simulation.h"

namespace continuum {

void AddHospitalCare(const Simulation& sim, const Person& person, Rng* rng, PersonRecords* records);

}  // namespace continuum
