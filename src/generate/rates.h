// Expected activity: how often a person uses each service in a year, from their age, sex,
// deprivation, conditions, care needs and latent risk. The shapes are written here; the levels
// are set once per run so that England's population (a reference sample drawn with the same
// models) averages exactly the rates per 1,000 in targets.csv, less the share that arises
// elsewhere (readmissions, A&E before admissions, the last year of life).
//
//   const RateModel& rates = ...;
//   double gp = rates.Expected(Driver::kGp, DescribeYear(person, mid_year, quality));
#pragma once

#include <array>

#include "generate/age_structure.h"
#include "generate/conditions.h"
#include "generate/person.h"
#include "generate/targets.h"

namespace continuum {

// The age bands the activity shapes use: 0-4, 5-14, 15-24, 25-44, 45-64, 65-74, 75-84, 85+.
int AgeBand(int age);

// What drives a person's expected activity in a year, taken on one day of it.
struct PersonYear {
  int age = 0;
  Sex sex = Sex::kFemale;
  int decile = 5;
  double frailty = 0, propensity = 0;
  std::array<bool, kConditionCount> has{};
  int conditions = 0;  // registers held, palliative care aside
  int reviewable = 0;  // registers with nurse-led reviews (diabetes, asthma, COPD, CVD, CKD)
  bool residential = false, home_care = false;
  double practice_quality = 0;  // lowers ACSC admissions
};

PersonYear DescribeYear(const Person& person, Day day, double practice_quality);

enum class Driver : uint8_t {
  kGp,
  kNurse,
  kCommunity,
  kOutpatientFirst,
  kAe,         // A&E attendances that do not lead to admission
  kEmergency,  // emergency admissions before readmissions and the last year of life
  kElective,
  kDayCase,       // before chemotherapy
  kMentalHealth,  // mental health contacts
  kMedicines,     // regular medicines (items on each repeat issue)
  kAcuteIssues,   // one-off prescriptions
};
inline constexpr int kDriverCount = 11;

// Repeat prescriptions: every 28 days for four or more regular medicines (and in care homes),
// else every 56; a share of issues is never collected.
inline constexpr int kMonthlyRepeatFrom = 4;
inline constexpr double kRepeatAdherence = 0.92;
inline constexpr double kItemsPerAcuteIssue = 1.35;
// Share of emergency admissions that arrive through A&E (and count as A&E attendances too).
inline constexpr double kEmergencyThroughAe = 0.72;

class RateModel {
 public:
  RateModel(const ConditionModel& conditions, const AgeSexTable& england,
            const CalibrationTargets& targets);

  // Expected events a year (kMedicines: the mean number of regular medicines).
  double Expected(Driver driver, const PersonYear& year) const {
    return scale_[static_cast<int>(driver)] * Relative(driver, year);
  }
  // The relative rate before calibration.
  static double Relative(Driver driver, const PersonYear& year);
  // Emergency admission weights: [kConditionCount] per active condition, the general share is
  // 1. Returns their sum (the factor Relative(kEmergency) applies).
  static double EmergencyWeights(const PersonYear& year, double* weights);

 private:
  std::array<double, kDriverCount> scale_{};
};

}  // namespace continuum
