// What a capitation model knows about each patient on a financial year's capitation list (those
// registered with a practice on 1 April): age/sex band and deprivation on that day, long-term
// conditions active then, utilisation markers from the year before, and the cost of their
// events in the year itself (the regression target).
//
//   CapitationFeatures f = BuildCapitationFeatures(population, population.events.cost, 2024);
//   for (size_t i = 0; i < f.size(); ++i) { TermIndices t = f.Terms(i); ... f.cost[i] ... }
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "engine/population.h"

namespace continuum {

// The catalogue of terms every capitation model draws from, in a fixed order: a term's index is
// its column in the design matrix. Each categorical group leaves out one reference level
// (age_sex:M_25-34, no prior use, imd:quintile_5 the least deprived), whose cost the intercept
// carries, so every coefficient reads as pounds a head a year above or below the reference.
inline constexpr int kAgeBandCount = 10;  // 0-4, 5-14, 15-24, ..., 75-84, 85+
inline constexpr int kPriorMarkerCount = 9;
inline constexpr int kImdQuintileTerms = 4;  // quintiles 1 (most deprived) to 4
inline constexpr int kInterceptTerm = 0;
inline constexpr int kFirstAgeSexTerm = 1;
inline constexpr int kAgeSexTerms = 2 * kAgeBandCount - 1;
inline constexpr int kFirstConditionTerm = kFirstAgeSexTerm + kAgeSexTerms;
inline constexpr int kFirstPriorTerm = kFirstConditionTerm + kConditionCount;
inline constexpr int kFirstImdTerm = kFirstPriorTerm + kPriorMarkerCount;
inline constexpr int kTermCount = kFirstImdTerm + kImdQuintileTerms;

// Prior-year markers, bit positions in CapitationFeatures::prior.
enum class PriorMarker : uint8_t {
  kEmergency1,      // exactly one emergency admission
  kEmergency2Plus,  // two or more
  kElective,        // any elective admission or day case
  kOutpatient1To3,  // outpatient attendances, first or follow-up
  kOutpatient4Plus,
  kAe1,  // one A&E attendance
  kAe2Plus,
  kSocialCare,    // any social care package
  kMentalHealth,  // any mental health contact
};

// Stable names: "intercept", "age_sex:F_85+", "condition:diabetes", "prior:emergency_2+",
// "imd:quintile_1".
const std::array<std::string, kTermCount>& CapitationTermNames();
// The index of a term name, or -1.
int FindCapitationTerm(std::string_view name);

// The active (value 1) terms of one patient, intercept first; at most 1 + 1 + 16 + 5 + 1.
struct TermIndices {
  std::array<uint8_t, 1 + 1 + kConditionCount + 5 + 1> index;
  int size = 0;
  const uint8_t* begin() const { return index.data(); }
  const uint8_t* end() const { return index.data() + size; }
};

// One row per patient on the list, as compact columns (design for a million patients: 20 bytes
// a row; the design matrix is never materialised, only its active terms).
struct CapitationFeatures {
  int year = 0;      // the target financial year Y; features come from before 1 April of Y
  Day list_day = 0;  // 1 April of Y
  std::vector<uint32_t> patient;      // population index
  std::vector<uint32_t> practice;     // organisation index on list_day
  std::vector<uint8_t> age_sex;       // band + 10 * sex (Sex), 0..19
  std::vector<uint8_t> age;           // completed years on list_day (255 and over as 255)
  std::vector<uint16_t> conditions;   // bit c set when Condition c is active on list_day
  std::vector<uint16_t> prior;        // bit m set for PriorMarker m in year Y - 1
  std::vector<uint8_t> imd_quintile;  // 1 (most deprived) .. 5; 0 when the decile is unknown
  std::vector<Pence> cost;            // cost of the patient's events in Y (the target)

  int64_t uncosted_events = 0;        // events in Y of listed patients with no cost, counted as 0
  int64_t prior_uncosted_events = 0;  // the same in Y - 1 (they still count as utilisation)
  // False when the events start after April of Y - 1 (or end before March of Y + 1): the
  // markers (or the target) then see only part of the year.
  bool prior_year_complete = true;
  bool target_year_complete = true;

  size_t size() const { return patient.size(); }
  // The patient's active terms; with age_sex_only, the intercept and age/sex band alone.
  TermIndices Terms(size_t row, bool age_sex_only = false) const;
};

// Builds the features and targets for target financial year `year`. `event_cost` is parallel to
// population.events (pence; negative means not costed, counted as 0 and reported).
// `practices`, by organisation, limits the list to those registered with a practice marked 1
// (engine/shard_plan.h's CommissionerPractices); empty: every practice.
CapitationFeatures BuildCapitationFeatures(const Population& population,
                                           std::span<const int32_t> event_cost, int year,
                                           std::span<const uint8_t> practices = {});
// The same for each target year first..last, reading the events once for them all.
std::vector<CapitationFeatures> BuildCapitationFeaturesForYears(
    const Population& population, std::span<const int32_t> event_cost, int first, int last,
    std::span<const uint8_t> practices = {});

// "0-4", "5-14", ..., "85+" for an age in completed years.
int CapitationAgeBand(int age);

}  // namespace continuum
