// Annual reviews of long-term conditions (the QOF's reviews of asthma, COPD, diabetes, heart
// failure, dementia, serious mental illness, ...): about once a year, near the same time each
// year, recorded as an `annual_review` observation naming the condition. Whether a year's
// review happens depends on the practice's planted quality (COPD: about 74% in a poor practice,
// 84% in an average one, 90% in a good one).
//
//   AddAnnualReviews(sim, person, &rng, &records);
#pragma once

#include "core/random.h"
#include "generate/person.h"
#include "generate/records.h"
#include "generate/simulation.h"

namespace continuum {

// The share of a register's patients a practice of this quality reviews in a year; 0 for
// registers without an annual review.
double AnnualReviewShare(Condition condition, double practice_quality);

void AddAnnualReviews(const Simulation& sim, const Person& person, Rng* rng,
                      PersonRecords* records);

}  // namespace continuum
