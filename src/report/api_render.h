// The server's own JSON answers (those the reports do not already give): errors in the one
// shape every error leaves in, the signed-in user, and the audit log (JSON or CSV).
//
//   RenderApiError(403, "...")   // {"error":{"code":403,"message":"..."}}
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "security/roles.h"
#include "store/accounts.h"

namespace continuum {

std::string RenderApiError(int status, std::string_view message);
std::string RenderSignedInJson(std::string_view username, Role role, std::string_view practice,
                               std::string_view csrf_token);
std::string RenderAuditJson(std::span<const AuditEntry> entries);
std::string RenderAuditCsv(std::span<const AuditEntry> entries);

}  // namespace continuum
