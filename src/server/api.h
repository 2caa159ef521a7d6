// The JSON API behind `continuum serve`, for every ICO of the programme in the workspace: deny
// by default. Every route declares the roles it allows; a request without a live session gets
// 401 and one from another role 403; every state-changing request needs the session's CSRF
// token; an ICO's answers live under /api/icos/{ico}/… and a request for an ICO outside the
// user's scope (server/scope.h) is refused with 403 before anything of it is computed;
// patient-identifiable answers go only to entitled roles (a practice clinician's only for their
// own practice) and each is written to the audit log before it is sent; the commissioner's
// analysts and evaluators get aggregates under disclosure control. Each ICO's answers are worked
// out when first asked for and kept (server/ico_room.h).
//
//   auto api = Api::Create(population, workspace, {});
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

#include "clinical/indicator.h"
#include "clinical/survey.h"
#include "engine/population.h"
#include "evaluation/plan_text.h"
#include "server/hashing_slots.h"
#include "server/http_message.h"
#include "server/ico_room.h"
#include "server/login_limiter.h"
#include "server/population_shards.h"
#include "server/session_store.h"
#include "server/static_files.h"
#include "store/accounts.h"
#include "store/saved_files.h"
#include "store/voice.h"
#include "store/workspace.h"

namespace continuum {

struct ApiOptions {
  bool secure_cookies = false;  // served over TLS (directly or behind a proxy): cookies say Secure
  int case_finding_limit = 50;  // patients a practice's case-finding list shows
  std::function<int64_t()> clock;    // unix seconds; the system clock when empty (tests set it)
  const StaticFiles* web = nullptr;  // the built web app, served outside /api/; not owned
  // A risk-share contract, as text (a file's), that the finance pages of the ICO it names report
  // on instead of that ICO's contract stored in the workspace; optional. Every other ICO's
  // finance pages report on its stored contract in force for its latest year, if it has one.
  NamedText contract;
  std::vector<NamedText> scenarios;  // savings scenarios applied to each ICO's contract, as text
  std::vector<NamedText> tariffs;    // layered to cost events, first wins; empty: the default
  int simulation_years = 10000;      // simulated years of the contract's financial risk
  // How often the server looks for survey responses recorded beside it (continuum voice import)
  // and for an import's new data, and then counts them; 0: never.
  int voice_watch_seconds = 10;
  // Whether a new data generation is loaded (off for a population the caller owns).
  bool reload_population = true;
  // The most the loaded shards of a programme may take (their snapshots' bytes) before the one
  // used longest ago is let go, with its ICOs' rooms; 0: no limit.
  size_t shard_memory_bytes = 0;
  // Password hashes worked out at once (each takes 64 MiB), and how long a sign-in waits for
  // one of them before it is turned away with 503.
  int hashing_slots = 2;
  int hashing_wait_ms = 2000;
};

class Api {
 public:
  // `workspace` must outlive the API. The API serves `population` (the workspace's, as the engine
  // loaded it) until an import beside it changes the workspace's data generation; then it loads
  // the new population from the workspace and serves that (ApiOptions::watch_seconds).
  static Result<std::unique_ptr<Api>> Create(std::shared_ptr<const Population> population,
                                             Workspace& workspace, ApiOptions options);
  // The workspace's own populations: its directory, each shard loaded when an ICO or
  // commissioner in it is first asked about (server/population_shards.h).
  static Result<std::unique_ptr<Api>> Create(Workspace& workspace, ApiOptions options);
  // The same on a population the caller keeps alive; never reloaded.
  static Result<std::unique_ptr<Api>> Create(const Population& population, Workspace& workspace,
                                             ApiOptions options);
  HttpResponse Handle(const HttpRequest& request);
  ~Api();
  // The most password hashes ever worked out at once (never more than hashing_slots).
  int HashingPeak() { return hashing_.Peak(); }
  // How many ICOs' rooms have been made: an ICO's is made by the first request in scope for it.
  size_t RoomsMade();
  // How many shards of the population are in memory (1 when it is served whole).
  size_t ShardsLoaded();
  // Works out every answer of the ICO `id` now, so its first pages are quick; NotFound when the
  // workspace has no such ICO.
  Status Warm(std::string_view id);

  // One request as a route sees it.
  struct Call {
    const HttpRequest& request;
    const SignedIn* who;                        // nullptr on a public route
    std::map<std::string, std::string> params;  // from {name} segments of the route
    int64_t now;
    IcoRoom* room = nullptr;  // on an ICO's routes, its room (in the user's scope)
    // On a commissioner's routes, the commissioner (organisation index, in the user's scope), the
    // populations it was found in and the shard that answers for it.
    uint32_t commissioner = Dictionary::kMissing;
    std::shared_ptr<PopulationShards> shards;
    std::shared_ptr<const Population> population;
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
    // An ICO's aggregate answer (IcoRoom::AnswerId), served from the answers kept when its shard
    // was let go; -1 for every other route.
    int answer = -1;
  };
  Api(std::shared_ptr<PopulationShards> shards, Workspace& workspace, ApiOptions options);
  Status Prepare();
  void AddRoutes();
  int64_t Now() const;
  // The router (router.cc): finds the route, then checks the session, the role, the CSRF token
  // and the ICO's scope, in that order, before the route's handler runs.
  HttpResponse Dispatch(const HttpRequest& request, int64_t now);
  // The answer kept for an ICO whose room has gone with its shard; nullptr when there is none (or
  // the room is here).
  std::shared_ptr<const std::string> KeptAnswer(uint32_t ico, int answer, bool exact);
  // Forgets the answers kept for every ICO (they may have changed).
  void ForgetKept();
  // Drops the rooms of the shards `shards` has let go since last asked, so that their memory goes.
  void ForgetEvicted(const std::shared_ptr<PopulationShards>& shards);
  // The populations served now, and their directory (every organisation, for scope).
  std::shared_ptr<PopulationShards> CurrentShards();
  std::shared_ptr<const Population> CurrentPopulation();
  // The room of ICO `ico` of `shards`, made when first asked for on the shard that answers for
  // it (and not kept when `shards` have just been replaced by newer ones).
  Result<std::shared_ptr<IcoRoom>> Room(const std::shared_ptr<PopulationShards>& shards,
                                        uint32_t ico);
  // With a new data generation in the workspace: loads its population and serves it from now
  // on, with new rooms. A failed load leaves the old one served, to be tried again.
  void ReloadIfImported();
  // With a file added to the workspace (continuum contract add): the rooms whose contract in
  // force is no longer the one they report on go, to be made again on their next request, and
  // the oversight answers with them. Nothing else is worked out again.
  void ReloadIfContractsChanged();
  // The rooms made so far.
  std::vector<std::shared_ptr<IcoRoom>> Rooms();
  // The survey responses recorded so far.
  Responses CurrentResponses();

  // The web app's pages (by path, in navigation order) that `role` may open: those whose route
  // the role may call, so that who may open a page is written once, in the route table.
  std::vector<std::string> PagesFor(Role role) const;
  // Signing in and out, the session and the ICOs the user may open (sign_in_routes.cc).
  HttpResponse Login(const Call& call);
  HttpResponse Logout(const Call& call);
  HttpResponse Session(const Call& call);
  HttpResponse Icos(const Call& call);
  // An ICO's answers (ico_routes.cc).
  static RouteHandler Serve(IcoRoom::AnswerId answer);
  HttpResponse Simulation(const Call& call);
  HttpResponse Worklist(const Call& call);
  HttpResponse CaseFinding(const Call& call);
  // The contract the finance pages of ICO `ico_id` report on: options_.contract for its ICO, else
  // the ICO's stored contract in force for its latest year; empty text when there is none.
  Result<NamedText> ContractOf(std::string_view ico_id);
  // Sends a member practice's identifiable answer, audited, to those entitled to it.
  HttpResponse PracticeData(const Call& call, const Result<IcoRoom::PracticeAnswer>& answer,
                            std::string_view what);
  // The accounts and the audit log, for administrators (account_routes.cc).
  HttpResponse Users(const Call& call);
  HttpResponse AddUser(const Call& call);
  HttpResponse SetUserPassword(const Call& call);
  HttpResponse SetUserDisabled(const Call& call);
  // Writes an account change to the audit log, then answers with the users as they now are.
  HttpResponse AccountChanged(const Call& call, std::string detail, int status);
  HttpResponse AuditLog(const Call& call);
  // The commissioner's oversight of its ICOs (commissioner_routes.cc).
  HttpResponse Commissioners(const Call& call);
  HttpResponse OversightJson(const Call& call);
  HttpResponse OversightCsv(const Call& call);
  // The oversight answer (JSON and CSV) for the call's commissioner and ?month=, under
  // disclosure control: worked out when first asked for on a day (UTC) and kept for that day and
  // data generation, so that answers within one release never tell a recorded response apart.
  struct OversightAnswer {
    std::shared_ptr<const std::string> json, csv;
    std::string file_name;  // for the CSV download
  };
  Result<OversightAnswer> OversightOf(const Call& call);
  // The commissioner's watch for cherry-picking (selection/selection_report.h) under disclosure
  // control, as JSON: worked out when first asked for and kept for the data generation.
  HttpResponse SelectionJson(const Call& call);
  // The analysis plans stored in the workspace and their evaluations (evaluation_routes.cc).
  struct PlanInForce {
    SavedFile file;                   // the version in force
    PlanText read;                    // its plan, as read
    std::vector<std::string> pilots;  // the ICOs it evaluates
  };
  // The plans in force whose every pilot is an ICO in the user's scope.
  Result<std::vector<PlanInForce>> PlansFor(const SignedIn& who);
  HttpResponse Evaluations(const Call& call);
  HttpResponse Evaluation(const Call& call);
  // The plan's evaluation under disclosure control, as JSON: kept, worked out again only for a
  // new data generation or new survey responses.
  Result<std::shared_ptr<const std::string>> EvaluationOf(const PlanInForce& plan);
  // Patient and staff survey responses (voice_routes.cc).
  HttpResponse Voice(const Call& call);
  HttpResponse RecordVoice(const Call& call);
  // The member practices (id, name) of the room's ICO the user may record responses for.
  std::vector<std::pair<std::string, std::string>> VoicePractices(const Call& call) const;
  // Every voice_watch_seconds until the API goes: loads an import's new data and counts the
  // responses imported beside it.
  void WatchVoice();
  // Writes the audit entry; the answer is sent only when this succeeds.
  Status Audit(const Call& call, std::vector<int64_t> patients, std::string detail);
  Status AppendAudit(AuditEntry entry);

  Workspace& workspace_;
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
  std::string contract_ico_id_;  // the ICO options_.contract names
  // Held from recording a response to counting it again, so that the watch for imports sees a
  // response in memory exactly when it is in the workspace.
  std::mutex refresh_mutex_;
  std::mutex responses_mutex_;  // guards responses_, swapped whole when one is recorded
  Responses responses_;         // as recorded in the workspace
  std::mutex rooms_mutex_;      // guards shards_, data_generation_ and rooms_
  std::shared_ptr<PopulationShards> shards_;
  int64_t data_generation_ = -1;   // the workspace's when shards_ were read
  int64_t saved_files_seen_ = -1;  // the workspace's latest saved file when last looked at
  std::map<uint32_t, std::shared_ptr<IcoRoom>> rooms_;  // by ICO organisation index
  // The answers a room had worked out when its shard was let go, by ICO: served as they are, so a
  // warm answer stays warm, until the ICO's room is made again or what they depend on changes (an
  // import, a contract, a survey response).
  std::map<uint32_t, IcoRoom::Rendered> kept_;
  // Selection answers by commissioner, for shards_.
  std::map<uint32_t, std::shared_ptr<const std::string>> selection_;
  // Oversight answers by (commissioner, month) for shards_ and oversight_day_.
  std::map<std::pair<uint32_t, int>, OversightAnswer> oversight_;
  // The ICOs a (role, organisation) may open, as /api/icos answers, for shards_ and the contracts
  // seen: asked for on every page, and the same until an import or a new contract.
  std::map<std::pair<int, std::string>, std::shared_ptr<const std::string>> icos_answers_;
  int64_t oversight_day_ = -1;
  // Evaluations by plan version (SavedFile::id), with the data generation and responses they
  // were worked out on. Held while one is worked out, so that each is worked out once.
  struct KeptEvaluation {
    int64_t generation;
    Responses responses;
    std::shared_ptr<const std::string> json;
  };
  std::mutex evaluations_mutex_;
  std::map<int64_t, KeptEvaluation> evaluations_;
  // The watch for imported survey responses; stopped and joined first when the API goes.
  std::mutex watch_mutex_;
  std::condition_variable watch_wake_;
  bool stopping_ = false;
  std::thread voice_watch_;
};

}  // namespace continuum
