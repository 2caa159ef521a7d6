// The closed code lists of the data model: every categorical field in the interchange format
// takes one of these lowercase codes, and the engine stores its index.
//
//   int s = FindCode(kSettings, "emergency");   // index of Setting::kEmergency
//   kSettings[static_cast<int>(Setting::kGp)]   // "gp"
//
// Order matters: an enum's value is the index of its code. Append, never reorder.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace continuum {

using CodeList = std::span<const std::string_view>;

// Index of `code` in `list`, or -1 when it is not one of them.
int FindCode(CodeList list, std::string_view code);

enum class OrgKind : uint8_t {
  kCommissioner,
  kIco,
  kPractice,
  kAcuteTrust,
  kCommunityTrust,
  kMentalHealthTrust,
  kSocialCare,
  kCharity,
  kSocialEnterprise,
  kRiskPartner,
};
inline constexpr std::string_view kOrgKindCodes[] = {
    "commissioner",        "ico",         "practice", "acute_trust",       "community_trust",
    "mental_health_trust", "social_care", "charity",  "social_enterprise", "risk_partner"};

enum class StaffRole : uint8_t {
  kGp,
  kPracticeNurse,
  kConsultant,
  kHospitalNurse,
  kCommunityNurse,
  kAlliedHealth,
  kMentalHealthNurse,
  kSocialWorker,
  kCareWorker,
  kPharmacist,
  kPalliativeCareNurse,
};
inline constexpr std::string_view kStaffRoleCodes[] = {"gp",
                                                       "practice_nurse",
                                                       "consultant",
                                                       "hospital_nurse",
                                                       "community_nurse",
                                                       "allied_health",
                                                       "mental_health_nurse",
                                                       "social_worker",
                                                       "care_worker",
                                                       "pharmacist",
                                                       "palliative_care_nurse"};

enum class Sex : uint8_t { kFemale, kMale };
inline constexpr std::string_view kSexCodes[] = {"F", "M"};

// Settings (points of delivery) of an activity event.
enum class Setting : uint8_t {
  kGp,
  kNurse,
  kCommunity,
  kOutpatientFirst,
  kOutpatientFollowUp,
  kAe,
  kElective,
  kDayCase,
  kEmergency,
  kMentalHealth,
  kSocialCare,
  kPrescription,
  kEndOfLife,
};
inline constexpr std::string_view kSettingCodes[] = {
    "gp",          "nurse",        "community",  "op_first",  "op_followup",
    "ae",          "elective",     "day_case",   "emergency", "mental_health",
    "social_care", "prescription", "end_of_life"};
inline constexpr int kSettingCount = 13;
// Settings delivered by hospitals, counted in "hospital cost".
bool IsHospitalSetting(Setting s);
// Settings that are admissions and carry a length of stay.
bool IsAdmission(Setting s);

enum class Condition : uint8_t {
  kHypertension,
  kDiabetes,
  kAsthma,
  kCopd,
  kChd,
  kHeartFailure,
  kAf,
  kStrokeTia,
  kCkd,
  kCancer,
  kDementia,
  kDepression,
  kSmi,
  kEpilepsy,
  kHypothyroidism,
  kPalliative,
};
inline constexpr std::string_view kConditionCodes[] = {
    "hypertension",   "diabetes",  "asthma", "copd",     "chd",        "heart_failure", "af",
    "stroke_tia",     "ckd",       "cancer", "dementia", "depression", "smi",           "epilepsy",
    "hypothyroidism", "palliative"};
inline constexpr int kConditionCount = 16;

// What an observation records: measurements, and coded items recorded in the GP record (an
// annual review of a condition, a care plan for a condition, the preferred place of death, a
// personalised care adjustment excepting the patient from a condition's quality indicators).
enum class ObservationKind : uint8_t {
  kHba1c,
  kSystolicBp,
  kDiastolicBp,
  kBmi,
  kSmokingStatus,
  kAnnualReview,
  kCarePlan,
  kPreferredPlaceOfDeath,
  kOverallExperience,
  kCareAdjustment,  // a personalised care adjustment (QOF exception) for a condition's indicators
};
inline constexpr std::string_view kObservationKindCodes[] = {"hba1c",
                                                             "systolic_bp",
                                                             "diastolic_bp",
                                                             "bmi",
                                                             "smoking_status",
                                                             "annual_review",
                                                             "care_plan",
                                                             "preferred_place_of_death",
                                                             "overall_experience",
                                                             "care_adjustment"};
inline constexpr int kObservationKindCount = 10;
// A patient's answer to a survey's overall experience question (as in the GP Patient Survey).
inline constexpr std::string_view kExperienceCodes[] = {"very_good", "fairly_good", "neither",
                                                        "fairly_poor", "very_poor"};
// The code list an observation's value is taken from, or an empty list for a number.
CodeList ObservationValueCodes(ObservationKind kind);

enum class SmokingStatus : uint8_t { kNever, kEx, kCurrent };
inline constexpr std::string_view kSmokingStatusCodes[] = {"never", "ex", "current"};

enum class RegistrationStart : uint8_t { kBirth, kMoveIn };
inline constexpr std::string_view kRegistrationStartCodes[] = {"birth", "move_in"};

enum class RegistrationEnd : uint8_t { kMoveOut, kDeath, kRemoval, kEmigration };
inline constexpr std::string_view kRegistrationEndCodes[] = {"move_out", "death", "removal",
                                                             "emigration"};

enum class PlaceOfDeath : uint8_t { kHospital, kHome, kCareHome, kHospice, kOther };
inline constexpr std::string_view kPlaceOfDeathCodes[] = {"hospital", "home", "care_home",
                                                          "hospice", "other"};

enum class ReferralOutcome : uint8_t { kPending, kSeen, kDeclined, kCancelled, kDidNotAttend };
inline constexpr std::string_view kReferralOutcomeCodes[] = {"pending", "seen", "declined",
                                                             "cancelled", "did_not_attend"};

// NHS treatment function codes accepted in `specialty` fields (data/codes/specialties.csv).
bool IsKnownSpecialty(std::string_view code);

// Structural checks for classification codes (see docs/data-format.md for what is checked).
bool IsIcd10Code(std::string_view code);  // e.g. "I50.0", "I500", "J45"
bool IsOpcs4Code(std::string_view code);  // e.g. "K40.1", "K401"
bool IsLsoaCode(std::string_view code);   // e.g. "E01006074"
bool IsBnfCode(std::string_view code);    // e.g. "0208020Z0", "0208020Z0AAAAAA"

}  // namespace continuum
