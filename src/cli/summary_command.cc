// continuum summary: the population, activity, cost, deaths and turnover of a workspace.
#include <cstdio>

#include "cli/command.h"
#include "cli/open_engine.h"
#include "report/summary.h"

namespace continuum {
namespace {

struct SummaryArgs {
  std::string workspace;
  bool json = false;
  TariffArgs tariffs;
};

Status RunSummary(const SummaryArgs& args) {
  auto engine = OpenEngine(args.workspace);
  if (!engine.ok()) return engine.status();
  auto costing = CostWithTariffs(args.workspace, (*engine)->population(), args.tariffs);
  if (!costing.ok()) return costing.status();
  const Summary summary = Summarise((*engine)->population(), costing->cost);
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
                               AddTariffOptions(app, &args->tariffs);
                               return [args] { return RunSummary(*args); };
                             });

}  // namespace
}  // namespace continuum
