// Who may use Continuum: users with a role and an Argon2id password hash, their sessions, and
// the audit log of what each was shown. All three live in the workspace (tables users, sessions
// and audit); the audit log is append-only, enforced by the database's own triggers, and each
// entry's hash is chained to the one before (store/audit_log.h).
//
//   Accounts accounts(*workspace);
//   CONTINUUM_RETURN_IF_ERROR(accounts.AddUser("asha.patel", Role::kClinicalLead, "ICO1",
//   password)); auto user = accounts.FindUser("asha.patel");   // nullopt when there is no such
//   user CONTINUUM_RETURN_IF_ERROR(accounts.AppendAudit({.username = "asha.patel", ...}));
//
// Each write is its own transaction; calling one while the workspace has a write open is an
// Internal error (writes do not nest). Like its Workspace, use it from one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "security/roles.h"
#include "store/workspace.h"

namespace continuum {

struct User {
  int64_t id = 0;
  std::string username;
  Role role = Role::kEvaluator;  // the least a role may do, until set
  // The organisation whose data the user serves (OrganisationKindOf their role): an ICO, a
  // practice or a commissioner; empty for an administrator or an evaluator.
  std::string organisation;
  bool disabled = false;
  std::string password_hash;  // security/password.h; never shown
};

// A signed-in browser. The token itself is never stored, only its digest (TokenDigest).
struct Session {
  std::string token_digest;
  int64_t user_id = 0;
  std::string csrf_token;
  int64_t created_at = 0, expires_at = 0;  // unix seconds
};

struct AuditEntry {
  int64_t id = 0;  // given by AppendAudit, in order of appending
  std::string at;  // ISO 8601 UTC to the second, "2025-03-31T14:05:09Z"
  std::string username;
  Role role = Role::kEvaluator;
  std::string endpoint;           // what was asked for
  std::vector<int64_t> patients;  // pseudonymous ids of the patients whose rows were shown
  std::string detail;
};

// Usernames are 3-64 characters of a-z, 0-9, '.', '_' and '-'; InvalidInput saying so otherwise.
Status CheckUsername(std::string_view username);

class Accounts {
 public:
  explicit Accounts(Workspace& workspace);  // not owned; must outlive this

  // Users. `organisation` (an organisation id such as ZP0001) is required for, and only allowed
  // for, the roles OrganisationKindOf names a kind for; the caller checks that it is one
  // (CheckOrganisation). InvalidInput on a taken or badly formed username, a weak password or a
  // missing or misplaced organisation.
  Status AddUser(std::string_view username, Role role, std::string_view organisation,
                 std::string_view password);
  // Moves a user to another organisation (checked as AddUser checks it); ends their sessions,
  // which carried the old one. NotFound if no such user.
  Status SetOrganisation(std::string_view username, std::string_view organisation);
  // A new password (checked for strength); ends the user's sessions. NotFound if no such user.
  Status SetPassword(std::string_view username, std::string_view password);
  // Replaces the hash of a password just verified (when NeedsRehash says its parameters are
  // old), keeping the user's sessions and the date the password was last changed. NotFound if
  // no such user.
  Status RehashPassword(std::string_view username, std::string_view password);
  // Disabling ends the user's sessions. NotFound if no such user.
  Status SetDisabled(std::string_view username, bool disabled);
  Result<std::optional<User>> FindUser(std::string_view username);
  Result<std::optional<User>> FindUserById(int64_t id);
  // Every user, by username.
  Result<std::vector<User>> ListUsers();
  // The organisation of a user with `role` must be in the workspace and of the kind the role
  // serves (OrganisationKindOf); a practice clinician's one of `member_practices` (sorted ids: the
  // practices members of an ICO on the last day of data, MemberPracticeIds in
  // engine/population.h). InvalidInput or NotFound naming `field` (where it came from) when not.
  Status CheckOrganisation(Role role, std::string_view organisation, std::string_view field,
                           std::span<const std::string> member_practices);

  // Sessions (the server keeps them in memory too; these make them survive a restart). Saving a
  // session again replaces it; saving also forgets sessions that expired before it was created.
  Status SaveSession(const Session& session);
  // Sessions with expires_at > now, oldest first.
  Result<std::vector<Session>> LiveSessions(int64_t now);
  Status DeleteSession(std::string_view token_digest);
  Status DeleteSessionsOf(int64_t user_id);

  // Appends an entry (its id is ignored and given anew); `at` is the current UTC time when empty.
  Status AppendAudit(const AuditEntry& entry);
  // Up to `limit` entries with id > after_id, in id order.
  Result<std::vector<AuditEntry>> ReadAudit(int64_t after_id, int64_t limit);

 private:
  Workspace& workspace_;
};

}  // namespace continuum
