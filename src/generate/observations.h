// Measurements recorded in general practice: smoking status, blood pressure (systolic and
// diastolic together), HbA1c and BMI, more often for people on the relevant registers. Each
// person has a stable underlying level; the practice's planted quality lowers the HbA1c and
// blood pressure of its diabetic and hypertensive patients and raises smoking recording.
//
//   AddObservations(sim, person, &rng, &records);
#pragma once

#include "core/random.h"
#include "generate/person.h"
#include "generate/records.h"
#include "generate/simulation.h"

namespace continuum {

void AddObservations(const Simulation& sim, const Person& person, Rng* rng, PersonRecords* records);

}  // namespace continuum
