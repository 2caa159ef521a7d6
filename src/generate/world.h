// The generator's picture of the world before it is written out: organisations, practices
// with their neighbourhoods, and every person with the latent risk that drives their care.
// Internal to generate/.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/date.h"
#include "model/codes.h"

namespace continuum {

struct Organisation {
  std::string id, name;
  OrgKind kind;
  int parent = -1;  // index into World::organisations
};

struct StaffMember {
  int organisation;
  StaffRole role;
  std::string specialty;
};

struct Lsoa {
  std::string code;
  int decile;  // IMD decile, 1 = most deprived
};

struct Practice {
  int organisation;               // index into World::organisations
  int ico;                        // index of its ICO, -1 for a control practice
  int64_t list_size;              // registered at the start of the data
  double admission_factor = 1.0;  // planted practice-level variation in emergency admissions
  double mean_decile = 5.5;       // where its patients live
  double age_tilt = 0;            // > 0: an older list than the area's, < 0: a younger one
  int centre_lsoa = 0;            // with an area: the LSOA (in code order) it serves most
};

struct Period {
  Day start, end;  // end is kNeverEnds while registered
  int practice;
  RegistrationStart start_reason;
  RegistrationEnd end_reason;
};
inline constexpr Day kNeverEnds = INT32_MAX;

struct Person {
  Day birth;
  bool female;
  int lsoa;
  int decile;
  double risk;  // latent health risk (standard normal and above: the frailer, the higher)
  std::array<Day, kConditionCount> onset;  // kNeverEnds when the person never has it
  std::vector<Period> periods;
  Day death = kNeverEnds;
  PlaceOfDeath place = PlaceOfDeath::kHospital;
  int preferred_place = -1;  // PlaceOfDeath, or -1 when not recorded

  bool Has(Condition c, Day on) const { return onset[static_cast<int>(c)] <= on; }
  Day FirstDay() const { return periods.front().start; }
  Day LastDay() const { return periods.back().end; }
};

struct World {
  Day window_start, window_end;  // the days with care
  std::vector<Organisation> organisations;
  std::vector<StaffMember> staff;
  std::vector<Lsoa> lsoas;
  std::vector<Practice> practices;
  int commissioner = 0;
  // Providers, as indexes into organisations.
  int acute = 0, community = 0, mental_health = 0, social_care = 0, hospice = 0,
      nursing_enterprise = 0, risk_partner = 0;
  std::vector<Person> people;
};

}  // namespace continuum
