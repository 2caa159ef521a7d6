// The care each person receives, year by year: contacts, attendances, admissions, packages and
// prescriptions in every setting, measurements, and referrals. Rates follow age, sex,
// deprivation, conditions, the person's latent risk and a lasting personal propensity per
// setting, scaled so the whole population meets the published rates. Internal to generate/.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "core/money.h"
#include "generate/world.h"

namespace continuum {

struct EventRecord {
  uint32_t person;
  Day day;
  Setting setting;
  int provider;           // organisation index
  const char* specialty;  // nullptr when none
  const char* diagnosis;
  const char* procedure;
  int32_t length_of_stay;  // -1 when not an admission
  int32_t quantity;
  Pence cost;
};

struct ObservationRecord {
  uint32_t person;
  Day day;
  ObservationKind kind;
  int32_t tenths;  // the value times ten (smoking: its SmokingStatus index)
};

struct ReferralRecord {
  uint32_t person;
  Day day;
  int from, to;  // organisation indexes
  const char* specialty;
  const char* reason;
  ReferralOutcome outcome;
};

struct CareRecords {
  std::vector<EventRecord> events;  // by person, then day
  std::vector<ObservationRecord> observations;
  std::vector<ReferralRecord> referrals;
};

// Per-setting multipliers that make the population's expected rates meet the targets.
struct CareScales {
  std::array<double, kSettingCount> setting{};
  double prescription_issues = 0;
};

CareScales CalibrateCare(const World& world, int threads);
void GenerateCare(const World& world, const CareScales& scales, uint64_t seed, size_t person,
                  CareRecords* out);

}  // namespace continuum
