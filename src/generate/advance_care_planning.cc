#include "generate/advance_care_planning.h"

#include <algorithm>
#include <cmath>

#include "generate/end_of_life.h"

namespace continuum {
namespace {

constexpr int kPalliative = static_cast<int>(Condition::kPalliative);

// Median days from joining the register to the care plan in an average practice; each unit of
// quality shortens it by about 30% (a poor practice takes about four weeks, a good one a week).
constexpr double kCarePlanDelay = 14, kDelayPerQuality = -0.35;
// Median days from joining the register to a preference recorded without a care plan.
constexpr double kPreferenceDelay = 21;
// Chance that a preference is recorded at the care plan rather than on another day.
constexpr double kPreferenceAtCarePlan = 0.8;
// Chance that a patient on the register states a preference (as DecideEndOfLife for deaths).
constexpr double kStatesPreference = 0.7;
// Chance that an earlier, different preference was recorded first.
constexpr double kChangedMind = 0.12;

Day Delay(Rng* rng, double median) {
  return static_cast<Day>(std::lround(rng->LogNormal(std::log(median), 0.8)));
}

}  // namespace

double CarePlanShare(double practice_quality) {
  return std::clamp(0.65 + 0.1 * practice_quality, 0.35, 0.9);
}

void AddAdvanceCarePlanning(const Simulation& sim, Rng* rng, Person* p, PersonRecords* records) {
  const Day onset = p->onset[kPalliative];
  const bool on_register = onset <= p->exit;
  if (!on_register && p->preferred_place < 0) return;
  // Something decided before the person joined the list is recorded again in their first weeks.
  auto recorded_on = [&](Day day) {
    return day >= p->entry ? day : p->entry + static_cast<Day>(rng->Below(28));
  };
  auto add = [&](Day day, ObservationKind kind, int value) {
    records->observations.push_back({day, kind, value});
  };

  Day plan = kNever;
  if (on_register) {
    const double quality = sim.practice(p->PracticeOn(std::max(onset, p->entry))).quality;
    if (rng->Chance(CarePlanShare(quality))) {
      const Day day =
          recorded_on(onset + Delay(rng, kCarePlanDelay * std::exp(kDelayPerQuality * quality)));
      if (day <= p->exit) {
        plan = day;
        add(plan, ObservationKind::kCarePlan, kPalliative);
      }
    }
  }

  if (p->death == kNever && on_register && rng->Chance(kStatesPreference)) {
    p->preferred_place = static_cast<int>(DrawPreferredPlace(p->residential_from <= p->exit, rng));
  }
  if (p->preferred_place < 0) return;
  Day day;
  if (plan != kNever && rng->Chance(kPreferenceAtCarePlan)) {
    day = plan;
  } else if (on_register) {
    day = recorded_on(onset + Delay(rng, kPreferenceDelay));
  } else {
    day = recorded_on(p->death - rng->Between(7, 180));
  }
  if (day > p->exit) {
    p->preferred_place = -1;  // the person died or left before saying so
    return;
  }
  const Day earliest = on_register ? std::max(onset, p->entry) : p->entry;
  if (day - 14 >= earliest && rng->Chance(kChangedMind)) {
    const PlaceOfDeath before = DrawPreferredPlace(p->residential_from <= earliest, rng);
    if (static_cast<int>(before) != p->preferred_place) {
      add(earliest + static_cast<Day>(rng->Below(day - 14 - earliest + 1)),
          ObservationKind::kPreferredPlaceOfDeath, static_cast<int>(before));
    }
  }
  add(day, ObservationKind::kPreferredPlaceOfDeath, p->preferred_place);
}

}  // namespace continuum
