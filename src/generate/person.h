// One synthetic person as the simulation builds them: who they are, their latent risk, their
// conditions, their registrations and what becomes of them. Everything written to the CSV
// files about a patient is derived from this record and their own random stream.
#pragma once

#include <array>
#include <cstdint>

#include "core/date.h"
#include "generate/conditions.h"
#include "model/codes.h"

namespace continuum {

struct Registration {
  int practice = 0;  // index into World::practices
  Day start = 0;
  Day end = kNever;  // kNever while still registered
  RegistrationStart start_reason = RegistrationStart::kMoveIn;
  RegistrationEnd end_reason = RegistrationEnd::kMoveOut;
};

struct Person {
  static constexpr int kMaxRegistrations = 8;

  int64_t index = 0;  // position in the plan; patient_id = kFirstPatientId + index
  Day birth = 0;
  Sex sex = Sex::kFemale;
  int lsoa = 0;
  int decile = 5;

  // Planted latent truth: frailty drives conditions, admissions, cost and death; propensity is
  // how readily the person consults, independent of need. Both standard normal.
  double frailty = 0;
  double propensity = 0;

  ConditionDays onset{};
  ConditionDays resolved{};
  // Conditions recorded that the person does not have (planted coding intensity, selection.h):
  // written to conditions.csv from this day, never driving care. kNever where none.
  ConditionDays recorded_only = [] {
    ConditionDays days;
    days.fill(kNever);
    return days;
  }();
  int cancer_site = 0;  // index into the cancer ICD-10 codes (case_mix.h)

  // The person's registered time inside the window, one unbroken span [entry, exit].
  Day entry = 0, exit = 0;
  std::array<Registration, kMaxRegistrations> registrations{};
  int registration_count = 0;

  Day death = kNever;        // inside the window (written to deaths.csv)
  Day death_after = kNever;  // in the year after the window (never written; drives end of life)
  PlaceOfDeath place_of_death = PlaceOfDeath::kHospital;
  // PlaceOfDeath the person would prefer, -1 if none; cleared when never recorded
  // (advance_care_planning.h), so what deaths.csv shows is the last preference recorded.
  int preferred_place = -1;

  Day residential_from = kNever;  // in a care home (local authority funded) from this day
  Day home_care_from = kNever;    // receiving home care from this day
  Day home_care_until = kNever;   // last day of home care (or the day before residential care)
  double home_care_hours = 0;     // hours a week

  // Planted intervention (docs/calibration.md): whom the ICO case-manages, found by a published
  // rule (hospital_activity.cc) on the first day of a financial year after the window's first.
  bool case_managed = false;

  bool Has(Condition c, Day day) const {
    const int i = static_cast<int>(c);
    return onset[i] <= day && resolved[i] > day;
  }
  // The death that ends this person's life, inside or just after the window (kNever if none).
  Day EndOfLife() const { return death != kNever ? death : death_after; }
  // The practice the person is registered with on `day` (inside [entry, exit]).
  int PracticeOn(Day day) const {
    for (int i = registration_count - 1; i > 0; --i) {
      if (registrations[i].start <= day) return registrations[i].practice;
    }
    return registrations[0].practice;
  }
};

}  // namespace continuum
