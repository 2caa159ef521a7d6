// continuum serve: the JSON API (and, once built, the web app) for every ICO in the workspace and
// the people who run, commission and evaluate them, on their own network, until interrupted.
#include <csignal>
#include <cstdio>

#include "cli/command.h"
#include "cli/open_engine.h"
#include "server/api.h"
#include "server/http_adapter.h"
#include "server/request_log.h"
#include "store/audit_log.h"
#include "store/saved_files.h"

namespace continuum {
namespace {

struct ServeArgs {
  std::string workspace, ico, host = "127.0.0.1", web = CONTINUUM_WEB_DIR, contract, log;
  std::vector<std::string> scenarios;
  int port = 8080;
  bool secure_cookies = false;
  // The loaded shards' budget: 5 GB of snapshot keeps a server of a 40-ICO programme (a shard of
  // about 1.2 GB a commissioner) within 8 GiB with its rooms.
  double shard_memory_gb = 5;
};

HttpServer* running = nullptr;  // for the signal handler

// What the finance pages run on besides each ICO's stored contract: a contract file given (for
// the ICO it names), the scenarios given or else the workspace's, and the tariff in force.
struct FinanceFiles {
  NamedText contract;
  std::vector<NamedText> scenarios, tariffs;
};

Result<FinanceFiles> ChooseFinanceFiles(const ServeArgs& args, Workspace& workspace) {
  FinanceFiles f;
  if (!args.contract.empty()) {
    Result<NamedText> file = ReadNamedText(args.contract);
    if (!file.ok()) return file.status();
    f.contract = std::move(*file);
  }
  if (!args.scenarios.empty()) {
    for (const std::string& path : args.scenarios) {
      Result<NamedText> file = ReadNamedText(path);
      if (!file.ok()) return file.status();
      f.scenarios.push_back(std::move(*file));
    }
  } else {
    auto stored = SavedFiles(workspace).List(SavedKind::kScenario, "", /*in_force_only=*/true);
    if (!stored.ok()) return stored.status();
    for (SavedFile& s : *stored) f.scenarios.push_back({s.file_name, std::move(s.text)});
  }
  auto tariffs = ChooseTariffs(workspace, {});
  if (!tariffs.ok()) return tariffs.status();
  f.tariffs = std::move(*tariffs);
  return f;
}

extern "C" void StopServing(int) {
  if (running != nullptr) running->Stop();
}

Status RunServe(const ServeArgs& args) {
  if (args.port < 0 || args.port > 65535)
    return Status::InvalidInput("--port: must be from 0 to 65535, not " +
                                std::to_string(args.port));
  if (!(args.shard_memory_gb >= 0 && args.shard_memory_gb <= 1 << 20))
    return Status::InvalidInput("--shard-memory: must be a number of GB from 0 (no limit) up");
  // The engine reads a snapshot; the workspace stays open for the accounts and the audit log.
  // Opening checks the audit log's table and triggers; its entries' chain is checked here,
  // before anything is loaded.
  auto workspace = Workspace::Open(args.workspace, Workspace::kMustExist);
  if (!workspace.ok()) return workspace.status();
  if (Status audit = CheckAuditLog(**workspace); !audit.ok())
    return Status::Corrupt("not serving " + args.workspace + ": " + audit.message());
  Result<int64_t> patients = (*workspace)->RowCount(TableId::kPatients);
  if (!patients.ok()) return patients.status();
  if (*patients == 0) return NoPatientsYet(args.workspace);
  Result<FinanceFiles> finance = ChooseFinanceFiles(args, **workspace);
  if (!finance.ok()) return finance.status();
  Result<std::unique_ptr<RequestLog>> log = RequestLog::Open(args.log);
  if (!log.ok()) return log.status();
  // The port is taken before the seconds of preparation, so a second server on it stops at
  // once; requests wait in the listen queue until the API is ready.
  std::unique_ptr<Api> api;
  HttpServer server([&](const HttpRequest& r) { return api->Handle(r); });
  Result<int> port = server.Bind(
      {.host = args.host, .port = args.port, .on_answer = [&log](const RequestRecord& record) {
         (*log)->Write(record);
       }});
  if (!port.ok()) return port.status();
  // The web app is optional: without it the API alone is served.
  Result<StaticFiles> web = StaticFiles::Load(args.web);
  if (!web.ok()) std::fprintf(stderr, "%s; serving the API only\n", web.status().message().c_str());
  // The API reads the workspace's directory now and each shard when first asked for, and loads
  // an import's new data itself.
  auto created = Api::Create(
      **workspace, {.secure_cookies = args.secure_cookies,
                    .web = web.ok() ? &*web : nullptr,
                    .contract = std::move(finance->contract),
                    .scenarios = std::move(finance->scenarios),
                    .tariffs = std::move(finance->tariffs),
                    .shard_memory_bytes = static_cast<size_t>(args.shard_memory_gb * 1e9)});
  if (!created.ok()) return created.status();
  api = std::move(*created);
  if (!args.ico.empty()) {
    std::fprintf(stderr,
                 "Preparing %s: quality indicators, pathways, the risk model and any contract...\n",
                 args.ico.c_str());
    CONTINUUM_RETURN_IF_ERROR(api->Warm(args.ico));
  }
  running = &server;
  std::signal(SIGINT, StopServing);
  std::signal(SIGTERM, StopServing);
  std::printf("Serving %s at http://%s:%d (Ctrl-C to stop)\n", args.workspace.c_str(),
              args.host.c_str(), *port);
  std::fflush(stdout);
  Status served = server.Serve();
  running = nullptr;
  return served;
}

CommandRegistration kServe(
    "serve", "Serve the JSON API for the web app, with sign-in, roles and an audit log",
    [](CLI::App& app) -> CommandRun {
      auto args = std::make_shared<ServeArgs>();
      AddWorkspaceOption(app, &args->workspace);
      app.add_option("--ico", args->ico,
                     "Work out this ICO's answers before serving, so its first pages are quick "
                     "(every ICO in the workspace is served; each is otherwise worked out when "
                     "first asked for)");
      app.add_option("--host", args->host,
                     "Address to listen on (default 127.0.0.1; 0.0.0.0 for the whole network)");
      app.add_option("--port", args->port, "Port to listen on (default 8080; 0 for any free one)");
      app.add_option("--contract", args->contract,
                     "A risk-share contract the finance pages of the ICO it names report on "
                     "(JSON, docs/finance.md); default: each ICO's contract in force for its "
                     "latest year in the workspace (continuum contract add)");
      app.add_option("--scenario", args->scenarios,
                     "A savings scenario the finance pages apply to each ICO's contract (JSON, "
                     "docs/finance.md); repeat for more; default: the workspace's scenarios "
                     "(continuum scenario add)");
      app.add_option("--web", args->web,
                     "The built web app (default: web/dist of the source tree)");
      app.add_option("--shard-memory", args->shard_memory_gb,
                     "In a workspace of several commissioners, the GB of patients' shards kept in "
                     "memory (default 5; 0: no limit): beyond it the shard used longest ago is let "
                     "go (the answers already worked out from it are kept) and loaded again when "
                     "next asked for");
      app.add_option("--log", args->log,
                     "Also append the request log (one line per request, as on standard error) "
                     "to this file");
      app.add_flag("--secure-cookies", args->secure_cookies,
                   "Mark session cookies Secure: when users reach the server over HTTPS (through "
                   "a TLS proxy)");
      return [args] { return RunServe(*args); };
    });

}  // namespace
}  // namespace continuum
