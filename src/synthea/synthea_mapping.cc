#include "synthea/synthea_mapping.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace continuum {
namespace {

constexpr SyntheaMapping kMappings[] = {
    {TableId::kOrganisations, "organizations.csv", "org_id", "Id", ""},
    {TableId::kOrganisations, "organizations.csv", "name", "NAME", ""},
    {TableId::kOrganisations, "organizations.csv", "kind", "",
     "acute_trust for an organisation with an inpatient, emergency or urgentcare encounter; "
     "practice otherwise"},
    {TableId::kOrganisations, "organizations.csv", "parent_id", "",
     "the ICO (--synthea-ico) for a practice; none for a trust"},
    {TableId::kStaff, "providers.csv", "staff_id", "", "numbered in file order"},
    {TableId::kStaff, "providers.csv", "org_id", "ORGANIZATION", ""},
    {TableId::kStaff, "providers.csv", "role", "",
     "SPECIALITY: GENERAL PRACTICE is gp, others consultant"},
    {TableId::kStaff, "providers.csv", "specialty", "", "none"},
    {TableId::kPatients, "patients.csv", "patient_id", "", "numbered in file order"},
    {TableId::kPatients, "patients.csv", "nhs_number", "",
     "a synthetic number of the 999 test range, from 999 999 999x down"},
    {TableId::kPatients, "patients.csv", "birth_date", "BIRTHDATE", ""},
    {TableId::kPatients, "patients.csv", "sex", "GENDER", ""},
    {TableId::kPatients, "patients.csv", "lsoa", "", "--synthea-lsoa (default E01000001)"},
    {TableId::kPatients, "patients.csv", "imd_decile", "", "--synthea-imd (default 5)"},
    {TableId::kDeaths, "patients.csv", "patient_id", "Id", ""},
    {TableId::kDeaths, "patients.csv", "date", "DEATHDATE", ""},
    {TableId::kDeaths, "patients.csv", "place", "", "other (Synthea records none)"},
    {TableId::kDeaths, "patients.csv", "preferred_place", "", "none"},
    {TableId::kRegistrations, "patients.csv", "patient_id", "Id", ""},
    {TableId::kRegistrations, "patients.csv", "practice_id", "",
     "the practice of most of the patient's wellness and ambulatory encounters"},
    {TableId::kRegistrations, "patients.csv", "start_date", "BIRTHDATE", ""},
    {TableId::kRegistrations, "patients.csv", "start_reason", "", "birth"},
    {TableId::kRegistrations, "patients.csv", "end_date", "DEATHDATE", ""},
    {TableId::kRegistrations, "patients.csv", "end_reason", "", "death, with DEATHDATE"},
    {TableId::kConditions, "conditions.csv", "patient_id", "PATIENT", ""},
    {TableId::kConditions, "conditions.csv", "condition", "CODE",
     "a SNOMED CT code, through the codelists"},
    {TableId::kConditions, "conditions.csv", "onset_date", "START", ""},
    {TableId::kConditions, "conditions.csv", "resolved_date", "STOP", ""},
    {TableId::kObservations, "observations.csv", "patient_id", "PATIENT", ""},
    {TableId::kObservations, "observations.csv", "date", "DATE", ""},
    {TableId::kObservations, "observations.csv", "kind", "CODE",
     "a LOINC code, through data/codelists/observations.csv"},
    {TableId::kObservations, "observations.csv", "value", "VALUE",
     "in UNITS, converted to Continuum's unit (HbA1c % to mmol/mol)"},
    {TableId::kActivity, "encounters.csv", "event_id", "", "numbered in file order"},
    {TableId::kActivity, "encounters.csv", "patient_id", "PATIENT", ""},
    {TableId::kActivity, "encounters.csv", "date", "START", ""},
    {TableId::kActivity, "encounters.csv", "setting", "ENCOUNTERCLASS", ""},
    {TableId::kActivity, "encounters.csv", "provider_id", "ORGANIZATION", ""},
    {TableId::kActivity, "encounters.csv", "specialty", "", "none"},
    {TableId::kActivity, "encounters.csv", "diagnosis", "", "none (REASONCODE is SNOMED CT)"},
    {TableId::kActivity, "encounters.csv", "procedure", "",
     "none (procedures.csv codes are SNOMED CT, not OPCS-4)"},
    {TableId::kActivity, "encounters.csv", "length_of_stay", "STOP",
     "days from START to STOP, for admissions"},
    {TableId::kActivity, "encounters.csv", "quantity", "", "1"},
    {TableId::kActivity, "encounters.csv", "cost", "BASE_ENCOUNTER_COST",
     "plus the BASE_COST of its procedures"},
    {TableId::kActivity, "encounters.csv", "medicine", "", "none"},
    {TableId::kActivity, "medications.csv", "event_id", "", "numbered after the encounters"},
    {TableId::kActivity, "medications.csv", "patient_id", "PATIENT", ""},
    {TableId::kActivity, "medications.csv", "date", "START", ""},
    {TableId::kActivity, "medications.csv", "setting", "", "prescription"},
    {TableId::kActivity, "medications.csv", "provider_id", "", "the ORGANIZATION of its ENCOUNTER"},
    {TableId::kActivity, "medications.csv", "quantity", "DISPENSES", ""},
    {TableId::kActivity, "medications.csv", "cost", "TOTALCOST", ""},
    {TableId::kActivity, "medications.csv", "medicine", "", "none (CODE is RxNorm, not BNF)"},
};

}  // namespace

std::span<const SyntheaMapping> SyntheaMappings() { return kMappings; }

std::string_view SyntheaColumnOf(TableId table, std::string_view file, std::string_view column) {
  for (const SyntheaMapping& m : kMappings) {
    if (m.table == table && m.file == file && m.column == column && !m.synthea.empty()) {
      return m.synthea;
    }
  }
  return column;
}

std::optional<Setting> SettingOfSyntheaClass(std::string_view klass, bool at_practice,
                                             bool after_emergency) {
  if (klass == "wellness" || klass == "virtual") return Setting::kGp;
  if (klass == "ambulatory") return at_practice ? Setting::kGp : Setting::kOutpatientFirst;
  if (klass == "outpatient") return Setting::kOutpatientFollowUp;
  if (klass == "emergency" || klass == "urgentcare") return Setting::kAe;
  if (klass == "inpatient") return after_emergency ? Setting::kEmergency : Setting::kElective;
  if (klass == "home" || klass == "snf") return Setting::kCommunity;
  if (klass == "hospice") return Setting::kEndOfLife;
  return std::nullopt;
}

std::string_view StaffRoleOfSpeciality(std::string_view speciality) {
  return speciality == "GENERAL PRACTICE" ? "gp" : "consultant";
}

std::string SmokingStatusOfText(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower.find("never") != std::string::npos) return "never";
  if (lower.find("former") != std::string::npos || lower.find("ex-smoker") != std::string::npos) {
    return "ex";
  }
  if (lower.find("current") != std::string::npos || lower.find("smokes") != std::string::npos ||
      lower.find("every day") != std::string::npos || lower.find("some day") != std::string::npos) {
    return "current";
  }
  return {};
}

}  // namespace continuum
