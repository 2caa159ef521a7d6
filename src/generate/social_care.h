// Adult social care funded by the local authority: care home placements (counted in weeks) and
// home care packages (counted in hours), written as one activity row per four weeks of care.
// Need rises steeply with age, dementia and latent frailty (PSSRU and NHS Digital adult social
// care activity: roughly 1 in 7 people aged 90+ in a care home). Some care home residents pay
// for themselves until their savings run down, and then the local authority pays.
//
//   if (rng.Chance(CareHomePrevalence(age, frailty, dementia))) person.residential_from = ...;
//   AddSocialCare(sim, person, &rng, &records);
#pragma once

#include "core/random.h"
#include "generate/person.h"
#include "generate/records.h"
#include "generate/simulation.h"

namespace continuum {

// Chance of living in a care home on a given day, and of moving into one in a year.
double CareHomePrevalence(int age, double frailty, bool dementia);
double CareHomeIncidence(int age, double frailty, bool dementia);
// The same for home care.
double HomeCarePrevalence(int age, double frailty, bool dementia);
double HomeCareIncidence(int age, double frailty, bool dementia);
// Chance a year that a home care package ends other than by death or a move into a care home:
// many packages are short, after an illness or a stay in hospital, and end as people recover.
inline constexpr double kHomeCareEnding = 0.8;
// Hours a week of a new home care package (median about 7.5, mean about 11, long right tail).
double DrawHomeCareHours(Rng* rng);

// The package rows of a person's care inside [entry, exit], and the referral that started a
// package begun while registered.
void AddSocialCare(const Simulation& sim, const Person& person, Rng* rng, PersonRecords* records);

}  // namespace continuum
