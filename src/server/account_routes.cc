// The accounts and the audit log, for administrators: the users, adding one, changing a
// password, disabling and enabling; each change audited.
#include <algorithm>

#include "codec/json_reader.h"
#include "core/quoted.h"
#include "model/codes.h"
#include "report/api_render.h"
#include "report/users_render.h"
#include "server/api.h"
#include "server/route_support.h"

namespace continuum {
namespace {

constexpr int kAuditPage = 1000;

}  // namespace

HttpResponse Api::AuditLog(const Call& call) {
  int64_t after = 0;
  const std::string after_text = call.request.Query("after");
  if (!after_text.empty()) {
    char* end = nullptr;
    after = std::strtoll(after_text.c_str(), &end, 10);
    if (end == after_text.c_str() || *end != '\0' || after < 0)
      return Error(400, "after: must be an entry id (a whole number of 0 or more), not " +
                            Quoted(after_text));
  }
  const std::string format = call.request.Query("format");
  if (!format.empty() && format != "json" && format != "csv")
    return Error(400, "format: must be json or csv, not " + Quoted(format));
  Result<std::vector<AuditEntry>> entries = [&] {
    std::lock_guard lock(store_mutex_);
    return accounts_.ReadAudit(after, kAuditPage);
  }();
  if (!entries.ok()) return Error(500, "cannot read the audit log: " + entries.status().message());
  if (format == "csv") {
    HttpResponse r = TextResponse(200, RenderAuditCsv(*entries), "text/csv; charset=utf-8");
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"audit.csv\"");
    return r;
  }
  return JsonResponse(200, RenderAuditJson(*entries));
}

HttpResponse Api::Users(const Call&) {
  Result<std::vector<User>> users = [&] {
    std::lock_guard lock(store_mutex_);
    return accounts_.ListUsers();
  }();
  if (!users.ok()) return Error(500, "cannot read the users: " + users.status().message());
  // The organisations users may belong to: every ICO, member practice and commissioner.
  const std::shared_ptr<const Population> population = CurrentPopulation();
  const Population& p = *population;
  const std::vector<std::string> members = MemberPracticeIds(p);
  std::vector<UserOrganisation> organisations;
  for (uint32_t org = 0; org < p.organisations.size(); ++org) {
    const auto kind = static_cast<OrgKind>(p.organisations.kind[org]);
    const bool member =
        kind == OrgKind::kPractice &&
        std::binary_search(members.begin(), members.end(), p.organisations.ids.Value(org));
    if (kind == OrgKind::kIco || kind == OrgKind::kCommissioner || member) {
      organisations.push_back({std::string(p.organisations.ids.Value(org)),
                               p.organisations.name[org],
                               std::string(kOrgKindCodes[static_cast<size_t>(kind)])});
    }
  }
  std::sort(organisations.begin(), organisations.end(),
            [](const UserOrganisation& a, const UserOrganisation& b) { return a.id < b.id; });
  return JsonResponse(200, RenderUsersAnswerJson(*users, organisations));
}

HttpResponse Api::AccountChanged(const Call& call, std::string detail, int status) {
  if (!Audit(call, {}, std::move(detail)).ok())
    return Error(500, "the change was made, but could not be written to the audit log");
  HttpResponse r = Users(call);
  if (r.status == 200) r.status = status;
  return r;
}

// The user a route names: NotFound as a 404 with the reason.
static Result<User> NamedUser(Accounts& accounts, std::mutex& store, const std::string& name) {
  Result<std::optional<User>> user = [&] {
    std::lock_guard lock(store);
    return accounts.FindUser(name);
  }();
  if (!user.ok()) return user.status();
  if (!user->has_value()) return Status::NotFound("there is no user " + Quoted(name));
  return **user;
}

HttpResponse Api::AddUser(const Call& call) {
  Result<JsonDocument> doc = JsonDocument::Parse(call.request.body, "the request body");
  if (!doc.ok()) return Error(400, doc.status().message());
  Result<JsonObject> body = doc->root().Object({"username", "role", "organisation", "password"});
  if (!body.ok()) return Error(400, body.status().message());
  std::string fields[4];
  const char* names[] = {"username", "role", "organisation", "password"};
  for (int k = 0; k < 4; ++k) {
    if (k == 2 && !body->Has("organisation")) continue;
    Result<std::string> text = body->String(names[k]);
    if (!text.ok()) return Error(400, text.status().message());
    fields[k] = std::move(*text);
  }
  const std::string &username = fields[0], &organisation = fields[2], &password = fields[3];
  Result<Role> role = ParseRole(fields[1]);
  if (!role.ok()) return Error(400, "role: " + role.status().message());
  const std::vector<std::string> members = MemberPracticeIds(*CurrentPopulation());
  Status added = [&] {
    std::lock_guard lock(store_mutex_);
    CONTINUUM_RETURN_IF_ERROR(CheckUsername(username));
    CONTINUUM_RETURN_IF_ERROR(
        accounts_.CheckOrganisation(*role, organisation, "organisation", members));
    return accounts_.AddUser(username, *role, organisation, password);
  }();
  if (!added.ok()) return Error(StatusHttpCode(added), added.message());
  return AccountChanged(call,
                        "added user " + username + " (" + std::string(RoleName(*role)) +
                            (organisation.empty() ? "" : ", " + organisation) + ")",
                        201);
}

HttpResponse Api::SetUserPassword(const Call& call) {
  Result<JsonDocument> doc = JsonDocument::Parse(call.request.body, "the request body");
  if (!doc.ok()) return Error(400, doc.status().message());
  Result<JsonObject> body = doc->root().Object({"password"});
  if (!body.ok()) return Error(400, body.status().message());
  Result<std::string> password = body->String("password");
  if (!password.ok()) return Error(400, password.status().message());
  Result<User> user = NamedUser(accounts_, store_mutex_, call.params.at("username"));
  if (!user.ok()) return Error(StatusHttpCode(user.status()), user.status().message());
  Status changed = [&] {
    std::lock_guard lock(store_mutex_);
    return accounts_.SetPassword(user->username, *password);
  }();
  if (!changed.ok()) return Error(StatusHttpCode(changed), changed.message());
  sessions_.EndAllOf(user->id);
  return AccountChanged(call, "changed the password of " + user->username, 200);
}

HttpResponse Api::SetUserDisabled(const Call& call) {
  Result<JsonDocument> doc = JsonDocument::Parse(call.request.body, "the request body");
  if (!doc.ok()) return Error(400, doc.status().message());
  Result<JsonObject> body = doc->root().Object({"disabled"});
  if (!body.ok()) return Error(400, body.status().message());
  Result<bool> disabled = body->Boolean("disabled");
  if (!disabled.ok()) return Error(400, disabled.status().message());
  Result<User> user = NamedUser(accounts_, store_mutex_, call.params.at("username"));
  if (!user.ok()) return Error(StatusHttpCode(user.status()), user.status().message());
  if (*disabled && user->id == call.who->user_id)
    return Error(400,
                 "disabled: an administrator cannot disable their own account (another "
                 "administrator, or continuum user disable, can)");
  Status changed = [&] {
    std::lock_guard lock(store_mutex_);
    return accounts_.SetDisabled(user->username, *disabled);
  }();
  if (!changed.ok()) return Error(StatusHttpCode(changed), changed.message());
  if (*disabled) sessions_.EndAllOf(user->id);
  return AccountChanged(call, (*disabled ? "disabled " : "enabled ") + user->username, 200);
}

}  // namespace continuum
