// A population built by hand for the pathway tests: the finance fixture's organisations,
// patients and events, with conditions, observations, referrals, procedures and preferred
// places of death added one call at a time, in ISO dates and codes as written in the files.
//
//   PathwayFixture f;
//   ...organisations and patients as in FinanceFixture...
//   f.Referral(a, "2024-05-01", "P1", "RA", "320", "I50.9");
//   f.Observation(a, "2024-05-02", ObservationKind::kHba1c, 53);
#pragma once

#include "finance/finance_fixture.h"

namespace continuum {

class PathwayFixture : public FinanceFixture {
 public:
  void Condition(uint32_t patient, continuum::Condition condition, std::string_view onset,
                 std::string_view resolved = "");
  // A measurement, or a coded observation's value given by its code ("diabetes", "home").
  void Observation(uint32_t patient, std::string_view date, ObservationKind kind, double value);
  void Observation(uint32_t patient, std::string_view date, ObservationKind kind,
                   std::string_view code);
  void Referral(uint32_t patient, std::string_view date, std::string_view from, std::string_view to,
                std::string_view specialty, std::string_view reason);
  // An event with a specialty and a procedure, at no cost.
  size_t Activity(uint32_t patient, std::string_view date, Setting setting,
                  std::string_view provider, std::string_view specialty,
                  std::string_view procedure = "", uint16_t stay = kNoStay);
  void PreferredPlace(uint32_t patient, PlaceOfDeath place);
};

}  // namespace continuum
