#include "store/accounts.h"

#include <algorithm>
#include <charconv>

#include "core/quoted.h"
#include "security/password.h"
#include "store/audit_log.h"
#include "store/bound_statement.h"

namespace continuum {
namespace {

// The role stored in a column of the current row; Corrupt, naming `whose` it is, if unknown.
Result<Role> StoredRole(const Statement& row, int column, const std::string& whose) {
  auto role = ParseRole(row.Text(column));
  if (!role.ok()) {
    return Status::Corrupt(whose + " has an unknown role " + Quoted(row.Text(column)) +
                           " in the workspace");
  }
  return role;
}

constexpr std::string_view kSelectUsers =
    "SELECT id, username, role, organisation, disabled, password_hash FROM users ";

Result<std::vector<User>> SelectUsers(Workspace& workspace, std::string_view condition,
                                      std::initializer_list<BoundValue> values) {
  auto statement = Bound(workspace, std::string(kSelectUsers) + std::string(condition), values);
  if (!statement.ok()) return statement.status();
  std::vector<User> users;
  while ((*statement)->NextRow()) {
    User& user = users.emplace_back();
    user.id = (*statement)->Int(0);
    user.username = (*statement)->Text(1);
    auto role = StoredRole(**statement, 2, "user " + Quoted(user.username));
    if (!role.ok()) return role.status();
    user.role = *role;
    user.organisation = (*statement)->Text(3);
    user.disabled = (*statement)->Int(4) != 0;
    user.password_hash = (*statement)->Text(5);
  }
  if (!(*statement)->status().ok()) return (*statement)->status();
  return users;
}

Result<std::optional<User>> SelectOneUser(Workspace& workspace, std::string_view condition,
                                          BoundValue value) {
  auto users = SelectUsers(workspace, condition, {value});
  if (!users.ok()) return users.status();
  if (users->empty()) return std::optional<User>();
  return std::optional<User>(std::move(users->front()));
}

// The id of a user, or NotFound.
Result<int64_t> UserId(Workspace& workspace, std::string_view username) {
  auto user = SelectOneUser(workspace, "WHERE username = ?", username);
  if (!user.ok()) return user.status();
  if (!user->has_value()) {
    return Status::NotFound("there is no user " + Quoted(username));
  }
  return (*user)->id;
}

// What a role's organisation is, for messages: "an ICO", "a practice", "a commissioner".
std::string KindWords(std::string_view kind) {
  return kind == "ico" ? "an ICO" : "a " + std::string(kind);
}

// An organisation where the role needs one, none where it does not.
Status CheckOrganisationShape(Role role, std::string_view organisation) {
  const std::string_view kind = OrganisationKindOf(role);
  if (!kind.empty() && organisation.empty()) {
    return Status::InvalidInput("a user with role " + std::string(RoleName(role)) + " needs " +
                                KindWords(kind) + ": the organisation id of " + KindWords(kind) +
                                " whose data they serve");
  }
  if (kind.empty() && !organisation.empty()) {
    return Status::InvalidInput(
        "a user with role " + std::string(RoleName(role)) + " belongs to no organisation (" +
        (role == Role::kEvaluator ? "an evaluator sees the whole programme"
                                  : "an administrator manages accounts only") +
        "); leave it out");
  }
  return Status::Ok();
}

std::string JoinPatients(const std::vector<int64_t>& patients) {
  std::string text;
  for (const int64_t patient : patients) {
    if (!text.empty()) text += ' ';
    text += std::to_string(patient);
  }
  return text;
}

Result<std::vector<int64_t>> SplitPatients(std::string_view text, int64_t entry) {
  std::vector<int64_t> patients;
  const char* at = text.data();
  const char* const end = text.data() + text.size();
  while (at < end) {
    if (*at == ' ') {
      ++at;
      continue;
    }
    int64_t patient = 0;
    const auto [next, error] = std::from_chars(at, end, patient);
    if (error != std::errc() || (next < end && *next != ' ')) {
      return Status::Corrupt("audit entry " + std::to_string(entry) +
                             " has a damaged patient list " + Quoted(text));
    }
    patients.push_back(patient);
    at = next;
  }
  return patients;
}

}  // namespace

Status CheckUsername(std::string_view username) {
  bool valid = username.size() >= 3 && username.size() <= 64;
  for (const char c : username) {
    valid &= (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  }
  if (valid) return Status::Ok();
  return Status::InvalidInput(Quoted(username) +
                              " is not a valid username: use 3 to 64 characters of a-z, 0-9, "
                              "'.', '_' and '-'");
}

Accounts::Accounts(Workspace& workspace) : workspace_(workspace) {}

Status Accounts::AddUser(std::string_view username, Role role, std::string_view organisation,
                         std::string_view password) {
  CONTINUUM_RETURN_IF_ERROR(CheckUsername(username));
  CONTINUUM_RETURN_IF_ERROR(CheckOrganisationShape(role, organisation));
  CONTINUUM_RETURN_IF_ERROR(CheckPasswordStrength(password));
  auto hash = HashPassword(password);
  if (!hash.ok()) return hash.status();
  return InOneWrite(workspace_, [&] {
    Status status = Execute(workspace_,
                            "INSERT INTO users (username, role, organisation, password_hash) "
                            "VALUES (?, ?, ?, ?)",
                            {username, RoleName(role), organisation, *hash});
    if (status.code() == StatusCode::kInvalidInput) {
      return Status::InvalidInput("user " + Quoted(username) + " already exists");
    }
    return status;
  });
}

Status Accounts::SetPassword(std::string_view username, std::string_view password) {
  CONTINUUM_RETURN_IF_ERROR(CheckPasswordStrength(password));
  auto id = UserId(workspace_, username);
  if (!id.ok()) return id.status();
  auto hash = HashPassword(password);
  if (!hash.ok()) return hash.status();
  return InOneWrite(workspace_, [&] {
    CONTINUUM_RETURN_IF_ERROR(Execute(workspace_,
                                      "UPDATE users SET password_hash = ?, "
                                      "password_changed_at = datetime('now') WHERE id = ?",
                                      {*hash, *id}));
    return Execute(workspace_, "DELETE FROM sessions WHERE user_id = ?", {*id});
  });
}

Status Accounts::RehashPassword(std::string_view username, std::string_view password) {
  auto id = UserId(workspace_, username);
  if (!id.ok()) return id.status();
  auto hash = HashPassword(password);
  if (!hash.ok()) return hash.status();
  return InOneWrite(workspace_, [&] {
    return Execute(workspace_, "UPDATE users SET password_hash = ? WHERE id = ?", {*hash, *id});
  });
}

Status Accounts::SetDisabled(std::string_view username, bool disabled) {
  auto id = UserId(workspace_, username);
  if (!id.ok()) return id.status();
  return InOneWrite(workspace_, [&] {
    CONTINUUM_RETURN_IF_ERROR(Execute(workspace_, "UPDATE users SET disabled = ? WHERE id = ?",
                                      {int64_t{disabled}, *id}));
    if (!disabled) return Status::Ok();
    return Execute(workspace_, "DELETE FROM sessions WHERE user_id = ?", {*id});
  });
}

Result<std::optional<User>> Accounts::FindUser(std::string_view username) {
  return SelectOneUser(workspace_, "WHERE username = ?", username);
}

Result<std::optional<User>> Accounts::FindUserById(int64_t id) {
  return SelectOneUser(workspace_, "WHERE id = ?", id);
}

Result<std::vector<User>> Accounts::ListUsers() {
  return SelectUsers(workspace_, "ORDER BY username", {});
}

Status Accounts::SaveSession(const Session& session) {
  return InOneWrite(workspace_, [&] {
    CONTINUUM_RETURN_IF_ERROR(
        Execute(workspace_, "DELETE FROM sessions WHERE expires_at <= ?", {session.created_at}));
    return Execute(workspace_, "INSERT OR REPLACE INTO sessions VALUES (?, ?, ?, ?, ?)",
                   {session.token_digest, session.user_id, session.csrf_token, session.created_at,
                    session.expires_at});
  });
}

Result<std::vector<Session>> Accounts::LiveSessions(int64_t now) {
  auto statement = Bound(workspace_,
                         "SELECT token_digest, user_id, csrf_token, created_at, expires_at "
                         "FROM sessions WHERE expires_at > ? ORDER BY created_at, token_digest",
                         {now});
  if (!statement.ok()) return statement.status();
  std::vector<Session> sessions;
  while ((*statement)->NextRow()) {
    sessions.push_back({std::string((*statement)->Text(0)), (*statement)->Int(1),
                        std::string((*statement)->Text(2)), (*statement)->Int(3),
                        (*statement)->Int(4)});
  }
  if (!(*statement)->status().ok()) return (*statement)->status();
  return sessions;
}

Status Accounts::DeleteSession(std::string_view token_digest) {
  return InOneWrite(workspace_, [&] {
    return Execute(workspace_, "DELETE FROM sessions WHERE token_digest = ?", {token_digest});
  });
}

Status Accounts::DeleteSessionsOf(int64_t user_id) {
  return InOneWrite(workspace_, [&] {
    return Execute(workspace_, "DELETE FROM sessions WHERE user_id = ?", {user_id});
  });
}

Status Accounts::AppendAudit(const AuditEntry& entry) {
  const std::string patients = JoinPatients(entry.patients);
  return InOneWrite(workspace_, [&] {
    const StoredAuditEntry stored{.at = entry.at,
                                  .username = entry.username,
                                  .role = std::string(RoleName(entry.role)),
                                  .endpoint = entry.endpoint,
                                  .patients = patients,
                                  .detail = entry.detail};
    return AppendAuditEntry(workspace_, stored);
  });
}

Result<std::vector<AuditEntry>> Accounts::ReadAudit(int64_t after_id, int64_t limit) {
  auto statement = Bound(workspace_,
                         "SELECT id, at, username, role, endpoint, patients, detail FROM audit "
                         "WHERE id > ? ORDER BY id LIMIT ?",
                         {after_id, limit});
  if (!statement.ok()) return statement.status();
  std::vector<AuditEntry> entries;
  while ((*statement)->NextRow()) {
    AuditEntry& entry = entries.emplace_back();
    entry.id = (*statement)->Int(0);
    entry.at = (*statement)->Text(1);
    entry.username = (*statement)->Text(2);
    auto role = StoredRole(**statement, 3, "audit entry " + std::to_string(entry.id));
    if (!role.ok()) return role.status();
    entry.role = *role;
    entry.endpoint = (*statement)->Text(4);
    auto patients = SplitPatients((*statement)->Text(5), entry.id);
    if (!patients.ok()) return patients.status();
    entry.patients = std::move(*patients);
    entry.detail = (*statement)->Text(6);
  }
  if (!(*statement)->status().ok()) return (*statement)->status();
  return entries;
}

Status Accounts::CheckOrganisation(Role role, std::string_view organisation, std::string_view field,
                                   std::span<const std::string> member_practices) {
  const std::string where(field);
  const std::string_view kind = OrganisationKindOf(role);
  if (Status shape = CheckOrganisationShape(role, organisation); !shape.ok())
    return Status::InvalidInput(where + ": " + shape.message());
  if (kind.empty()) return Status::Ok();
  std::vector<std::string> candidates;
  if (kind == "practice") {
    candidates.assign(member_practices.begin(), member_practices.end());
  } else {
    auto statement = Bound(
        workspace_, "SELECT org_id FROM organisations WHERE kind = ? ORDER BY org_id", {kind});
    if (!statement.ok()) return statement.status();
    while ((*statement)->NextRow()) candidates.emplace_back((*statement)->Text(0));
    if (!(*statement)->status().ok()) return (*statement)->status();
  }
  if (std::binary_search(candidates.begin(), candidates.end(), organisation)) return Status::Ok();
  const std::string what = kind == "practice" ? "a member practice of an ICO" : KindWords(kind);
  if (candidates.empty()) {
    return Status::NotFound(where + " " + Quoted(organisation) + ": the workspace has no " +
                            (kind == "practice" ? "member practices" : std::string(kind) + "s") +
                            " yet; import the organisations first");
  }
  std::string names;
  for (size_t k = 0; k < candidates.size() && k < 20; ++k) names += (k ? ", " : "") + candidates[k];
  if (candidates.size() > 20) names += ", ...";
  return Status::NotFound(where + " " + Quoted(organisation) + ": not " + what +
                          " in this workspace (they are " + names + ")");
}

Status Accounts::SetOrganisation(std::string_view username, std::string_view organisation) {
  auto user = SelectOneUser(workspace_, "WHERE username = ?", username);
  if (!user.ok()) return user.status();
  if (!user->has_value()) return Status::NotFound("there is no user " + Quoted(username));
  CONTINUUM_RETURN_IF_ERROR(CheckOrganisationShape((*user)->role, organisation));
  return InOneWrite(workspace_, [&] {
    CONTINUUM_RETURN_IF_ERROR(Execute(workspace_, "UPDATE users SET organisation = ? WHERE id = ?",
                                      {organisation, (*user)->id}));
    return Execute(workspace_, "DELETE FROM sessions WHERE user_id = ?", {(*user)->id});
  });
}

}  // namespace continuum
