// Hospital care: outpatient first attendances (most after a GP referral) and their follow-ups,
// A&E attendances, day cases and elective spells, and emergency admissions with the A&E
// attendance before them, the readmissions after them, the extra admissions of the last year
// of life and the final admission of those who die in hospital. Emergency admissions depend on
// latent frailty, conditions, deprivation, the practice's planted propensity and quality, and a
// yearly shock, so that last year's use predicts next year's only as well as it does in life.
// Member practices case-manage those a published rule finds, with the effects RAND Europe and
// Ernst & Young (2012) measured.
//
//   person.case_managed = AddHospitalCare(sim, person, &rng, &records);
#pragma once

#include <string>
#include <vector>

#include "core/random.h"
#include "generate/person.h"
#include "generate/records.h"
#include "generate/simulation.h"

namespace continuum {

// An effect the generator plants, for an evaluation to recover: the ratio of an outcome (an
// evaluation outcome's id) with the programme to without it, for `patients` ("case_managed": those
// the ICO's case finding picked) from the day `from`.
struct PlantedEffect {
  std::string ico;  // org_id
  std::string patients;
  Day from = 0;
  std::string outcome;
  double ratio = 1;  // 1 in a programme with no effect
};
std::vector<PlantedEffect> PlantedEffects(const Simulation& sim);

// Returns whether the person's ICO case-managed them (hospital_activity.cc, kCaseFindingAge).
bool AddHospitalCare(const Simulation& sim, const Person& person, Rng* rng, PersonRecords* records);

}  // namespace continuum
