#include "model/schema.h"

namespace continuum {
namespace {

using T = ColumnType;

constexpr ColumnSpec kOrganisationColumns[] = {
    {"org_id", T::kKey, true, "Organisation code (ODS-style), unique", "P91003"},
    {"name", T::kText, true, "Organisation name", "Park Medical Practice"},
    {"kind", T::kCode, true, "What the organisation is", "practice", kOrgKindCodes},
    {"parent_id", T::kKey, false,
     "The organisation it belongs to: a practice's ICO (or its commissioner, for a control "
     "practice); an ICO's commissioner",
     "ICO001"},
};

constexpr ColumnSpec kStaffColumns[] = {
    {"staff_id",
     T::kInteger,
     true,
     "Staff member's pseudonymous id, unique",
     "1042",
     {},
     1,
     INT64_MAX},
    {"org_id", T::kKey, true, "Organisation employing them", "P91003"},
    {"role", T::kCode, true, "Professional role", "gp", kStaffRoleCodes},
    {"specialty", T::kSpecialty, false, "Treatment function code, for hospital staff", "320"},
};

constexpr ColumnSpec kPatientColumns[] = {
    {"patient_id",
     T::kInteger,
     true,
     "Pseudonymous patient id, unique",
     "100001",
     {},
     1,
     INT64_MAX},
    {"nhs_number", T::kNhsNumber, true, "NHS number (10 digits, Modulus 11 check), unique",
     "9990000018"},
    {"birth_date", T::kDate, true, "Date of birth", "1948-07-05"},
    {"sex", T::kCode, true, "Sex as registered: F or M", "F", kSexCodes},
    {"lsoa", T::kLsoa, true, "Lower layer super output area of residence", "E01006074"},
    {"imd_decile",
     T::kInteger,
     true,
     "Index of Multiple Deprivation decile of the LSOA (1 = most deprived)",
     "3",
     {},
     1,
     10},
};

constexpr ColumnSpec kRegistrationColumns[] = {
    {"patient_id", T::kInteger, true, "The patient", "100001", {}, 1, INT64_MAX},
    {"practice_id", T::kKey, true, "The practice (an organisation of kind practice)", "P91003"},
    {"start_date", T::kDate, true, "First day on the list", "2015-04-01"},
    {"start_reason", T::kCode, true, "Why the registration began", "move_in",
     kRegistrationStartCodes},
    {"end_date", T::kDate, false, "Last day on the list; empty while registered", "2023-09-30"},
    {"end_reason", T::kCode, false, "Why it ended; required with end_date", "move_out",
     kRegistrationEndCodes},
};

constexpr ColumnSpec kConditionColumns[] = {
    {"patient_id", T::kInteger, true, "The patient", "100001", {}, 1, INT64_MAX},
    {"condition", T::kCode, true, "Long-term condition (disease register)", "diabetes",
     kConditionCodes},
    {"onset_date", T::kDate, true, "Date first recorded", "2019-11-14"},
    {"resolved_date", T::kDate, false, "Date recorded as resolved; empty while current", ""},
};

constexpr ColumnSpec kObservationColumns[] = {
    {"patient_id", T::kInteger, true, "The patient", "100001", {}, 1, INT64_MAX},
    {"date", T::kDate, true, "Date recorded", "2024-01-18"},
    {"kind", T::kCode, true, "What was measured or recorded", "hba1c", kObservationKindCodes},
    {"value", T::kText, true,
     "The value: hba1c in mmol/mol, blood pressure in mmHg, BMI in kg/m2, smoking status as "
     "never, ex or current; for annual_review, care_plan and care_adjustment the condition code (a "
     "care plan for palliative is an end-of-life care plan; a care adjustment excepts the patient "
     "from that condition's quality indicators for 12 months); for preferred_place_of_death a "
     "place of death code; "
     "for overall_experience a survey answer: very_good, fairly_good, neither, fairly_poor or "
     "very_poor",
     "53"},
};

constexpr ColumnSpec kActivityColumns[] = {
    {"event_id", T::kInteger, true, "Event id, unique", "5000001", {}, 1, INT64_MAX},
    {"patient_id", T::kInteger, true, "The patient", "100001", {}, 1, INT64_MAX},
    {"date", T::kDate, true, "Date of the contact, or of admission", "2024-02-06"},
    {"setting", T::kCode, true, "Setting (point of delivery)", "emergency", kSettingCodes},
    {"provider_id", T::kKey, true, "Organisation that delivered it", "RAX"},
    {"specialty", T::kSpecialty, false, "Treatment function code", "300"},
    {"diagnosis", T::kIcd10, false, "Primary diagnosis, ICD-10", "J44.1"},
    {"procedure", T::kOpcs4, false, "Main procedure, OPCS-4", ""},
    {"length_of_stay",
     T::kInteger,
     false,
     "Nights in hospital, for elective, day_case and emergency admissions (required there)",
     "4",
     {},
     0,
     3650},
    {"quantity",
     T::kInteger,
     true,
     "Units delivered: 1 for a contact; items for a prescription; hours or weeks of a social "
     "care package",
     "1",
     {},
     1,
     100000},
    {"cost", T::kPounds, false, "Cost in pounds, when known", "2214.00"},
    {"medicine", T::kBnf, false,
     "For a prescription of one medicine: its BNF code (chemical substance or presentation)",
     "0208020Z0"},
};

constexpr ColumnSpec kDeathColumns[] = {
    {"patient_id",
     T::kInteger,
     true,
     "The patient; at most one row each",
     "100001",
     {},
     1,
     INT64_MAX},
    {"date", T::kDate, true, "Date of death", "2024-05-02"},
    {"place", T::kCode, true, "Place of death", "hospital", kPlaceOfDeathCodes},
    {"preferred_place", T::kCode, false, "Preferred place of death, where recorded", "home",
     kPlaceOfDeathCodes},
};

constexpr ColumnSpec kReferralColumns[] = {
    {"referral_id", T::kInteger, true, "Referral id, unique", "700001", {}, 1, INT64_MAX},
    {"patient_id", T::kInteger, true, "The patient", "100001", {}, 1, INT64_MAX},
    {"date", T::kDate, true, "Date of referral", "2023-10-09"},
    {"from_org", T::kKey, true, "Referring organisation", "P91003"},
    {"to_org", T::kKey, true, "Organisation referred to", "RAX"},
    {"specialty", T::kSpecialty, false, "Treatment function referred to", "320"},
    {"reason", T::kIcd10, false, "Reason for referral, ICD-10", "I50.9"},
    {"outcome", T::kCode, true, "What became of it", "seen", kReferralOutcomeCodes},
};

constexpr ColumnSpec kMembershipColumns[] = {
    {"practice_id", T::kKey, true, "The member practice (an organisation of kind practice)",
     "P91003"},
    {"ico_id", T::kKey, true, "The ICO it belongs to (an organisation of kind ico)", "ICO001"},
    {"start_date", T::kDate, true, "First day as a member: the practice's go-live in the ICO",
     "2023-10-01"},
    {"end_date", T::kDate, false, "Last day as a member; empty while a member", "2024-09-30"},
};

// activity's values in a block: event_id, patient_id, date, setting, provider_id, quantity and
// cost (almost always there), diagnosis, specialty, procedure, length_of_stay, medicine.
constexpr uint8_t kActivityBlockOrder[] = {0, 1, 2, 3, 4, 9, 10, 6, 5, 7, 8, 11};

constexpr TableSpec kTables[] = {
    {TableId::kOrganisations, "organisations", "organisations.csv",
     "The commissioner, ICOs, member and control practices, trusts, social care, charities and "
     "social enterprises, and risk partners.",
     kOrganisationColumns, 1, false},
    {TableId::kStaff, "staff", "staff.csv",
     "GPs, nurses, consultants, community and social care staff, each with their organisation.",
     kStaffColumns, 1, true},
    {TableId::kPatients, "patients", "patients.csv", "One row per person ever registered.",
     kPatientColumns, 1, true},
    {TableId::kRegistrations, "registrations", "registrations.csv",
     "Periods on a practice list; a patient's periods never overlap.", kRegistrationColumns, 0,
     false},
    {TableId::kConditions, "conditions", "conditions.csv",
     "Long-term conditions (disease registers) with onset and resolution.", kConditionColumns, 3,
     false},
    {TableId::kObservations, "observations", "observations.csv",
     "Measurements and coded items (reviews, care plans, care adjustments, preferences, survey "
     "answers) recorded in "
     "primary care.",
     kObservationColumns, 0, false},
    {TableId::kActivity, "activity", "activity.csv",
     "Every contact, attendance, admission, package and prescription, in every setting.",
     kActivityColumns, 1, true, /*in_blocks=*/true, kActivityBlockOrder},
    {TableId::kDeaths, "deaths", "deaths.csv", "Deaths with place and preferred place.",
     kDeathColumns, 1, false},
    {TableId::kReferrals, "referrals", "referrals.csv",
     "Referrals between organisations, with their outcome.", kReferralColumns, 1, true},
    {TableId::kMemberships, "memberships", "memberships.csv",
     "Which ICO a practice belongs to, from which day to which day; optional. A practice with no "
     "rows here is a member of its parent ICO for all time (or of none, for a control practice); "
     "a practice with rows is a member only on their days and otherwise its commissioner's. One "
     "practice's memberships never overlap.",
     kMembershipColumns, 0, false},
};

}  // namespace

std::span<const TableSpec> Tables() { return kTables; }

const TableSpec& Table(TableId id) { return kTables[static_cast<int>(id)]; }

int ColumnIndex(const TableSpec& table, std::string_view name) {
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (table.columns[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace continuum
