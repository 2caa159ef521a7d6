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
// Chance that a preference is recorded: with a care plan, without one on the register, and for
// deaths off the register.
constexpr double kPreferenceWithPlan = 0.9, kPreferenceOnRegister = 0.4,
                 kPreferenceOffRegister = 0.15;
// Chance that the preference is simply where the person will die (otherwise drawn below), with
// and without a care plan: planning makes the preferred place more often the actual one.
constexpr double kMetWithPlan = 0.65, kMetWithoutPlan = 0.45;
// Chance that an earlier, different preference was recorded first.
constexpr double kChangedMind = 0.12;
// Preferred places when not simply where the person died.
constexpr PlaceShares kPreferredInCareHome = {0.10, 0.10, 0.75, 0.05, 0.0};
constexpr PlaceShares kPreferredOther = {0.12, 0.60, 0.05, 0.20, 0.03};

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
  if (!on_register && p->death == kNever) return;
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
      const Day day = recorded_on(
          onset + Delay(rng, kCarePlanDelay * std::exp(kDelayPerQuality * quality)));
      if (day <= p->exit) {
        plan = day;
        add(plan, ObservationKind::kCarePlan, kPalliative);
      }
    }
  }

  const bool planned = plan != kNever;
  if (!rng->Chance(planned       ? kPreferenceWithPlan
                   : on_register ? kPreferenceOnRegister
                                 : kPreferenceOffRegister)) {
    return;
  }
  Day day;
  if (planned && rng->Chance(0.8)) {
    day = plan;
  } else if (on_register) {
    day = recorded_on(onset + Delay(rng, 21));
  } else {
    day = recorded_on(p->death - rng->Between(7, 180));
  }
  if (day > p->exit) return;
  const Day care_home_by = p->death != kNever ? p->death : day;
  const PlaceShares& preferred =
      p->residential_from <= care_home_by ? kPreferredInCareHome : kPreferredOther;
  PlaceOfDeath place = DrawPlace(preferred, rng);
  if (p->death != kNever && p->place_of_death != PlaceOfDeath::kOther &&
      rng->Chance(planned ? kMetWithPlan : kMetWithoutPlan)) {
    place = p->place_of_death;
  }
  const Day earliest = on_register ? std::max(onset, p->entry) : p->entry;
  if (day - 14 >= earliest && rng->Chance(kChangedMind)) {
    const PlaceOfDeath before = DrawPlace(preferred, rng);
    if (before != place) {
      add(earliest + static_cast<Day>(rng->Below(day - 14 - earliest + 1)),
          ObservationKind::kPreferredPlaceOfDeath, static_cast<int>(before));
    }
  }
  add(day, ObservationKind::kPreferredPlaceOfDeath, static_cast<int>(place));
  p->preferred_place = static_cast<int>(place);
}

}  // namespace continuum
