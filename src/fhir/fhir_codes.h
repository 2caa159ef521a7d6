// How the data model's codes meet FHIR's own: a setting and an encounter's class, a referral's
// outcome and a ServiceRequest's status. (Coded observations are data:
// data/codelists/observations.csv, clinical/observation_codes.h.) Export writes
// both the standard element and Continuum's exact code; import prefers the exact code and falls
// back to the standard element for resources written by other systems (docs/fhir.md).
#pragma once

#include <optional>
#include <string_view>

#include "model/codes.h"

namespace continuum::fhir {

// The v3 ActCode an encounter of this setting is written with (AMB, EMER, IMP, SS, HH).
std::string_view EncounterClassOf(Setting setting);
// The setting an encounter of another system is read as, from its class; `at_practice` when its
// serviceProvider is a practice, `emergency` when it was an emergency admission.
std::optional<Setting> SettingOfClass(std::string_view act_code, bool at_practice, bool emergency);

// A ServiceRequest's status for a referral's outcome, and the outcome read from a status.
std::string_view ServiceRequestStatusOf(ReferralOutcome outcome);
std::optional<ReferralOutcome> OutcomeOfStatus(std::string_view status);

// The kind of an organisation of another system, from its ODS role code (the NHS Organisation Data
// Service's, as its FHIR API writes them: RO76 a GP practice, RO197 an NHS trust and RO57 a
// foundation trust, read as acute trusts, RO98 a clinical commissioning group and RO318 an
// integrated care board, read as commissioners). None for another role.
std::optional<OrgKind> OrgKindOfOdsRole(std::string_view role);
// Whether a code system is the ODS organisation roles'.
bool IsOdsRoleSystem(std::string_view system);

// Organization.type: the kind an organisation is, and its resource id in FHIR (an org_id with '_'
// written with '.', since a FHIR id allows '.' but not '_'; Continuum's ids never hold '.').
std::string ResourceIdOfKey(std::string_view key);

}  // namespace continuum::fhir
