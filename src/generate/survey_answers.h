// Answers to a patient survey's overall experience question (as in the GP Patient Survey):
// about 1.5% of adults a year answer, recorded as an `overall_experience` observation, and the
// share answering "very good" or "fairly good" follows the practice's planted quality (about 60%
// in the poorest practice, 72% in an average one, 81% in the best; GP Patient Survey 2024:
// 74% good nationally).
//
//   AddSurveyAnswers(sim, person, &rng, &records);
#pragma once

#include "core/random.h"
#include "generate/person.h"
#include "generate/records.h"
#include "generate/simulation.h"

namespace continuum {

// The chance an answer from a patient of a practice of this quality is good.
double GoodExperienceShare(double practice_quality);

void AddSurveyAnswers(const Simulation& sim, const Person& person, Rng* rng,
                      PersonRecords* records);

}  // namespace continuum
