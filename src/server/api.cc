#include "server/api.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include "core/quoted.h"
#include "engine/engine.h"
#include "finance/contract.h"
#include "model/codes.h"
#include "security/password.h"
#include "server/route_support.h"
#include "store/saved_files.h"

namespace continuum {
namespace {

// The organisation index of the ICO `id`, or kMissing when there is no such ICO.
uint32_t IcoIndex(const Population& p, std::string_view id) {
  const uint32_t org = p.organisations.ids.Find(id);
  if (org == Dictionary::kMissing ||
      p.organisations.kind[org] != static_cast<uint8_t>(OrgKind::kIco))
    return Dictionary::kMissing;
  return org;
}

}  // namespace

Api::Api(std::shared_ptr<PopulationShards> shards, Workspace& workspace, ApiOptions options)
    : workspace_(workspace),
      options_(std::move(options)),
      accounts_(workspace),
      voice_(workspace),
      sessions_(&accounts_, &store_mutex_),
      hashing_(std::max(1, options_.hashing_slots)),
      shards_(std::move(shards)) {}

Result<std::unique_ptr<Api>> Api::Create(std::shared_ptr<const Population> population,
                                         Workspace& workspace, ApiOptions options) {
  std::unique_ptr<Api> api(
      new Api(PopulationShards::Whole(std::move(population)), workspace, std::move(options)));
  CONTINUUM_RETURN_IF_ERROR(api->Prepare());
  return api;
}

Result<std::unique_ptr<Api>> Api::Create(Workspace& workspace, ApiOptions options) {
  Result<std::shared_ptr<PopulationShards>> shards =
      PopulationShards::Open(workspace.path(), options.shard_memory_bytes);
  if (!shards.ok()) return shards.status();
  std::unique_ptr<Api> api(new Api(std::move(*shards), workspace, std::move(options)));
  CONTINUUM_RETURN_IF_ERROR(api->Prepare());
  return api;
}

Result<std::unique_ptr<Api>> Api::Create(const Population& population, Workspace& workspace,
                                         ApiOptions options) {
  options.reload_population = false;
  // Not owned: the empty owner shares nothing.
  return Create(std::shared_ptr<const Population>(std::shared_ptr<void>(), &population), workspace,
                std::move(options));
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
  Result<int64_t> saved = SavedFiles(workspace_).LatestId();
  if (!saved.ok()) return saved.status();
  saved_files_seen_ = *saved;
  Result<std::vector<Indicator>> indicators = ShippedIndicators();
  if (!indicators.ok()) return indicators.status();
  indicators_ = std::move(*indicators);
  Result<std::vector<Survey>> surveys = ShippedSurveys();
  if (!surveys.ok()) return surveys.status();
  surveys_ = std::move(*surveys);
  CONTINUUM_RETURN_IF_ERROR(CheckIndicatorsAgainstSurveys(indicators_, surveys_));
  Result<std::vector<VoiceResponse>> responses = voice_.All();
  if (!responses.ok()) return responses.status().WithContext("survey responses");
  responses_ = std::make_shared<const std::vector<VoiceResponse>>(std::move(*responses));
  Result<int64_t> generation = workspace_.DataGeneration();
  if (!generation.ok()) return generation.status();
  data_generation_ = *generation;
  if (!options_.contract.text.empty()) {
    // The contract names its ICO; that ICO's finance pages report on it.
    Result<Contract> contract = ParseContract(options_.contract.text, options_.contract.name);
    if (!contract.ok()) return contract.status();
    contract_ico_id_ = contract->ico;
    if (IcoIndex(*shards_->directory(), contract_ico_id_) == Dictionary::kMissing)
      return Status::NotFound(options_.contract.name + ", field ico: " + Quoted(contract->ico) +
                              " is not an ICO in the workspace");
  }
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

void Api::AddRoutes() {
  auto add = [&](std::string method, std::string path, uint32_t roles, RouteHandler handler) {
    routes_.push_back(
        {std::move(method), path, PathSegments(path), roles, roles == 0, std::move(handler)});
  };
  // An ICO's aggregate answer, kept when its shard is let go.
  auto serve = [&](std::string path, uint32_t roles, IcoRoom::AnswerId answer) {
    add("GET", std::move(path), roles, Serve(answer));
    routes_.back().answer = answer;
  };
  const uint32_t kScopedRoles = kEveryRole & ~Roles({Role::kAdministrator});
  add("POST", "/api/login", 0, &Api::Login);
  add("POST", "/api/logout", kEveryRole, &Api::Logout);
  add("GET", "/api/session", kEveryRole, &Api::Session);
  add("GET", "/api/icos", kScopedRoles, &Api::Icos);
  const std::string ico = "/api/icos/{ico}";
  serve(ico + "/overview", kAggregateRoles, IcoRoom::kOverview);
  serve(ico + "/quality", kAggregateRoles, IcoRoom::kQuality);
  serve(ico + "/risk", kAggregateRoles, IcoRoom::kRisk);
  serve(ico + "/pathways", kAggregateRoles, IcoRoom::kPathways);
  serve(ico + "/comparison", Roles({Role::kCommissioner, Role::kEvaluator}), IcoRoom::kComparison);
  serve(ico + "/finance/monitor", kFinanceRoles, IcoRoom::kMonitor);
  serve(ico + "/finance/settlement", kFinanceRoles, IcoRoom::kSettlement);
  add("GET", ico + "/finance/simulation", kFinanceRoles, &Api::Simulation);
  serve(ico + "/finance/scenarios", kFinanceRoles, IcoRoom::kScenarios);
  add("GET", ico + "/practices/{practice}/case-finding", kIdentifiableRoles, &Api::CaseFinding);
  add("GET", ico + "/practices/{practice}/worklist", kIdentifiableRoles, &Api::Worklist);
  add("GET", ico + "/voice", kVoiceRoles, &Api::Voice);
  add("POST", ico + "/voice", kVoiceRoles, &Api::RecordVoice);
  const uint32_t kOversightRoles = Roles({Role::kCommissioner, Role::kEvaluator});
  add("GET", "/api/commissioners", kOversightRoles, &Api::Commissioners);
  add("GET", "/api/commissioners/{commissioner}/oversight", kOversightRoles, &Api::OversightJson);
  add("GET", "/api/commissioners/{commissioner}/oversight.csv", kOversightRoles,
      &Api::OversightCsv);
  add("GET", "/api/commissioners/{commissioner}/selection", kOversightRoles, &Api::SelectionJson);
  // The Evaluation page: each plan's scope is checked on every request (evaluation_routes.cc).
  add("GET", "/api/evaluations", kOversightRoles, &Api::Evaluations);
  add("GET", "/api/evaluations/{plan}", kOversightRoles, &Api::Evaluation);
  add("GET", "/api/audit", Roles({Role::kAdministrator}), &Api::AuditLog);
  add("GET", "/api/users", Roles({Role::kAdministrator}), &Api::Users);
  add("POST", "/api/users", Roles({Role::kAdministrator}), &Api::AddUser);
  add("POST", "/api/users/{username}/password", Roles({Role::kAdministrator}),
      &Api::SetUserPassword);
  add("POST", "/api/users/{username}/disabled", Roles({Role::kAdministrator}),
      &Api::SetUserDisabled);
}

std::shared_ptr<PopulationShards> Api::CurrentShards() {
  std::lock_guard lock(rooms_mutex_);
  return shards_;
}

std::shared_ptr<const Population> Api::CurrentPopulation() { return CurrentShards()->directory(); }

size_t Api::ShardsLoaded() { return CurrentShards()->Loaded(); }

void Api::ForgetEvicted(const std::shared_ptr<PopulationShards>& shards) {
  const std::vector<uint32_t> evicted = shards->TakeEvicted();
  if (evicted.empty()) return;
  std::lock_guard lock(rooms_mutex_);
  if (shards != shards_) return;
  std::erase_if(rooms_, [&](const auto& room) {
    const bool gone =
        std::find(evicted.begin(), evicted.end(), shards->ShardOf(room.first)) != evicted.end();
    if (gone) kept_[room.first] = room.second->Worked();
    return gone;
  });
}

std::shared_ptr<const std::string> Api::KeptAnswer(uint32_t ico, int answer, bool exact) {
  std::lock_guard lock(rooms_mutex_);
  if (rooms_.contains(ico)) return nullptr;
  const auto it = kept_.find(ico);
  return it == kept_.end() ? nullptr : it->second[answer][exact];
}

void Api::ForgetKept() {
  std::lock_guard lock(rooms_mutex_);
  kept_.clear();
}

Result<std::shared_ptr<IcoRoom>> Api::Room(const std::shared_ptr<PopulationShards>& shards,
                                           uint32_t ico) {
  auto make = [&]() -> Result<std::shared_ptr<IcoRoom>> {
    Result<std::shared_ptr<const Population>> population = shards->For(ico);
    if (!population.ok()) return population.status();
    // Cheap: each part of the room is worked out when first asked for. A contract that cannot be
    // read leaves the room without finance pages (its error is the finance routes' answer).
    IcoRoomOptions options{.case_finding_limit = options_.case_finding_limit,
                           .scenarios = options_.scenarios,
                           .tariffs = options_.tariffs,
                           .simulation_years = options_.simulation_years,
                           .clock = [this] { return Now(); }};
    Result<NamedText> contract = ContractOf((*population)->organisations.ids.Value(ico));
    if (contract.ok()) options.contract = std::move(*contract);
    return std::make_shared<IcoRoom>(
        *population, ico, indicators_, [this] { return CurrentResponses(); }, std::move(options));
  };
  {
    std::lock_guard lock(rooms_mutex_);
    if (auto it = rooms_.find(ico); it != rooms_.end() && shards == shards_) return it->second;
  }
  // Loads the shard and reads the workspace: not under rooms_mutex_.
  Result<std::shared_ptr<IcoRoom>> made = make();
  if (!made.ok()) return made.status();
  ForgetEvicted(shards);
  std::lock_guard lock(rooms_mutex_);
  if (shards != shards_) return made;  // replaced since the request began: not kept
  // The new room works its answers out afresh, all from one release.
  kept_.erase(ico);
  // Another request may have made it meanwhile; the first kept is everyone's.
  return rooms_.emplace(ico, std::move(*made)).first->second;
}

void Api::ReloadIfImported() {
  if (!options_.reload_population) return;
  Result<int64_t> generation = [&] {
    std::lock_guard store(store_mutex_);
    return workspace_.DataGeneration();
  }();
  {
    std::lock_guard lock(rooms_mutex_);
    if (!generation.ok() || *generation == data_generation_) return;
  }
  // Loaded on a connection of its own, without holding the server's: requests go on meanwhile.
  Result<std::shared_ptr<PopulationShards>> loaded =
      PopulationShards::Open(workspace_.path(), options_.shard_memory_bytes);
  if (!loaded.ok()) return;
  std::map<uint32_t, std::shared_ptr<IcoRoom>> old_rooms;
  {
    std::lock_guard lock(rooms_mutex_);
    data_generation_ = (*loaded)->generation();
    shards_ = std::move(*loaded);
    old_rooms.swap(rooms_);
    kept_.clear();
    oversight_.clear();
    selection_.clear();
    icos_answers_.clear();
  }
  // The old rooms go with the last request that holds one.
}

void Api::ReloadIfContractsChanged() {
  Result<int64_t> latest = [&] {
    std::lock_guard store(store_mutex_);
    return SavedFiles(workspace_).LatestId();
  }();
  if (!latest.ok() || *latest == saved_files_seen_) return;
  saved_files_seen_ = *latest;
  std::vector<uint32_t> stale;
  for (const std::shared_ptr<IcoRoom>& room : Rooms()) {
    Result<NamedText> now = ContractOf(room->id());
    if (now.ok() && now->text != room->contract().text) stale.push_back(room->ico());
  }
  std::lock_guard lock(rooms_mutex_);
  for (uint32_t ico : stale) rooms_.erase(ico);
  kept_.clear();  // an ICO whose room has gone may have a new contract too
  oversight_.clear();
  icos_answers_.clear();
}

Result<NamedText> Api::ContractOf(std::string_view ico_id) {
  if (ico_id == contract_ico_id_) return options_.contract;
  Result<std::vector<SavedFile>> stored = [&] {
    std::lock_guard store(store_mutex_);
    return SavedFiles(workspace_).List(SavedKind::kContract, ico_id, /*in_force_only=*/true);
  }();
  if (!stored.ok()) return stored.status();
  if (stored->empty()) return NamedText();
  // By year: the last is the latest.
  return NamedText{stored->back().file_name, std::move(stored->back().text)};
}

std::vector<std::shared_ptr<IcoRoom>> Api::Rooms() {
  std::lock_guard lock(rooms_mutex_);
  std::vector<std::shared_ptr<IcoRoom>> rooms;
  for (const auto& [ico, room] : rooms_) rooms.push_back(room);
  return rooms;
}

size_t Api::RoomsMade() {
  std::lock_guard lock(rooms_mutex_);
  return rooms_.size();
}

Responses Api::CurrentResponses() {
  std::lock_guard lock(responses_mutex_);
  return responses_;
}

Status Api::Warm(std::string_view id) {
  const std::shared_ptr<PopulationShards> shards = CurrentShards();
  const uint32_t ico = IcoIndex(*shards->directory(), id);
  if (ico == Dictionary::kMissing)
    return Status::NotFound("there is no ICO " + Quoted(id) + " in the workspace");
  Result<std::shared_ptr<IcoRoom>> made = Room(shards, ico);
  if (!made.ok()) return made.status();
  const std::shared_ptr<IcoRoom>& room = *made;
  for (int answer = 0; answer < IcoRoom::kAnswerCount; ++answer) {
    Result<std::shared_ptr<const std::string>> body =
        room->Answer(static_cast<IcoRoom::AnswerId>(answer), true);
    if (!body.ok() && body.status().code() != StatusCode::kNotFound) return body.status();
  }
  return Status::Ok();
}

void Api::WatchVoice() {
  std::unique_lock lock(watch_mutex_);
  while (!watch_wake_.wait_for(lock, std::chrono::seconds(options_.voice_watch_seconds),
                               [&] { return stopping_; })) {
    lock.unlock();
    ReloadIfImported();
    ReloadIfContractsChanged();
    {
      std::lock_guard refreshing(refresh_mutex_);
      Result<std::vector<VoiceResponse>> stored = [&]() -> Result<std::vector<VoiceResponse>> {
        std::lock_guard store(store_mutex_);
        Result<int64_t> count = voice_.Count();
        if (!count.ok()) return count.status();
        if (*count == static_cast<int64_t>(CurrentResponses()->size()))
          return std::vector<VoiceResponse>();
        return voice_.All();
      }();
      // Responses recorded beside the server (continuum voice import) count from now on in every
      // ICO opened so far; a failed read is tried again at the next look.
      if (stored.ok() && !stored->empty()) {
        {
          std::lock_guard swap(responses_mutex_);
          responses_ = std::make_shared<const std::vector<VoiceResponse>>(std::move(*stored));
        }
        ForgetKept();
        for (const std::shared_ptr<IcoRoom>& room : Rooms()) room->RefreshQuality().ok();
      }
    }
    lock.lock();
  }
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
