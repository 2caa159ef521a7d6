// The server's own JSON answers (those the reports do not already give): errors in the one
// shape every error leaves in, the signed-in user, and the audit log (JSON or CSV).
//
//   RenderApiError(403, "...")   // {"error":{"code":403,"message":"..."}}
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "security/roles.h"
#include "store/accounts.h"

namespace continuum {

std::string RenderApiError(int status, std::string_view message);
// An ICO a user may open, as GET /api/icos lists it.
struct IcoListed {
  std::string id, name;
  std::string commissioner_id, commissioner_name;  // empty when the ICO has no commissioner
  int practices = 0;                               // member practices
  bool has_contract = false;                       // the finance pages have a contract to show
};
// {"icos": [{"id", "name", "commissioner": {"id", "name"} or null, "practices", "contract"}]}.
std::string RenderIcosJson(std::span<const IcoListed> icos);

// A commissioner whose oversight a user may open, as GET /api/commissioners lists it.
struct CommissionerListed {
  std::string id, name;
  std::vector<std::string> icos;  // the ICOs it contracts, by id
};
// {"commissioners": [{"id", "name", "icos": ["ZICO1", ...]}]}.
std::string RenderCommissionersJson(std::span<const CommissionerListed> commissioners);

// An analysis plan stored in the workspace whose evaluation a user may open, as GET
// /api/evaluations lists it.
struct PlanListed {
  int64_t id = 0;  // the stored version's id: /api/evaluations/{id}
  std::string name, file_name;
  int version = 0;
  std::vector<std::string> pilots;  // the ICOs it evaluates, by id
};
// {"plans": [{"id", "name", "file", "version", "pilots": ["ZICO1", ...]}]}.
std::string RenderPlansJson(std::span<const PlanListed> plans);

// The signed-in user: name, role and its title, organisation (and, for a practice clinician,
// their practice), whether the role sees patients one by one, the web app's pages they may open
// (by path) and the CSRF token.
std::string RenderSignedInJson(std::string_view username, Role role, std::string_view organisation,
                               std::span<const std::string> pages, std::string_view csrf_token);
std::string RenderAuditJson(std::span<const AuditEntry> entries);
std::string RenderAuditCsv(std::span<const AuditEntry> entries);

}  // namespace continuum
