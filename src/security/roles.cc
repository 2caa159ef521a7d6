#include "security/roles.h"

#include <array>
#include <string>

#include "core/quoted.h"

namespace continuum {
namespace {

constexpr std::array<std::string_view, kRoleCount> kNames = {
    "administrator",    "board",        "clinical_lead", "practice_clinician",
    "care_coordinator", "commissioner", "evaluator"};
constexpr std::array<std::string_view, kRoleCount> kTitles = {
    "Administrator",    "ICO board and finance", "ICO clinical lead",    "Practice clinician",
    "Care coordinator", "Commissioner analyst",  "Independent evaluator"};

}  // namespace

std::string_view RoleName(Role role) { return kNames[static_cast<size_t>(role)]; }

std::string_view RoleTitle(Role role) { return kTitles[static_cast<size_t>(role)]; }

std::string RoleNames() {
  std::string names;
  for (int i = 0; i < kRoleCount; ++i) names += (i ? ", " : "") + std::string(kNames[i]);
  return names;
}

Result<Role> ParseRole(std::string_view name) {
  for (int i = 0; i < kRoleCount; ++i) {
    if (kNames[i] == name) return static_cast<Role>(i);
  }
  return Status::InvalidInput(Quoted(name) + " is not a role; the roles are " + RoleNames());
}

bool SeesIdentifiableData(Role role) {
  return role == Role::kClinicalLead || role == Role::kPracticeClinician ||
         role == Role::kCareCoordinator;
}

std::string_view OrganisationKindOf(Role role) {
  switch (role) {
    case Role::kBoard:
    case Role::kClinicalLead:
    case Role::kCareCoordinator:
      return "ico";
    case Role::kPracticeClinician:
      return "practice";
    case Role::kCommissioner:
      return "commissioner";
    case Role::kAdministrator:
    case Role::kEvaluator:
      return "";
  }
  return "";
}

}  // namespace continuum
