// Suspected heart failure (NICE NG106): the GP refers a breathless patient to cardiology, a
// transthoracic echocardiogram follows at the community diagnostic centre, usually within two
// weeks, and a cardiologist sees them, usually within six; heart failure is recorded at that
// review, so the register's onset moves from the first symptoms to the review day. In the
// planted practice (plants.h) the waits are about four times as long.
//
//   LiveThroughWindow(sim, index, &rng, &person);
//   AddHeartFailurePathway(sim, &rng, &person, &records);   // before anything reads the onset
#pragma once

#include "core/random.h"
#include "generate/person.h"
#include "generate/records.h"
#include "generate/simulation.h"

namespace continuum {

// OPCS-4 code of a transthoracic echocardiogram.
inline constexpr std::string_view kEchocardiogram = "U20.1";

// For a person whose heart failure begins inside the window while registered: the referral,
// echocardiogram and first specialist review, as far as they happen before the person leaves
// the list or the window ends.
void AddHeartFailurePathway(const Simulation& sim, Rng* rng, Person* person,
                            PersonRecords* records);

}  // namespace continuum
