// continuum summary: the population, activity, cost, deaths and turnover of a workspace.
#include <cstdio>

#include "cli/command.h"
#include "engine/engine.h"
#include "report/summary.h"

namespace continuum {
namespace {

struct SummaryArgs {
  std::string workspace;
  bool json = false;
};

Status RunSummary(const SummaryArgs& args) {
  auto workspace = Workspace::Open(args.workspace, Workspace::kReadOnly);
  if (!workspace.ok()) return workspace.status();
  auto engine = Engine::Open(**workspace);
  if (!engine.ok()) return engine.status();
  if ((*engine)->population().patients.size() == 0) {
    return Status::NotFound(
        "workspace " + args.workspace +
        " holds no patients yet; import a folder first: continuum import DIR --workspace " +
        args.workspace);
  }
  const Summary summary = Summarise((*engine)->population());
  const std::string text = args.json ? RenderSummaryJson(summary, args.workspace)
                                     : RenderSummaryText(summary, args.workspace);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return Status::Ok();
}

CommandRegistration kSummary("summary",
                             "Print the population by age band and practice, activity and cost "
                             "per 1,000 by setting, deaths and list turnover",
                             [](CLI::App& app) -> CommandRun {
                               auto args = std::make_shared<SummaryArgs>();
                               AddWorkspaceOption(app, &args->workspace);
                               AddJsonOption(app, &args->json);
                               return [args] { return RunSummary(*args); };
                             });

}  // namespace
}  // namespace continuum
