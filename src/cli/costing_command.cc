// continuum costing: how every event was costed — recorded, priced at the tariff, or not.
#include <cstdio>

#include "cli/command.h"
#include "cli/open_engine.h"
#include "report/costing_render.h"

namespace continuum {
namespace {

struct CostingArgs {
  std::string workspace, ico;
  bool json = false;
  TariffArgs tariffs;
  std::string uncosted_path;
};

Status RunCosting(const CostingArgs& args) {
  auto engine = OpenEngine(args.workspace, args.ico);
  if (!engine.ok()) return engine.status();
  const Population& p = (*engine)->population();
  auto scope = IcoOption(p, args.ico);
  if (!scope.ok()) return scope.status();
  const IcoScope* ico = *scope ? &**scope : nullptr;
  auto costing = CostWithTariffs(args.workspace, p, args.tariffs);
  if (!costing.ok()) return costing.status();
  if (!args.uncosted_path.empty())
    CONTINUUM_RETURN_IF_ERROR(WriteUncostedEvents(p, *costing, args.uncosted_path, ico));
  const std::string out = RenderCosting(SummariseCosting(p, *costing, ico), p,
                                        args.json ? OutputFormat::kJson : OutputFormat::kText);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return Status::Ok();
}

CommandRegistration kCosting(
    "costing", "Cost every activity event: recorded costs, tariff prices, and what is uncosted",
    [](CLI::App& app) -> CommandRun {
      auto args = std::make_shared<CostingArgs>();
      AddWorkspaceOption(app, &args->workspace);
      AddJsonOption(app, &args->json);
      AddTariffOptions(app, &args->tariffs);
      app.add_option("--uncosted", args->uncosted_path,
                     "Write every uncosted event, with the reason, to this CSV file");
      AddIcoOption(app, &args->ico,
                   "every event of the workspace, of member and control practices' patients");
      return [args] { return RunCosting(*args); };
    });

}  // namespace
}  // namespace continuum
