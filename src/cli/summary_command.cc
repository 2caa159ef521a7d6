// continuum summary: the population, activity, cost, deaths and turnover of a workspace.
#include <cstdio>

#include "cli/command.h"
#include "cli/open_engine.h"
#include "report/summary.h"

namespace continuum {
namespace {

struct SummaryArgs {
  std::string workspace, ico;
  bool json = false;
  TariffArgs tariffs;
};

Status RunSummary(const SummaryArgs& args) {
  auto engine = OpenEngine(args.workspace, args.ico);
  if (!engine.ok()) return engine.status();
  const Population& p = (*engine)->population();
  auto scope = IcoOption(p, args.ico);
  if (!scope.ok()) return scope.status();
  auto costing = CostWithTariffs(args.workspace, p, args.tariffs);
  if (!costing.ok()) return costing.status();
  const Summary summary = Summarise(p, costing->cost, *scope ? &**scope : nullptr);
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
                               AddIcoOption(app, &args->ico,
                                            "every practice in the workspace, the ICOs' member "
                                            "practices and the control practices together");
                               AddTariffOptions(app, &args->tariffs);
                               return [args] { return RunSummary(*args); };
                             });

}  // namespace
}  // namespace continuum
