// A person's life around the window: who they are (age, sex, where they live, latent risk,
// conditions), their registrations before and during it, moves between practices of the same
// ICO, leaving the area, entering social care, and death, with competing hazards by year of age.
// Death is also followed for a year after the window so that end-of-life care near its end is
// real; that death is never written.
//
//   Person person;
//   DrawPerson(sim, index, &rng, &person);
//   LiveThroughWindow(sim, index, &rng, &person);
#pragma once

#include "core/random.h"
#include "generate/person.h"
#include "generate/simulation.h"

namespace continuum {

void DrawPerson(const Simulation& sim, int64_t index, Rng* rng, Person* person);
void LiveThroughWindow(const Simulation& sim, int64_t index, Rng* rng, Person* person);
// Forgets what would have been recorded after the person's exit from the list: conditions first
// noted, care started or ended.
void ForgetAfterExit(Person* person);

// Latent frailty of someone alive at `age`: standard normal at birth, shifted by deprivation,
// and thinned by the deaths of the frail before that age (so old people are survivors).
double DrawFrailty(Rng* rng, int age, Sex sex, int decile);

// Annual mortality before latent risk and conditions: a Gompertz curve through the ONS national
// life tables for England 2017-19 at age 75 (approx.), steeper than the tables because frailty
// selection flattens it again among the old. Completed years of age.
double BaselineMortality(int age, Sex sex);

}  // namespace continuum
