// What the API's route files share: the role sets routes allow, errors in the one JSON shape, and
// the HTTP status of a Status. For the files of src/server/ alone.
//
//   if (!body.ok()) return Error(400, body.status().message());
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "security/roles.h"
#include "server/http_message.h"

namespace continuum {

constexpr uint32_t Roles(std::initializer_list<Role> roles) {
  uint32_t mask = 0;
  for (Role r : roles) mask |= 1u << static_cast<int>(r);
  return mask;
}

// Who sees an ICO's aggregates.
inline constexpr uint32_t kAggregateRoles =
    Roles({Role::kBoard, Role::kClinicalLead, Role::kPracticeClinician, Role::kCareCoordinator,
           Role::kCommissioner, Role::kEvaluator});
// Who reads the budget, its monitor and the risk-share settlement (money, not patients).
inline constexpr uint32_t kFinanceRoles =
    Roles({Role::kBoard, Role::kClinicalLead, Role::kCommissioner, Role::kEvaluator});
inline constexpr uint32_t kIdentifiableRoles =
    Roles({Role::kClinicalLead, Role::kPracticeClinician, Role::kCareCoordinator});
// Who records patient and staff survey responses for the member practices (a practice
// clinician for their own practice only).
inline constexpr uint32_t kVoiceRoles = kIdentifiableRoles;
inline constexpr uint32_t kEveryRole = (1u << kRoleCount) - 1;

// The ICO's own people see exact aggregates; the commissioner's analysts and evaluators see
// them under disclosure control.
inline bool ExactAggregates(Role role) {
  return SeesIdentifiableData(role) || role == Role::kBoard;
}

// An error answer (a 5xx also notes its cause in the request log).
HttpResponse Error(int status, std::string_view message);
// A refusal the client may try again after `seconds`.
HttpResponse RetryLater(int status, int64_t seconds, std::string_view message);
// The HTTP status of a refusal, as core/status.h maps them: 400, 404, else 500.
int StatusHttpCode(const Status& status);
inline HttpResponse Error(const Status& status) {
  return Error(StatusHttpCode(status), status.message());
}

// "/api/icos/ICO1/quality" as {"api", "icos", "ICO1", "quality"}.
std::vector<std::string> PathSegments(std::string_view path);

}  // namespace continuum
