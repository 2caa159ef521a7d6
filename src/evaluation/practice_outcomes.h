// Every outcome of an evaluation plan measured for each practice in each period, from the
// engine's columns: cost per head and activity rates over the practice's registered
// patient-years, shipped quality indicators (numerator over denominator, summed over the
// period's months), and continuity and fragmentation averaged over the practice's patients with
// contacts in the period. A value that cannot be measured (no patient-years, no denominator, no
// patient with two contacts) is NaN.
//
//   Result<PracticeOutcomes> m = MeasurePracticeOutcomes(population, practices, starts, outcomes);
//   m->value(outcome, practice, period);
#pragma once

#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/population.h"
#include "evaluation/outcome_catalogue.h"
#include "store/voice.h"

namespace continuum {

struct PracticeOutcomes {
  std::vector<uint32_t> practices;  // organisation indexes, as given
  size_t periods = 0;
  std::vector<double> patient_years;        // [practice × periods + period]
  std::vector<std::vector<double>> values;  // per outcome, [practice × periods + period]

  double value(size_t outcome, size_t practice, size_t period) const {
    return values[outcome][practice * periods + period];
  }
};

// `period_starts` holds each period's first day and then the day after the last period.
// Indicator outcomes count survey `responses` as the quality report does.
Result<PracticeOutcomes> MeasurePracticeOutcomes(const Population& population,
                                                 std::span<const uint32_t> practices,
                                                 std::span<const Day> period_starts,
                                                 std::span<const OutcomeDefinition* const> outcomes,
                                                 std::span<const VoiceResponse> responses = {});

}  // namespace continuum
