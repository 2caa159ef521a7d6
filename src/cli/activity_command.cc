// continuum activity: activity and cost by practice x month x setting.
#include <cstdio>

#include "cli/command.h"
#include "cli/open_engine.h"
#include "engine/activity_cube.h"
#include "report/activity_render.h"

namespace continuum {
namespace {

struct ActivityArgs {
  std::string workspace, ico;
  bool json = false, csv = false;
  TariffArgs tariffs;
};

Status RunActivity(const ActivityArgs& args) {
  auto engine = OpenEngine(args.workspace, args.ico);
  if (!engine.ok()) return engine.status();
  const Population& p = (*engine)->population();
  auto scope = IcoOption(p, args.ico);
  if (!scope.ok()) return scope.status();
  auto costing = CostWithTariffs(args.workspace, p, args.tariffs);
  if (!costing.ok()) return costing.status();
  const ActivityCube cube = ActivityByPracticeMonthSetting(
      p, costing->cost,
      *scope ? std::span<const uint8_t>((*scope)->member) : std::span<const uint8_t>());
  const std::string out = RenderActivity(cube, p,
                                         args.json  ? OutputFormat::kJson
                                         : args.csv ? OutputFormat::kCsv
                                                    : OutputFormat::kText);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return Status::Ok();
}

CommandRegistration kActivity("activity", "Activity and cost by practice, month and setting",
                              [](CLI::App& app) -> CommandRun {
                                auto args = std::make_shared<ActivityArgs>();
                                AddWorkspaceOption(app, &args->workspace);
                                AddJsonOption(app, &args->json);
                                app.add_flag("--csv", args->csv, "Print CSV")->excludes("--json");
                                AddTariffOptions(app, &args->tariffs);
                                AddIcoOption(app, &args->ico,
                                             "every practice, the ICOs' member practices and "
                                             "the control practices");
                                return [args] { return RunActivity(*args); };
                              });

}  // namespace
}  // namespace continuum
