// A population built by hand for the finance tests: organisations, patients, registrations and
// events added one call at a time, in pounds and ISO dates, so each test reads like its worked
// example.
//
//   FinanceFixture f;
//   f.Organisation("ICO1", OrgKind::kIco);
//   f.Organisation("P1", OrgKind::kPractice, "ICO1");
//   uint32_t a = f.Patient("P1", "2020-01-01");
//   f.Event(a, "2024-04-15", Setting::kGp, "P1", 39.00);
#pragma once

#include <string_view>

#include "engine/population.h"

namespace continuum {

class FinanceFixture {
 public:
  uint32_t Organisation(std::string_view id, OrgKind kind, std::string_view parent = "");
  // A patient registered with `practice` from `registered` onwards; returns its index.
  uint32_t Patient(std::string_view practice, std::string_view registered,
                   std::string_view left = "");
  // An event of `patient` on `date` at `practice`'s list (the patient's practice); `pounds` < 0
  // leaves it uncosted.
  size_t Event(uint32_t patient, std::string_view date, Setting setting, std::string_view provider,
               double pounds, std::string_view diagnosis = "", uint16_t stay = kNoStay);
  void SetSpecialty(size_t event, std::string_view treatment_function);
  // Ends the patient's registration on `date` too.
  void Died(uint32_t patient, std::string_view date, PlaceOfDeath place);
  void Preferred(uint32_t patient, PlaceOfDeath place);
  void Born(uint32_t patient, std::string_view date, Sex sex);
  void Register(uint32_t patient, Condition condition, std::string_view onset,
                std::string_view resolved = "");
  // A measurement, or for a coded kind the index of its code (ObservationValueCodes).
  void Observe(uint32_t patient, std::string_view date, ObservationKind kind, float value);
  void SetMedicine(size_t event, std::string_view bnf_code);
  // Sets events.first_day and last_day; call once every event is added.
  const Population& Finish();

  Population population;

 private:
  std::vector<uint32_t> patient_practice_;
};

}  // namespace continuum
