// Signing in and out, the signed-in user's session, and the ICOs they may open.
#include <algorithm>
#include <chrono>

#include "codec/json_reader.h"
#include "finance/ico_scope.h"
#include "report/api_render.h"
#include "security/password.h"
#include "server/api.h"
#include "server/route_support.h"
#include "server/scope.h"

namespace continuum {
namespace {

constexpr std::string_view kSessionCookie = "continuum_session";

}  // namespace

HttpResponse Api::Login(const Call& call) {
  Result<JsonDocument> doc = JsonDocument::Parse(call.request.body, "the request body");
  if (!doc.ok()) return Error(400, doc.status().message());
  Result<JsonObject> body = doc->root().Object({"username", "password"});
  if (!body.ok()) return Error(400, body.status().message());
  Result<std::string> username = body->String("username");
  if (!username.ok()) return Error(400, username.status().message());
  Result<std::string> password = body->String("password");
  if (!password.ok()) return Error(400, password.status().message());
  // A name no user could have is refused at once: nothing to verify, nothing to remember.
  if (!CheckUsername(*username).ok()) return Error(401, "wrong username or password");
  Result<std::optional<User>> found = [&] {
    std::lock_guard lock(store_mutex_);
    return accounts_.FindUser(*username);
  }();
  if (!found.ok()) return Error(500, "cannot read the users: " + found.status().message());
  const std::optional<User>& user = *found;
  const std::string& address = call.request.remote_address;
  // Counted before any password is verified, so that a burst meets the limits as a sequence.
  const LoginLimiter::Attempt attempt =
      limiter_.Begin(*username, address, user.has_value(), call.now);
  if (!attempt.allowed) {
    const int64_t minutes = (attempt.retry_after + 59) / 60;
    return RetryLater(429, attempt.retry_after,
                      "too many failed sign-ins: try again in " + std::to_string(minutes) +
                          (minutes == 1 ? " minute" : " minutes"));
  }
  std::optional<HashingSlots::Slot> slot =
      hashing_.Take(std::chrono::milliseconds(options_.hashing_wait_ms));
  if (!slot) {
    (void)limiter_.Finish(attempt, LoginLimiter::kNotTried, call.now);
    return RetryLater(503, 1, "the server is busy with other sign-ins: try again in a moment");
  }
  const bool usable = user.has_value() && !user->disabled;
  const bool verified =
      VerifyPassword(usable ? user->password_hash : dummy_hash_, *password) && usable;
  std::string note;
  if (verified && NeedsRehash(user->password_hash)) {
    // Hashed with parameters older than today's: replaced while the password is at hand.
    std::lock_guard lock(store_mutex_);
    if (Status rehashed = accounts_.RehashPassword(user->username, *password); !rehashed.ok())
      note = "the password hash of " + user->username +
             " could not be upgraded: " + rehashed.message();
  }
  slot.reset();
  const LoginLimiter::Lockouts lockouts = limiter_.Finish(
      attempt, verified ? LoginLimiter::kSucceeded : LoginLimiter::kFailed, call.now);
  // Sign-ins and failures are audited against the account tried; an unknown name is not kept
  // (it may be a password typed in the wrong field), and an address's lockout goes to the log.
  Status audited = Status::Ok();
  if (user.has_value()) {
    std::string detail = (verified ? "signed in from " : "failed sign-in from ") + address;
    if (!verified && user->disabled) detail += " (the account is disabled)";
    if (!lockouts.user.empty()) detail += "; " + lockouts.user;
    audited = AppendAudit({.username = user->username,
                           .role = user->role,
                           .endpoint = "POST /api/login",
                           .detail = std::move(detail)});
  }
  for (const std::string& more :
       {lockouts.address, audited.ok() ? std::string() : "not audited: " + audited.message()})
    if (!more.empty()) note += (note.empty() ? "" : "; ") + more;
  if (!verified) {
    HttpResponse r = Error(401, "wrong username or password");
    if (user.has_value()) r.log_user = user->username;
    r.log_note = std::move(note);
    return r;
  }
  if (!audited.ok()) return Error(500, "cannot sign in: the sign-in could not be audited");
  SignedIn signed_in;
  Result<std::string> token = sessions_.Start(*user, call.now, &signed_in);
  if (!token.ok()) return Error(500, "cannot start a session: " + token.status().message());
  HttpResponse r = JsonResponse(
      200, RenderSignedInJson(signed_in.username, signed_in.role, signed_in.organisation,
                              PagesFor(signed_in.role), signed_in.csrf_token));
  std::string cookie =
      std::string(kSessionCookie) + "=" + *token +
      "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(SessionStore::kLifeSeconds);
  if (options_.secure_cookies) cookie += "; Secure";
  r.headers.emplace_back("Set-Cookie", cookie);
  r.log_user = user->username;
  r.log_note = std::move(note);
  return r;
}

HttpResponse Api::Logout(const Call& call) {
  sessions_.End(call.request.Cookie(kSessionCookie));
  HttpResponse r = JsonResponse(200, std::string("{\"signed_out\":true}"));
  r.headers.emplace_back("Set-Cookie", std::string(kSessionCookie) +
                                           "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
  return r;
}

HttpResponse Api::Session(const Call& call) {
  const SignedIn& w = *call.who;
  return JsonResponse(
      200, RenderSignedInJson(w.username, w.role, w.organisation, PagesFor(w.role), w.csrf_token));
}

std::vector<std::string> Api::PagesFor(Role role) const {
  // Each page of the web app and the route whose answer it shows.
  static constexpr std::pair<std::string_view, std::string_view> kPages[] = {
      {"overview", "/api/icos/{ico}/overview"},
      {"quality", "/api/icos/{ico}/quality"},
      {"risk", "/api/icos/{ico}/risk"},
      {"finance", "/api/icos/{ico}/finance/monitor"},
      {"pathways", "/api/icos/{ico}/pathways"},
      {"comparison", "/api/icos/{ico}/comparison"},
      {"commissioner", "/api/commissioners/{commissioner}/oversight"},
      {"evaluation", "/api/evaluations/{plan}"},
      {"case-finding", "/api/icos/{ico}/practices/{practice}/case-finding"},
      {"voice", "/api/icos/{ico}/voice"},
      {"users", "/api/users"},
      {"audit", "/api/audit"}};
  std::vector<std::string> pages;
  for (const auto& [page, route] : kPages) {
    for (const Route& r : routes_) {
      if (r.method == "GET" && r.pattern == route && ((r.roles >> static_cast<int>(role)) & 1u)) {
        pages.emplace_back(page);
        break;
      }
    }
  }
  return pages;
}

HttpResponse Api::Icos(const Call& call) {
  const std::shared_ptr<PopulationShards> shards = CurrentShards();
  const std::pair<int, std::string> key{static_cast<int>(call.who->role), call.who->organisation};
  {
    std::lock_guard lock(rooms_mutex_);
    if (auto it = icos_answers_.find(key); it != icos_answers_.end() && shards == shards_)
      return JsonResponse(200, it->second);
  }
  const Population& p = *shards->directory();
  std::vector<IcoListed> listed;
  for (uint32_t ico : IcosInScope(p, call.who->role, call.who->organisation)) {
    IcoListed& item = listed.emplace_back();
    item.id = p.organisations.ids.Value(ico);
    item.name = p.organisations.name[ico];
    const uint32_t parent = p.organisations.parent[ico];
    if (parent != Dictionary::kMissing) {
      item.commissioner_id = p.organisations.ids.Value(parent);
      item.commissioner_name = p.organisations.name[parent];
    }
    if (Result<IcoScope> scope = IcoScopeOf(p, item.id, ""); scope.ok())
      item.practices = static_cast<int>(scope->practices.size());
    Result<NamedText> contract = ContractOf(item.id);
    item.has_contract = contract.ok() && !contract->text.empty();
  }
  auto body = std::make_shared<const std::string>(RenderIcosJson(listed));
  std::lock_guard lock(rooms_mutex_);
  if (shards == shards_) icos_answers_[key] = body;
  return JsonResponse(200, body);
}

}  // namespace continuum
