// The roles a user of Continuum can hold, and what each may see. A role is stored by its name
// ("clinical_lead") and shown by its title ("ICO clinical lead").
//
//   auto role = ParseRole("care_coordinator");        // Role::kCareCoordinator
//   if (SeesIdentifiableData(*role)) ...              // patient rows, not only aggregates
//
// Order matters: a role's value indexes its name and title. Append, never reorder.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace continuum {

enum class Role : uint8_t {
  kAdministrator,
  kBoard,
  kClinicalLead,
  kPracticeClinician,
  kCareCoordinator,
  kCommissioner,
  kEvaluator
};
inline constexpr int kRoleCount = 7;

// "administrator", "board", "clinical_lead", "practice_clinician", "care_coordinator",
// "commissioner", "evaluator".
std::string_view RoleName(Role role);
// Every role's name, in order, separated by ", ".
std::string RoleNames();
// The role of a name; InvalidInput naming the roles there are otherwise.
Result<Role> ParseRole(std::string_view name);
// For people: "ICO clinical lead", "Commissioner analyst", ...
std::string_view RoleTitle(Role role);

// Whether the role may see patient-level rows (a practice clinician only for patients registered
// at their own practice). The others see aggregates; an administrator manages users and reads the
// audit log but sees no patient rows.
bool SeesIdentifiableData(Role role);

// The kind of organisation a user of the role belongs to, whose data they serve (an
// organisation kind's code in model/codes.h): "ico" for the board, clinical lead and care
// coordinator, "practice" for a practice clinician, "commissioner" for a commissioner's analyst;
// empty for an administrator (accounts only) and an evaluator (the whole programme).
std::string_view OrganisationKindOf(Role role);

}  // namespace continuum
