#include "server/api.h"

#include <chrono>

#include "codec/json_reader.h"
#include "finance/ico_scope.h"
#include "report/api_render.h"
#include "report/overview_render.h"
#include "report/risk_render.h"
#include "security/password.h"

namespace continuum {
namespace {

constexpr std::string_view kSessionCookie = "continuum_session";
constexpr int kAuditPage = 1000;

constexpr uint32_t Roles(std::initializer_list<Role> roles) {
  uint32_t mask = 0;
  for (Role r : roles) mask |= 1u << static_cast<int>(r);
  return mask;
}

// Who sees the ICO's aggregates, and who its patients.
constexpr uint32_t kAggregateRoles =
    Roles({Role::kBoard, Role::kClinicalLead, Role::kPracticeClinician, Role::kCareCoordinator,
           Role::kCommissioner, Role::kEvaluator});
constexpr uint32_t kIdentifiableRoles =
    Roles({Role::kClinicalLead, Role::kPracticeClinician, Role::kCareCoordinator});
constexpr uint32_t kEveryRole = (1u << kRoleCount) - 1;

HttpResponse Error(int status, std::string_view message) {
  return JsonResponse(status, RenderApiError(status, message));
}

std::vector<std::string> Segments(std::string_view path) {
  std::vector<std::string> out;
  size_t at = 1;  // after the leading '/'
  while (at <= path.size()) {
    size_t end = path.find('/', at);
    if (end == std::string_view::npos) end = path.size();
    out.emplace_back(path.substr(at, end - at));
    at = end + 1;
  }
  return out;
}

bool ChangesState(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

// The web app's files say their own caching; API answers are never stored.
void AddSecurityHeaders(HttpResponse* r, bool api) {
  r->headers.emplace_back("X-Content-Type-Options", "nosniff");
  r->headers.emplace_back("X-Frame-Options", "DENY");
  r->headers.emplace_back("Referrer-Policy", "no-referrer");
  if (api) r->headers.emplace_back("Cache-Control", "no-store");
  r->headers.emplace_back("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
}

}  // namespace

Api::Api(const Population& population, Workspace& workspace, uint32_t ico, ApiOptions options)
    : population_(population),
      ico_(ico),
      options_(std::move(options)),
      accounts_(workspace),
      sessions_(&accounts_, &store_mutex_) {}

Result<std::unique_ptr<Api>> Api::Create(const Population& population, Workspace& workspace,
                                         uint32_t ico, ApiOptions options) {
  std::unique_ptr<Api> api(new Api(population, workspace, ico, std::move(options)));
  CONTINUUM_RETURN_IF_ERROR(api->Prepare());
  return api;
}

int64_t Api::Now() const {
  if (options_.clock) return options_.clock();
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Status Api::Prepare() {
  CONTINUUM_RETURN_IF_ERROR(InitialiseCrypto());
  Result<std::string> dummy = HashPassword(RandomToken());
  if (!dummy.ok()) return dummy.status();
  dummy_hash_ = std::move(*dummy);
  CONTINUUM_RETURN_IF_ERROR(sessions_.Load(Now()));
  const Population& p = population_;
  Result<std::vector<Indicator>> indicators = ShippedIndicators();
  if (!indicators.ok()) return indicators.status();
  Result<std::unique_ptr<QualityRun>> quality =
      RunQuality(p, ico_, std::move(*indicators), DefaultQualityYear(p));
  if (!quality.ok()) return quality.status().WithContext("quality indicators");
  quality_ = std::move(*quality);
  overview_exact_ = std::make_shared<const std::string>(
      RenderOverviewJson(p, quality_->report, Disclosure::kExact));
  overview_controlled_ = std::make_shared<const std::string>(
      RenderOverviewJson(p, quality_->report, Disclosure::kControlled));
  // Case finding: the model scores everyone once; each practice's list is its share of the
  // ICO's highest-risk patients.
  Result<IcoScope> scope = IcoScopeOf(p, p.organisations.ids.Value(ico_), "the ICO");
  if (!scope.ok()) return scope.status();
  Result<RiskReport> risk = RunRisk(p, scope->member, {.top = 5000});
  if (!risk.ok()) return risk.status().WithContext("risk model");
  risk_ = std::move(*risk);
  for (uint32_t practice : scope->practices) {
    const std::string id(p.organisations.ids.Value(practice));
    case_finding_[id] = std::make_shared<const std::string>(
        RenderCaseFindingJson(risk_, p, practice, options_.case_finding_limit));
    std::vector<int64_t>& ids = case_finding_patients_[id];
    for (const RiskCase& c : risk_.cases) {
      if (c.practice == practice && ids.size() < size_t(options_.case_finding_limit))
        ids.push_back(c.patient_id);
    }
  }
  AddRoutes();
  return Status::Ok();
}

void Api::AddRoutes() {
  auto add = [&](std::string method, std::string path, uint32_t roles, RouteHandler handler) {
    routes_.push_back({std::move(method), Segments(path), roles, roles == 0, std::move(handler)});
  };
  add("POST", "/api/login", 0, &Api::Login);
  add("POST", "/api/logout", kEveryRole, &Api::Logout);
  add("GET", "/api/session", kEveryRole, &Api::Session);
  add("GET", "/api/overview", kAggregateRoles, &Api::Overview);
  add("GET", "/api/practices/{practice}/case-finding", kIdentifiableRoles, &Api::CaseFinding);
  add("GET", "/api/audit", Roles({Role::kAdministrator}), &Api::AuditLog);
}

HttpResponse Api::Handle(const HttpRequest& request) {
  HttpResponse response = Dispatch(request, Now());
  AddSecurityHeaders(&response, /*api=*/request.path.starts_with("/api/"));
  return response;
}

HttpResponse Api::Dispatch(const HttpRequest& request, int64_t now) {
  if (!request.path.starts_with("/api/")) {
    if (options_.web != nullptr && (request.method == "GET" || request.method == "HEAD")) {
      std::optional<HttpResponse> file =
          options_.web->Find(request.path, request.Header("if-none-match"));
      if (file) return *file;
    }
    return Error(404, "no such page: " + request.path);
  }
  const std::vector<std::string> segments = Segments(request.path);
  const Route* found = nullptr;
  bool other_method = false;
  std::map<std::string, std::string> params;
  for (const Route& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    std::map<std::string, std::string> captured;
    bool match = true;
    for (size_t k = 0; k < segments.size() && match; ++k) {
      const std::string& want = route.segments[k];
      if (want.size() > 2 && want.front() == '{' && want.back() == '}')
        captured[want.substr(1, want.size() - 2)] = segments[k];
      else
        match = want == segments[k];
    }
    if (!match) continue;
    if (route.method != request.method) {
      other_method = true;
      continue;
    }
    found = &route;
    params = std::move(captured);
    break;
  }
  if (found == nullptr) {
    return other_method ? Error(405, request.method + " is not allowed on " + request.path)
                        : Error(404, "no such resource: " + request.path);
  }
  if (ChangesState(request.method) && request.Header("content-type").find("application/json") != 0)
    return Error(415, "send the request body as application/json");
  std::optional<SignedIn> who;
  if (!found->public_route) {
    who = sessions_.Find(request.Cookie(kSessionCookie), now);
    if (!who) return Error(401, "sign in first (no session, or it has expired)");
    if (!((found->roles >> static_cast<int>(who->role)) & 1u))
      return Error(403, "the role " + std::string(RoleTitle(who->role)) + " may not use " +
                            request.path);
    if (ChangesState(request.method) &&
        !ConstantTimeEquals(request.Header("x-csrf-token"), who->csrf_token))
      return Error(403, "missing or wrong X-CSRF-Token header");
  }
  const Call call{request, who ? &*who : nullptr, std::move(params), now};
  return found->handler(*this, call);
}

HttpResponse Api::Login(const Call& call) {
  Result<JsonDocument> doc = JsonDocument::Parse(call.request.body, "the request body");
  if (!doc.ok()) return Error(400, doc.status().message());
  Result<JsonObject> body = doc->root().Object({"username", "password"});
  if (!body.ok()) return Error(400, body.status().message());
  Result<std::string> username = body->String("username");
  if (!username.ok()) return Error(400, username.status().message());
  Result<std::string> password = body->String("password");
  if (!password.ok()) return Error(400, password.status().message());
  const std::string& address = call.request.remote_address;
  if (!limiter_.Allowed(*username, address, call.now))
    return Error(429, "too many failed sign-ins: wait 15 minutes and try again");
  Result<std::optional<User>> user = [&] {
    std::lock_guard lock(store_mutex_);
    return accounts_.FindUser(*username);
  }();
  if (!user.ok()) return Error(500, "cannot read the users: " + user.status().message());
  const bool known = user->has_value() && !(*user)->disabled;
  const bool verified =
      VerifyPassword(known ? (**user).password_hash : dummy_hash_, *password) && known;
  if (!verified) {
    limiter_.Failed(*username, address, call.now);
    return Error(401, "wrong username or password");
  }
  limiter_.Succeeded(*username);
  SignedIn signed_in;
  Result<std::string> token = sessions_.Start(**user, call.now, &signed_in);
  if (!token.ok()) return Error(500, "cannot start a session: " + token.status().message());
  HttpResponse r = JsonResponse(200, RenderSignedInJson(signed_in.username, signed_in.role,
                                                        signed_in.practice, signed_in.csrf_token));
  std::string cookie = std::string(kSessionCookie) + "=" + *token +
                       "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                       std::to_string(SessionStore::kLifeSeconds);
  if (options_.secure_cookies) cookie += "; Secure";
  r.headers.emplace_back("Set-Cookie", cookie);
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
  return JsonResponse(200, RenderSignedInJson(w.username, w.role, w.practice, w.csrf_token));
}

HttpResponse Api::Overview(const Call& call) {
  return JsonResponse(200, SeesIdentifiableData(call.who->role) ||
                                   call.who->role == Role::kBoard
                               ? overview_exact_
                               : overview_controlled_);
}

HttpResponse Api::CaseFinding(const Call& call) {
  const std::string& practice = call.params.at("practice");
  auto it = case_finding_.find(practice);
  if (it == case_finding_.end())
    return Error(404, "no member practice " + practice + " in " +
                          std::string(population_.organisations.ids.Value(ico_)));
  if (call.who->role == Role::kPracticeClinician && call.who->practice != practice)
    return Error(403, "a practice clinician sees only the patients of their own practice (" +
                          call.who->practice + ")");
  const Status audited = Audit(call, case_finding_patients_[practice], "case finding " + practice);
  if (!audited.ok()) return Error(500, "not sent: the access could not be audited");
  return JsonResponse(200, it->second);
}

HttpResponse Api::AuditLog(const Call& call) {
  int64_t after = 0;
  const std::string after_text = call.request.Query("after");
  if (!after_text.empty()) {
    char* end = nullptr;
    after = std::strtoll(after_text.c_str(), &end, 10);
    if (end == after_text.c_str() || *end != '\0' || after < 0)
      return Error(400, "after: must be an entry id (a whole number of 0 or more), not '" +
                            after_text + "'");
  }
  const std::string format = call.request.Query("format");
  if (!format.empty() && format != "json" && format != "csv")
    return Error(400, "format: must be json or csv, not '" + format + "'");
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

Status Api::Audit(const Call& call, std::vector<int64_t> patients, std::string detail) {
  AuditEntry entry;
  entry.username = call.who->username;
  entry.role = call.who->role;
  entry.endpoint = call.request.method + " " + call.request.path;
  entry.patients = std::move(patients);
  entry.detail = std::move(detail);
  std::lock_guard lock(store_mutex_);
  return accounts_.AppendAudit(entry);
}

}  // namespace continuum
