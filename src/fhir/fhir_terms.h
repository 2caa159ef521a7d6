// The names FHIR R4 resources carry in Continuum's mapping (docs/fhir.md): the code systems and
// identifier systems of the NHS and HL7 that the UK Core profiles use, and Continuum's own, for
// the codes of its data model that no standard system holds (an organisation's kind, a setting, a
// registration's reasons, a referral's outcome). Export writes these and import reads them; import
// also accepts the other spellings of a system that NHS data carries (see SystemIs*).
#pragma once

#include <string_view>

namespace continuum::fhir {

// Identifier systems (NHS England).
inline constexpr std::string_view kNhsNumberSystem = "https://fhir.nhs.uk/Id/nhs-number";
inline constexpr std::string_view kOdsCodeSystem = "https://fhir.nhs.uk/Id/ods-organization-code";

// Code systems.
inline constexpr std::string_view kSnomedSystem = "http://snomed.info/sct";
inline constexpr std::string_view kIcd10System = "http://hl7.org/fhir/sid/icd-10";
inline constexpr std::string_view kOpcs4System = "http://fhir.hl7.org.uk/CodeSystem/OPCS-4";
inline constexpr std::string_view kLoincSystem = "http://loinc.org";
inline constexpr std::string_view kUcumSystem = "http://unitsofmeasure.org";
inline constexpr std::string_view kTreatmentFunctionSystem =
    "https://fhir.nhs.uk/CodeSystem/NHSDataModelAndDictionary-treatment-function";
inline constexpr std::string_view kBnfSystem = "https://fhir.nhs.uk/CodeSystem/BNF";
inline constexpr std::string_view kActCodeSystem =
    "http://terminology.hl7.org/CodeSystem/v3-ActCode";
inline constexpr std::string_view kConditionClinicalSystem =
    "http://terminology.hl7.org/CodeSystem/condition-clinical";
inline constexpr std::string_view kConditionCategorySystem =
    "http://terminology.hl7.org/CodeSystem/condition-category";

// Continuum's own code systems and extensions, under one base. They are names, never fetched.
#define CONTINUUM_FHIR_BASE "https://continuum.example/fhir"
inline constexpr std::string_view kOrgKindSystem =
    CONTINUUM_FHIR_BASE "/CodeSystem/organisation-kind";
inline constexpr std::string_view kStaffRoleSystem = CONTINUUM_FHIR_BASE "/CodeSystem/staff-role";
inline constexpr std::string_view kSettingSystem = CONTINUUM_FHIR_BASE "/CodeSystem/setting";
inline constexpr std::string_view kConditionSystem = CONTINUUM_FHIR_BASE "/CodeSystem/condition";
inline constexpr std::string_view kObservationKindSystem =
    CONTINUUM_FHIR_BASE "/CodeSystem/observation-kind";
inline constexpr std::string_view kObservationValueSystem =
    CONTINUUM_FHIR_BASE "/CodeSystem/observation-value";
inline constexpr std::string_view kEpisodeTypeSystem =
    CONTINUUM_FHIR_BASE "/CodeSystem/episode-type";
inline constexpr std::string_view kAffiliationSystem =
    CONTINUUM_FHIR_BASE "/CodeSystem/organisation-affiliation";
inline constexpr std::string_view kLsoaExtension = CONTINUUM_FHIR_BASE "/StructureDefinition/lsoa";
inline constexpr std::string_view kImdDecileExtension =
    CONTINUUM_FHIR_BASE "/StructureDefinition/imd-decile";
inline constexpr std::string_view kPlaceOfDeathExtension =
    CONTINUUM_FHIR_BASE "/StructureDefinition/place-of-death";
inline constexpr std::string_view kPreferredPlaceOfDeathExtension =
    CONTINUUM_FHIR_BASE "/StructureDefinition/preferred-place-of-death";
inline constexpr std::string_view kStartReasonExtension =
    CONTINUUM_FHIR_BASE "/StructureDefinition/registration-start-reason";
inline constexpr std::string_view kEndReasonExtension =
    CONTINUUM_FHIR_BASE "/StructureDefinition/registration-end-reason";
inline constexpr std::string_view kReferralOutcomeExtension =
    CONTINUUM_FHIR_BASE "/StructureDefinition/referral-outcome";
// On a Procedure of a prescription (which has no Encounter): the MedicationRequest it belongs to.
inline constexpr std::string_view kEventExtension =
    CONTINUUM_FHIR_BASE "/StructureDefinition/event";
inline constexpr std::string_view kSpecialtyExtension =
    CONTINUUM_FHIR_BASE "/StructureDefinition/treatment-function";
#undef CONTINUUM_FHIR_BASE

// The registration a GP list holds, as an EpisodeOfCare's type.
inline constexpr std::string_view kRegistrationEpisode = "gp-registration";
// A practice's membership of an ICO, as an OrganizationAffiliation's code.
inline constexpr std::string_view kIcoMembership = "ico-member";

}  // namespace continuum::fhir
