#include "server/api.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include "clinical/scenario_run.h"
#include "clinical/survey.h"
#include "codec/json_reader.h"
#include "core/csv.h"
#include "core/quoted.h"
#include "finance/contract_setup.h"
#include "finance/contract_simulation.h"
#include "finance/ico_scope.h"
#include "finance/monitor.h"
#include "finance/settlement.h"
#include "report/api_render.h"
#include "report/comparison_render.h"
#include "report/monitor_render.h"
#include "report/overview_render.h"
#include "report/pathways_disclosure.h"
#include "report/pathways_render.h"
#include "report/quality_disclosure.h"
#include "report/quality_render.h"
#include "report/risk_disclosure.h"
#include "report/risk_render.h"
#include "report/scenario_disclosure.h"
#include "report/scenario_render.h"
#include "report/settle_render.h"
#include "report/simulation_render.h"
#include "report/users_render.h"
#include "report/voice_render.h"
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
// Who reads the budget, its monitor and the risk-share settlement (money, not patients).
constexpr uint32_t kFinanceRoles =
    Roles({Role::kBoard, Role::kClinicalLead, Role::kCommissioner, Role::kEvaluator});
constexpr uint32_t kIdentifiableRoles =
    Roles({Role::kClinicalLead, Role::kPracticeClinician, Role::kCareCoordinator});
// Who records patient and staff survey responses for the member practices (a practice
// clinician for their own practice only).
constexpr uint32_t kVoiceRoles = kIdentifiableRoles;
constexpr uint32_t kEveryRole = (1u << kRoleCount) - 1;

// The ICO's own people see exact aggregates; the commissioner's analysts and evaluators see
// them under disclosure control.
bool ExactAggregates(Role role) { return SeesIdentifiableData(role) || role == Role::kBoard; }

HttpResponse Error(int status, std::string_view message) {
  HttpResponse r = JsonResponse(status, RenderApiError(status, message));
  if (status >= 500) r.log_note = message;
  return r;
}

// A refusal the client may try again after `seconds`.
HttpResponse RetryLater(int status, int64_t seconds, std::string_view message) {
  HttpResponse r = Error(status, message);
  r.headers.emplace_back("Retry-After", std::to_string(seconds));
  return r;
}

// Whether the path, every query parameter and the body are UTF-8: InvalidInput naming the
// first that is not.
Status CheckUtf8(const HttpRequest& request) {
  size_t at = 0;
  if (!IsValidUtf8(request.path, &at)) return Status::InvalidInput("the path is not valid UTF-8");
  for (const auto& [name, value] : request.query) {
    if (!IsValidUtf8(name, &at) || !IsValidUtf8(value, &at))
      return Status::InvalidInput("the query string is not valid UTF-8");
  }
  if (!IsValidUtf8(request.body, &at))
    return Status::InvalidInput("the request body is not valid UTF-8 (byte " +
                                std::to_string(at + 1) + ")");
  return Status::Ok();
}

// The HTTP status of a refusal, as core/status.h maps them.
int StatusHttpCode(const Status& status) {
  switch (status.code()) {
    case StatusCode::kInvalidInput:
      return 400;
    case StatusCode::kNotFound:
      return 404;
    default:
      return 500;
  }
}

HttpResponse NoContract() {
  return Error(404, "the server was started without a contract (--contract)");
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

}  // namespace

Api::Api(const Population& population, Workspace& workspace, uint32_t ico, ApiOptions options)
    : population_(population),
      ico_(ico),
      options_(std::move(options)),
      accounts_(workspace),
      voice_(workspace),
      sessions_(&accounts_, &store_mutex_),
      hashing_(std::max(1, options_.hashing_slots)) {}

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
  indicators_ = std::move(*indicators);
  Result<std::vector<Survey>> surveys = ShippedSurveys();
  if (!surveys.ok()) return surveys.status();
  surveys_ = std::move(*surveys);
  CONTINUUM_RETURN_IF_ERROR(CheckIndicatorsAgainstSurveys(indicators_, surveys_));
  Result<std::vector<VoiceResponse>> responses = voice_.All();
  if (!responses.ok()) return responses.status().WithContext("survey responses");
  responses_ = std::move(*responses);
  const uint32_t commissioner = p.organisations.parent[ico_];
  has_commissioner_ =
      commissioner != Dictionary::kMissing &&
      p.organisations.kind[commissioner] == static_cast<uint8_t>(OrgKind::kCommissioner);
  CONTINUUM_RETURN_IF_ERROR(RefreshQuality());
  // Case finding: the model scores everyone once; each practice's list is its share of the
  // ICO's highest-risk patients.
  Result<IcoScope> scope = IcoScopeOf(p, p.organisations.ids.Value(ico_), "the ICO");
  if (!scope.ok()) return scope.status();
  Result<RiskReport> risk = RunRisk(p, scope->member, {.top = 5000});
  if (!risk.ok()) return risk.status().WithContext("risk model");
  risk_ = std::move(*risk);
  risk_json_ = {std::make_shared<const std::string>(
                    RenderRiskAggregatesJson(risk_, p, ico_, Disclosure::kExact)),
                std::make_shared<const std::string>(RenderRiskAggregatesJson(
                    ControlRisk(risk_), p, ico_, Disclosure::kControlled))};
  // Care pathways: the last financial year of data, as at its last day.
  Result<std::vector<PathwayDefinition>> pathways = ShippedPathways();
  if (!pathways.ok()) return pathways.status();
  pathway_definitions_ = std::move(*pathways);
  const PathwayRun run = FollowPathways(p, pathway_definitions_, DefaultPathwayOptions(p));
  pathways_ = ReportPathways(p, pathway_definitions_, run, {});
  pathways_json_ = {
      std::make_shared<const std::string>(RenderPathwaysJson(pathways_, Disclosure::kExact)),
      std::make_shared<const std::string>(
          RenderPathwaysJson(ControlPathways(pathways_), Disclosure::kControlled))};
  for (uint32_t practice : scope->practices) {
    const std::string id(p.organisations.ids.Value(practice));
    member_practices_.emplace_back(id, p.organisations.name[practice]);
    PracticeAnswer& cases = case_finding_[id];
    cases.body = std::make_shared<const std::string>(
        RenderCaseFindingJson(risk_, p, practice, options_.case_finding_limit));
    for (const RiskCase& c : risk_.cases) {
      if (c.practice == practice && cases.patients.size() < size_t(options_.case_finding_limit))
        cases.patients.push_back(c.patient_id);
    }
    PracticeAnswer& worklist = worklist_[id];
    worklist.body =
        std::make_shared<const std::string>(RenderWorklist(pathways_, OutputFormat::kJson, id));
    for (const WorklistItem& w : pathways_.worklist) {
      if (w.practice == id) worklist.patients.push_back(w.patient_id);
    }
    std::sort(worklist.patients.begin(), worklist.patients.end());
    worklist.patients.erase(std::unique(worklist.patients.begin(), worklist.patients.end()),
                            worklist.patients.end());
  }
  if (!options_.contract.text.empty()) CONTINUUM_RETURN_IF_ERROR(PrepareFinance());
  AddRoutes();
  if (options_.voice_watch_seconds > 0) voice_watch_ = std::thread(&Api::WatchVoice, this);
  return Status::Ok();
}

Api::~Api() {
  {
    std::lock_guard lock(watch_mutex_);
    stopping_ = true;
  }
  watch_wake_.notify_all();
  if (voice_watch_.joinable()) voice_watch_.join();
}

void Api::WatchVoice() {
  std::unique_lock lock(watch_mutex_);
  while (!watch_wake_.wait_for(lock, std::chrono::seconds(options_.voice_watch_seconds),
                               [&] { return stopping_; })) {
    lock.unlock();
    {
      std::lock_guard refreshing(refresh_mutex_);
      Result<std::vector<VoiceResponse>> stored = [&]() -> Result<std::vector<VoiceResponse>> {
        std::lock_guard store(store_mutex_);
        Result<int64_t> count = voice_.Count();
        if (!count.ok()) return count.status();
        if (*count == static_cast<int64_t>(responses_.size())) return std::vector<VoiceResponse>();
        return voice_.All();
      }();
      // Responses recorded beside the server (continuum voice import) count from now on; a
      // failed read is tried again at the next look.
      if (stored.ok() && !stored->empty()) {
        std::vector<VoiceResponse> before = std::move(responses_);
        responses_ = std::move(*stored);
        if (!RefreshQuality().ok()) responses_ = std::move(before);
      }
    }
    lock.lock();
  }
}

Status Api::RefreshQuality() {
  const Population& p = population_;
  const int year = DefaultQualityYear(p);
  Result<std::unique_ptr<QualityRun>> quality =
      RunQuality(p, ico_, indicators_, year, false, responses_);
  if (!quality.ok()) return quality.status().WithContext("quality indicators");
  const QualityRun& exact = **quality;
  const QualityReport& report = exact.report;
  // Those under disclosure control see a release: made at start-up and again on the first
  // refresh of each new day (UTC), so that the answers before and after one recorded response
  // never tell its answers apart.
  const int64_t today = Now() / 86400;
  const bool release = released_day_ != today;
  std::unique_ptr<QualityRun> shown;
  // The comparison is for the commissioner's analysts and evaluators alone, so only a release
  // computes it.
  std::shared_ptr<const std::string> comparison_answer;
  if (release) {
    Result<std::unique_ptr<QualityRun>> controlled =
        ControlQuality(p, exact, KeptWholeTotal(exact.scope));
    if (!controlled.ok()) return controlled.status().WithContext("disclosure control");
    shown = std::move(*controlled);
    if (has_commissioner_) {
      Result<Comparison> compared =
          RunComparison(p, p.organisations.parent[ico_], indicators_, year, responses_);
      if (!compared.ok()) return compared.status().WithContext("the commissioner's comparison");
      Result<Comparison> controlled_comparison = ControlComparison(p, *compared);
      if (!controlled_comparison.ok())
        return controlled_comparison.status().WithContext("disclosure control");
      comparison_answer = std::make_shared<const std::string>(
          RenderComparisonJson(p, *controlled_comparison, Disclosure::kControlled));
    }
  }
  // Renders for each audience; under disclosure control from the release, or as released before.
  auto render = [&](Aggregate Api::*before, auto exact_answer, auto controlled_answer) {
    Aggregate a;
    a.exact = std::make_shared<const std::string>(exact_answer());
    if (release) {
      a.controlled = std::make_shared<const std::string>(controlled_answer());
    } else {
      std::lock_guard lock(answers_mutex_);
      a.controlled = (this->*before).controlled;
    }
    return a;
  };
  Aggregate overview = render(
      &Api::overview_, [&] { return RenderOverviewJson(p, report, Disclosure::kExact); },
      [&] { return RenderOverviewJson(p, shown->report, Disclosure::kControlled); });
  Aggregate quality_json = render(
      &Api::quality_json_, [&] { return RenderQualityJson(report, Disclosure::kExact); },
      [&] { return RenderQualityJson(shown->report, Disclosure::kControlled); });
  std::lock_guard lock(answers_mutex_);
  voice_window_ = {MonthStart(report.first_month),
                   MonthEnd(report.first_month + report.month_count - 1)};
  overview_ = std::move(overview);
  quality_json_ = std::move(quality_json);
  if (release) {
    comparison_json_ = {comparison_answer, comparison_answer};
    released_day_ = today;
  }
  return Status::Ok();
}

Status Api::PrepareFinance() {
  const Population& p = population_;
  Result<Tariff> tariff =
      LayerTariffs(options_.tariffs.empty() ? std::vector{DefaultTariffText()} : options_.tariffs);
  if (!tariff.ok()) return tariff.status();
  Result<ContractSetup> read = SetUpContract(p, options_.contract, *tariff);
  if (!read.ok()) return read.status();
  contract_ = std::make_unique<const ContractSetup>(std::move(*read));
  const ContractSetup* setup = contract_.get();
  const Contract& c = setup->contract;
  if (p.organisations.ids.Find(c.ico) != ico_)
    return Status::InvalidInput(options_.contract.name + ", field ico: " + c.ico +
                                " is not the ICO served (" +
                                std::string(p.organisations.ids.Value(ico_)) + ")");
  auto monitor = RunMonitor(p, setup->costing.cost, setup->scope,
                            {.period_start = c.start,
                             .period_end = c.end,
                             .budget = setup->budget.amount,
                             .month = MonthIndex(std::min(p.events.last_day, c.end)),
                             .practice_budgets = setup->budget.practices});
  if (!monitor.ok()) return monitor.status().WithContext("monitor");
  monitor_json_ = RenderForEach([&](Disclosure d) {
    return RenderMonitor(c, setup->budget, *monitor, OutputFormat::kJson, 8, d);
  });
  auto outturn = ContractOutturnOf(c, p, setup->costing.cost, setup->scope, setup->budget, {});
  if (!outturn.ok()) return outturn.status().WithContext("settlement");
  const continuum::Settlement settlement = Settle(c, setup->budget.amount, outturn->outturn);
  settlement_json_ = RenderForEach([&](Disclosure d) {
    return RenderSettle(c, setup->budget, *outturn, settlement, OutputFormat::kJson, d);
  });
  std::vector<std::string> exact, controlled;
  for (const NamedText& file : options_.scenarios) {
    Result<Scenario> scenario = ParseScenario(file.text, file.name);
    if (!scenario.ok()) return scenario.status();
    Result<ScenarioOutcome> outcome = RunScenario(*scenario, p, *setup);
    if (!outcome.ok()) return outcome.status().WithContext(file.name);
    exact.push_back(RenderScenario(c, setup->budget, *scenario, *outcome, OutputFormat::kJson,
                                   Disclosure::kExact));
    controlled.push_back(RenderScenario(c, setup->budget, *scenario,
                                        ControlScenario(c, setup->budget.amount, *outcome),
                                        OutputFormat::kJson, Disclosure::kControlled));
  }
  scenarios_json_ = RenderForEach([&](Disclosure d) {
    return RenderScenarioListJson(d == Disclosure::kExact ? exact : controlled);
  });
  const int years = options_.simulation_years;
  simulation_ =
      // The sizes are copied here: the thread may outlive the program's globals at exit.
      std::async(std::launch::async, [&p, setup, years, sizes = kComparedPopulationSizes] {
        Result<continuum::Simulation> s =
            SimulateContract(p, *setup, {.years = years, .sizes = sizes});
        if (!s.ok()) return Error(422, s.status().message());
        return JsonResponse(
            200, RenderSimulation(setup->contract, setup->budget, *s, OutputFormat::kJson));
      }).share();
  return Status::Ok();
}

void Api::AddRoutes() {
  auto add = [&](std::string method, std::string path, uint32_t roles, RouteHandler handler) {
    routes_.push_back(
        {std::move(method), path, Segments(path), roles, roles == 0, std::move(handler)});
  };
  add("POST", "/api/login", 0, &Api::Login);
  add("POST", "/api/logout", kEveryRole, &Api::Logout);
  add("GET", "/api/session", kEveryRole, &Api::Session);
  add("GET", "/api/overview", kAggregateRoles, Serve(&Api::overview_));
  add("GET", "/api/quality", kAggregateRoles, Serve(&Api::quality_json_));
  add("GET", "/api/risk", kAggregateRoles, Serve(&Api::risk_json_));
  add("GET", "/api/pathways", kAggregateRoles, Serve(&Api::pathways_json_));
  add("GET", "/api/comparison", Roles({Role::kCommissioner, Role::kEvaluator}),
      &Api::ComparisonAnswer);
  add("GET", "/api/finance/monitor", kFinanceRoles, Serve(&Api::monitor_json_));
  add("GET", "/api/finance/settlement", kFinanceRoles, Serve(&Api::settlement_json_));
  add("GET", "/api/finance/simulation", kFinanceRoles, &Api::Simulation);
  add("GET", "/api/finance/scenarios", kFinanceRoles, &Api::Scenarios);
  add("GET", "/api/practices/{practice}/case-finding", kIdentifiableRoles, &Api::CaseFinding);
  add("GET", "/api/practices/{practice}/worklist", kIdentifiableRoles, &Api::Worklist);
  add("GET", "/api/audit", Roles({Role::kAdministrator}), &Api::AuditLog);
  add("GET", "/api/users", Roles({Role::kAdministrator}), &Api::Users);
  add("POST", "/api/users", Roles({Role::kAdministrator}), &Api::AddUser);
  add("POST", "/api/users/{username}/password", Roles({Role::kAdministrator}),
      &Api::SetUserPassword);
  add("POST", "/api/users/{username}/disabled", Roles({Role::kAdministrator}),
      &Api::SetUserDisabled);
  add("GET", "/api/voice", kVoiceRoles, &Api::Voice);
  add("POST", "/api/voice", kVoiceRoles, &Api::RecordVoice);
}

HttpResponse Api::Handle(const HttpRequest& request) {
  HttpResponse response = Dispatch(request, Now());
  AddSecurityHeaders(&response, /*api=*/request.path.starts_with("/api/"));
  return response;
}

HttpResponse Api::Dispatch(const HttpRequest& request, int64_t now) {
  if (Status utf8 = CheckUtf8(request); !utf8.ok()) return Error(400, utf8.message());
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
      return Error(
          403, "the role " + std::string(RoleTitle(who->role)) + " may not use " + request.path);
    if (ChangesState(request.method) &&
        !ConstantTimeEquals(request.Header("x-csrf-token"), who->csrf_token))
      return Error(403, "missing or wrong X-CSRF-Token header");
  }
  const Call call{request, who ? &*who : nullptr, std::move(params), now};
  HttpResponse r = found->handler(*this, call);
  r.log_route = found->pattern;
  if (who) r.log_user = who->username;
  return r;
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
  HttpResponse r = JsonResponse(200, RenderSignedInJson(signed_in.username, signed_in.role,
                                                        signed_in.practice, signed_in.csrf_token));
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
  return JsonResponse(200, RenderSignedInJson(w.username, w.role, w.practice, w.csrf_token));
}

template <typename Render>
Api::Aggregate Api::RenderForEach(Render render) {
  return {std::make_shared<const std::string>(render(Disclosure::kExact)),
          std::make_shared<const std::string>(render(Disclosure::kControlled))};
}

Api::RouteHandler Api::Serve(Aggregate Api::*aggregate) {
  return [aggregate](Api& api, const Call& call) {
    std::shared_ptr<const std::string> body;
    {
      std::lock_guard lock(api.answers_mutex_);  // a recorded survey response may swap it
      const Aggregate& a = api.*aggregate;
      body = ExactAggregates(call.who->role) ? a.exact : a.controlled;
    }
    if (!body) return NoContract();  // only the finance answers can be missing
    return JsonResponse(200, std::move(body));
  };
}

HttpResponse Api::Simulation(const Call&) {
  if (!simulation_.valid()) return NoContract();
  return simulation_.get();
}

HttpResponse Api::Scenarios(const Call& call) {
  if (!contract_) return NoContract();
  return Serve(&Api::scenarios_json_)(*this, call);
}

HttpResponse Api::ComparisonAnswer(const Call& call) {
  if (!has_commissioner_)
    return Error(404, "the ICO " + std::string(population_.organisations.ids.Value(ico_)) +
                          " has no commissioner in the workspace to compare under");
  return Serve(&Api::comparison_json_)(*this, call);
}

HttpResponse Api::CaseFinding(const Call& call) {
  return PracticeData(call, case_finding_, "case finding");
}

HttpResponse Api::Worklist(const Call& call) {
  return PracticeData(call, worklist_, "pathway worklist");
}

HttpResponse Api::PracticeData(const Call& call,
                               const std::map<std::string, PracticeAnswer>& answers,
                               std::string_view what) {
  const std::string& practice = call.params.at("practice");
  auto it = answers.find(practice);
  if (it == answers.end())
    return Error(404, "no member practice " + practice + " in " +
                          std::string(population_.organisations.ids.Value(ico_)));
  if (call.who->role == Role::kPracticeClinician && call.who->practice != practice)
    return Error(403, "a practice clinician sees only the patients of their own practice (" +
                          call.who->practice + ")");
  const Status audited = Audit(call, it->second.patients, std::string(what) + " " + practice);
  if (!audited.ok()) return Error(500, "not sent: the access could not be audited");
  return JsonResponse(200, it->second.body);
}

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
  return JsonResponse(200, RenderUsersAnswerJson(*users, member_practices_));
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
  Result<JsonObject> body = doc->root().Object({"username", "role", "practice", "password"});
  if (!body.ok()) return Error(400, body.status().message());
  std::string fields[4];
  const char* names[] = {"username", "role", "practice", "password"};
  for (int k = 0; k < 4; ++k) {
    if (k == 2 && !body->Has("practice")) continue;
    Result<std::string> text = body->String(names[k]);
    if (!text.ok()) return Error(400, text.status().message());
    fields[k] = std::move(*text);
  }
  const std::string &username = fields[0], &practice = fields[2], &password = fields[3];
  Result<Role> role = ParseRole(fields[1]);
  if (!role.ok()) return Error(400, "role: " + role.status().message());
  Status added = [&] {
    std::lock_guard lock(store_mutex_);
    CONTINUUM_RETURN_IF_ERROR(CheckUsername(username));
    CONTINUUM_RETURN_IF_ERROR(accounts_.CheckMemberPractice(*role, practice, "practice"));
    return accounts_.AddUser(username, *role, practice, password);
  }();
  if (!added.ok()) return Error(StatusHttpCode(added), added.message());
  return AccountChanged(call,
                        "added user " + username + " (" + std::string(RoleName(*role)) +
                            (practice.empty() ? "" : ", " + practice) + ")",
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

std::vector<std::pair<std::string, std::string>> Api::VoicePractices(const SignedIn& who) const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& practice : member_practices_) {
    if (who.role != Role::kPracticeClinician || who.practice == practice.first)
      out.push_back(practice);
  }
  return out;
}

HttpResponse Api::Voice(const Call& call) {
  std::lock_guard lock(refresh_mutex_);
  VoiceWindow window;
  {
    std::lock_guard answers(answers_mutex_);
    window = voice_window_;
  }
  return JsonResponse(
      200, RenderVoiceJson(surveys_, indicators_, VoicePractices(*call.who), responses_, window));
}

HttpResponse Api::RecordVoice(const Call& call) {
  Result<JsonDocument> doc = JsonDocument::Parse(call.request.body, "the request body");
  if (!doc.ok()) return Error(400, doc.status().message());
  Result<JsonObject> body = doc->root().Object({"survey", "practice", "responded_on", "answers"});
  if (!body.ok()) return Error(400, body.status().message());
  VoiceResponse r;
  for (auto [name, field] : {std::pair{"survey", &r.survey}, {"practice", &r.practice}}) {
    Result<std::string> text = body->String(name);
    if (!text.ok()) return Error(400, text.status().message());
    *field = std::move(*text);
  }
  Result<Day> day = body->Date("responded_on");
  if (!day.ok()) return Error(400, day.status().message());
  r.responded_on = *day;
  Result<std::vector<JsonValue>> answers = body->Array("answers");
  if (!answers.ok()) return Error(400, answers.status().message());
  for (const JsonValue& item : *answers) {
    Result<JsonObject> a = item.Object({"question", "answer"});
    if (!a.ok()) return Error(400, a.status().message());
    Result<std::string> question = a->String("question");
    if (!question.ok()) return Error(400, question.status().message());
    Result<std::string> answer = a->String("answer");
    if (!answer.ok()) return Error(400, answer.status().message());
    r.answers.push_back({std::move(*question), std::move(*answer)});
  }
  const auto practices = VoicePractices(*call.who);
  if (std::none_of(practices.begin(), practices.end(),
                   [&](const auto& p) { return p.first == r.practice; })) {
    if (call.who->role == Role::kPracticeClinician &&
        std::any_of(member_practices_.begin(), member_practices_.end(),
                    [&](const auto& p) { return p.first == r.practice; }))
      return Error(403, "a practice clinician records responses for their own practice only (" +
                            call.who->practice + ")");
    return Error(400, "practice: " + r.practice + " is not a member practice of " +
                          std::string(population_.organisations.ids.Value(ico_)));
  }
  // The latest day a response may be dated: today where the clock is furthest ahead of UTC that
  // users are (British Summer Time is an hour ahead), so a day's grace.
  const Day today = static_cast<Day>(call.now / 86400) + 1;
  if (r.responded_on > today)
    return Error(400, "responded_on: " + FormatDate(r.responded_on) + " is in the future");
  VoiceWindow window;
  {
    std::lock_guard lock(answers_mutex_);
    window = voice_window_;
  }
  if (r.responded_on < window.first)
    return Error(400, "responded_on: " + FormatDate(r.responded_on) +
                          " is before the first month the indicators measure (" +
                          FormatDate(window.first) + "), so it could never be counted");
  if (Status fits = CheckResponse(r, surveys_); !fits.ok()) return Error(400, fits.message());
  r.recorded_by = call.who->username;
  r.recorded_at = call.now;
  // Held from the record to the refresh, so the watch for imports sees the response in memory
  // exactly when it is in the workspace.
  std::lock_guard refreshing(refresh_mutex_);
  Result<int64_t> id = [&] {
    std::lock_guard lock(store_mutex_);
    return voice_.Record(r);
  }();
  if (!id.ok()) return Error(500, "the response was not recorded: " + id.status().message());
  r.id = *id;
  responses_.push_back(r);
  if (Status refreshed = RefreshQuality(); !refreshed.ok())
    return Error(500,
                 "the response was recorded, but the indicators could not be worked out "
                 "again: " +
                     refreshed.message());
  return JsonResponse(201, RenderVoiceRecordedJson(r, window));
}

Status Api::Audit(const Call& call, std::vector<int64_t> patients, std::string detail) {
  return AppendAudit({.username = call.who->username,
                      .role = call.who->role,
                      .endpoint = call.request.method + " " + call.request.path,
                      .patients = std::move(patients),
                      .detail = std::move(detail)});
}

Status Api::AppendAudit(AuditEntry entry) {
  std::lock_guard lock(store_mutex_);
  return accounts_.AppendAudit(entry);
}

}  // namespace continuum
