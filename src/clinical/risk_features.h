// What the emergency-admission risk model knows about each patient on an index day, in the
// manner of the Combined Predictive Model (Wennberg et al., King's Fund 2006): who is on the
// ICO's member lists that day, their age, sex, deprivation, long-term condition registers,
// Charlson conditions coded in the two years before, and their use of each service in the year
// before (emergency admissions also in the year before that); and, when asked, the outcome: at
// least one emergency admission in the 12 months from the index day. Coverage says who was on
// the lists, who was scored and who was left out and why.
//
//   RiskFeatures f = BuildRiskFeatures(population, scope.member, FinancialYearStart(2024),
//                                      RiskOutcome::kMeasure);
//   f.Count(row, RiskCount::kEmergency), f.outcome[row], f.coverage.excluded_left
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "core/date.h"
#include "engine/population.h"

namespace continuum {

// Counts of earlier activity, each over the 12 months before the index day unless it says
// otherwise; RiskFeatures::Count(row, kind) reads one.
enum class RiskCount : uint8_t {
  kEmergency,            // emergency admissions
  kEmergencyYearBefore,  // emergency admissions 13 to 24 months before
  kRecentEmergency,      // emergency admissions in the last 3 months
  kAe,                   // A&E attendances
  kOutpatientFirst,      // first outpatient attendances
  kOutpatientFollowUp,   // follow-up outpatient attendances
  kElective,             // elective admissions and day cases
  kBedDays,              // days in hospital: the stays of every admission that began then
  kGp,                   // GP consultations
  kNurse,                // practice nurse contacts
  kCommunity,            // community contacts
  kMentalHealth,         // mental health contacts
  kSocialCare,           // social care packages
  kPrescriptionItems,    // prescription items (the quantity of prescription events)
};
inline constexpr int kRiskCountKinds = 14;

// Who was on the lists on the index day and what became of them.
struct RiskCoverage {
  int64_t registered = 0;   // on a member practice's list on the index day
  int64_t scored = 0;       // rows of the features (registered less the excluded)
  int64_t new_to_list = 0;  // scored and flagged new to the list (see new_to_list below)
  // With an outcome measured:
  int64_t admitted = 0;       // scored with an emergency admission in the outcome year
  int64_t died = 0;           // scored who died in the outcome year (kept: see below)
  int64_t died_admitted = 0;  // of whom admitted before dying
  int64_t left_admitted = 0;  // left the member lists, admitted before leaving (kept)
  int64_t excluded_left = 0;  // left the member lists without an admission: outcome unknown
};

enum class RiskOutcome : uint8_t { kNone, kMeasure };

struct RiskFeatures {
  Day index_day = 0;
  std::vector<uint32_t> patient;    // population index
  std::vector<uint32_t> practice;   // organisation index on the index day
  std::vector<uint8_t> age;         // completed years on the index day, capped at 255
  std::vector<uint8_t> sex;         // Sex
  std::vector<uint8_t> imd_decile;  // 1 (most deprived) .. 10; 0 when unknown
  std::vector<uint16_t> registers;  // bit c: Condition c on its register the day before
  std::vector<uint32_t> charlson;   // bit k: Charlson condition k coded in the 24 months before
  std::vector<std::array<uint16_t, kRiskCountKinds>> counts;  // saturating at 65,535
  // 1: on the member lists for less than the 12 months looked back on, and born before them
  // (so that babies, whose whole history is in the data, are not flagged).
  std::vector<uint8_t> new_to_list;
  // 1 when the patient had an emergency admission between the index day and the end of the
  // outcome year (or their death, or leaving); empty when no outcome was asked for.
  std::vector<uint8_t> outcome;
  RiskCoverage coverage;
  // Whether the events reach back 12 (24) months before the index day, and forward to the end
  // of the outcome year: when not, the counts (or outcomes) see only part of their period.
  bool history_complete = true, year_before_complete = true, outcome_complete = true;

  size_t size() const { return patient.size(); }
  int Count(size_t row, RiskCount kind) const { return counts[row][static_cast<int>(kind)]; }
};

// The features of everyone registered on `index_day` with a practice marked in
// `member_practice` (by organisation index, 1 for a member).
//
// With RiskOutcome::kMeasure the outcome year runs from the index day for 12 months. Patients
// who die in it are kept (an admission before death counts; many deaths follow one). Patients
// who leave the member lists in it (a move, a removal, emigration, with no member registration
// following on) are kept when admitted before leaving and otherwise excluded, since whether
// they would have been admitted is not known; coverage counts both.
RiskFeatures BuildRiskFeatures(const Population& population,
                               std::span<const uint8_t> member_practice, Day index_day,
                               RiskOutcome outcome);

}  // namespace continuum
