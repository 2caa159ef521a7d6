// The JSON API behind `continuum serve`: deny by default. Every route declares the roles it
// allows; a request without a live session gets 401 and one from another role 403; every
// state-changing request needs the session's CSRF token; patient-identifiable answers go only
// to entitled roles (a practice clinician's only for their own practice) and each is written to
// the audit log before it is sent; the commissioner's analysts and evaluators get aggregates
// under disclosure control. What the pages show is computed once, when the API is created.
//
//   auto api = Api::Create(population, workspace, ico, {});
//   HttpResponse r = (*api)->Handle(request);
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "clinical/comparison.h"
#include "clinical/pathway_report.h"
#include "clinical/quality_run.h"
#include "clinical/risk_run.h"
#include "clinical/survey.h"
#include "engine/population.h"
#include "finance/contract_setup.h"
#include "report/voice_render.h"
#include "server/hashing_slots.h"
#include "server/http_message.h"
#include "server/login_limiter.h"
#include "server/session_store.h"
#include "server/static_files.h"
#include "store/accounts.h"
#include "store/voice.h"
#include "store/workspace.h"

namespace continuum {

struct ApiOptions {
  bool secure_cookies = false;  // served over TLS (directly or behind a proxy): cookies say Secure
  int case_finding_limit = 50;  // patients a practice's case-finding list shows
  std::function<int64_t()> clock;    // unix seconds; the system clock when empty (tests set it)
  const StaticFiles* web = nullptr;  // the built web app, served outside /api/; not owned
  // The risk-share contract the finance pages report on, as text (a file's or the workspace's);
  // optional: no finance pages when its text is empty.
  NamedText contract;
  std::vector<NamedText> scenarios;  // savings scenarios applied to it, as text; need a contract
  std::vector<NamedText> tariffs;    // layered to cost events, first wins; empty: the default
  int simulation_years = 10000;      // simulated years of the contract's financial risk
  // How often the server looks for survey responses recorded beside it (continuum voice import)
  // and, when there are, counts them; 0: never.
  int voice_watch_seconds = 10;
  // Password hashes worked out at once (each takes 64 MiB), and how long a sign-in waits for
  // one of them before it is turned away with 503.
  int hashing_slots = 2;
  int hashing_wait_ms = 2000;
};

class Api {
 public:
  // `population` and `workspace` must outlive the API.
  static Result<std::unique_ptr<Api>> Create(const Population& population, Workspace& workspace,
                                             uint32_t ico, ApiOptions options);
  HttpResponse Handle(const HttpRequest& request);
  ~Api();
  // The most password hashes ever worked out at once (never more than hashing_slots).
  int HashingPeak() { return hashing_.Peak(); }

  // One request as a route sees it.
  struct Call {
    const HttpRequest& request;
    const SignedIn* who;                        // nullptr on a public route
    std::map<std::string, std::string> params;  // from {name} segments of the route
    int64_t now;
  };
  using RouteHandler = std::function<HttpResponse(Api&, const Call&)>;

 private:
  struct Route {
    std::string method;
    std::string pattern;                // as written, for the log
    std::vector<std::string> segments;  // "{name}" captures one segment
    uint32_t roles;                     // bit r: Role r may call it; 0 with public_route
    bool public_route;
    RouteHandler handler;
  };
  Api(const Population& population, Workspace& workspace, uint32_t ico, ApiOptions options);
  Status Prepare();
  Status PrepareFinance();
  void AddRoutes();
  int64_t Now() const;
  HttpResponse Dispatch(const HttpRequest& request, int64_t now);

  HttpResponse Login(const Call& call);
  HttpResponse Logout(const Call& call);
  HttpResponse Session(const Call& call);
  HttpResponse Simulation(const Call& call);
  HttpResponse Scenarios(const Call& call);
  HttpResponse ComparisonAnswer(const Call& call);
  HttpResponse Users(const Call& call);
  HttpResponse AddUser(const Call& call);
  HttpResponse SetUserPassword(const Call& call);
  HttpResponse SetUserDisabled(const Call& call);
  // Writes an account change to the audit log, then answers with the users as they now are.
  HttpResponse AccountChanged(const Call& call, std::string detail, int status);
  HttpResponse Voice(const Call& call);
  HttpResponse RecordVoice(const Call& call);
  // The member practices (id, name) the user may record survey responses for.
  std::vector<std::pair<std::string, std::string>> VoicePractices(const SignedIn& who) const;
  // Evaluates the quality indicators (with the survey responses recorded so far) and swaps in
  // the answers that show them: the overview, the quality report and the comparison. Called
  // once at start-up, then with refresh_mutex_ held after each response recorded.
  Status RefreshQuality();
  // Every voice_watch_seconds until the API goes: counts the responses imported beside it.
  void WatchVoice();
  HttpResponse Worklist(const Call& call);
  HttpResponse CaseFinding(const Call& call);
  HttpResponse AuditLog(const Call& call);
  // Writes the audit entry; the answer is sent only when this succeeds.
  Status Audit(const Call& call, std::vector<int64_t> patients, std::string detail);
  Status AppendAudit(AuditEntry entry);

  const Population& population_;
  uint32_t ico_;
  ApiOptions options_;
  std::mutex store_mutex_;  // the workspace's connection serves one write at a time
  Accounts accounts_;
  VoiceStore voice_;
  SessionStore sessions_;
  LoginLimiter limiter_;
  HashingSlots hashing_;
  std::string dummy_hash_;  // verified against when the user is unknown, so timing tells nothing
  std::vector<Route> routes_;
  std::vector<Indicator> indicators_;
  std::vector<Survey> surveys_;
  std::mutex refresh_mutex_;              // one refresh at a time; guards responses_
  std::vector<VoiceResponse> responses_;  // as recorded in the workspace
  bool has_commissioner_ = false;         // the ICO's parent is a commissioner
  // An aggregate answer rendered once for each audience: the ICO's own people see it exactly,
  // the commissioner's analysts and evaluators under disclosure control.
  struct Aggregate {
    std::shared_ptr<const std::string> exact, controlled;
  };
  template <typename Render>
  static Aggregate RenderForEach(Render render);
  // Serves one of the aggregates below to the audience of the caller's role.
  static RouteHandler Serve(Aggregate Api::*aggregate);
  // Guards the answers RefreshQuality() swaps (the overview, quality and comparison) and the
  // days the indicators measure, while requests read them.
  std::mutex answers_mutex_;
  Aggregate overview_, quality_json_, comparison_json_;
  int64_t released_day_ = -1;  // the day (UTC) of the last release under disclosure control
  VoiceWindow voice_window_;
  Aggregate risk_json_, pathways_json_;  // risk: the model and pyramid
  RiskReport risk_;
  // By member practice id: an identifiable answer and the patients it shows (for the audit log).
  struct PracticeAnswer {
    std::shared_ptr<const std::string> body;
    std::vector<int64_t> patients;
  };
  std::map<std::string, PracticeAnswer> case_finding_, worklist_;
  std::vector<std::pair<std::string, std::string>> member_practices_;  // (id, name), in id order
  std::vector<PathwayDefinition> pathway_definitions_;  // the report points into them
  PathwaysReport pathways_;
  // With a contract: the monitor to the last month of data in its period, and the settlement
  // (at year end when the data cover the period, else forecast from the last month); their
  // counts of heads, patients and events under disclosure control. Empty without a contract.
  Aggregate monitor_json_, settlement_json_;
  std::unique_ptr<const ContractSetup> contract_;
  // The watch for imported survey responses; stopped and joined first when the API goes.
  std::mutex watch_mutex_;
  std::condition_variable watch_wake_;
  bool stopping_ = false;
  std::thread voice_watch_;
  // The contract's risk by population size takes seconds to simulate, so it runs beside the
  // server from the start and its first request waits for it.
  std::shared_future<HttpResponse> simulation_;
  Aggregate scenarios_json_;  // {"scenarios": [...]}: counts of patients under disclosure control
  // Sends a member practice's identifiable answer, audited, to those entitled to it.
  HttpResponse PracticeData(const Call& call, const std::map<std::string, PracticeAnswer>& answers,
                            std::string_view what);
};

}  // namespace continuum
