// continuum activity: activity and cost by practice x month x setting.
#include <nlohmann/json.hpp>

#include <cstdio>

#include "cli/command.h"
#include "core/csv.h"
#include "core/money.h"
#include "engine/activity_cube.h"
#include "engine/engine.h"
#include "report/text_table.h"

namespace continuum {
namespace {

struct ActivityArgs {
  std::string workspace;
  bool json = false, csv = false;
};

Status RunActivity(const ActivityArgs& args) {
  auto workspace = Workspace::Open(args.workspace, Workspace::kMustExist);
  if (!workspace.ok()) return workspace.status();
  auto engine = Engine::Open(**workspace);
  if (!engine.ok()) return engine.status();
  const Population& p = (*engine)->population();
  const ActivityCube cube = ActivityByPracticeMonthSetting(p);
  nlohmann::json rows = nlohmann::json::array();
  TextTable table({"practice", "month", "setting", "events", "quantity", "cost", "uncosted"});
  std::string csv = "practice,month,setting,events,quantity,cost,uncosted\n";
  for (size_t slot = 0; slot < cube.practices.size(); ++slot) {
    const std::string& practice = p.organisations.ids.Value(cube.practices[slot]);
    for (int m = 0; m < cube.month_count; ++m) {
      for (int s = 0; s < kSettingCount; ++s) {
        const size_t i = cube.Index(slot, m, s);
        if (cube.events[i] == 0) continue;
        const std::string month = FormatMonth(cube.first_month + m);
        const std::string setting(kSettingCodes[s]);
        if (args.json) {
          rows.push_back({{"practice", practice}, {"month", month}, {"setting", setting},
                          {"events", cube.events[i]}, {"quantity", cube.quantity[i]},
                          {"cost_pence", cube.cost[i]}, {"uncosted", cube.uncosted[i]}});
        } else if (args.csv) {
          AppendCsvField(practice, &csv);
          csv += "," + month + "," + setting + "," + std::to_string(cube.events[i]) + "," +
                 std::to_string(cube.quantity[i]) + "," + FormatPounds(cube.cost[i]) + "," +
                 std::to_string(cube.uncosted[i]) + "\n";
        } else {
          table.AddRow({practice, month, setting, WithThousands(cube.events[i]),
                         WithThousands(cube.quantity[i]), "£" + Decimal(cube.cost[i] / 100.0, 2),
                         WithThousands(cube.uncosted[i])});
        }
      }
    }
  }
  const std::string out = args.json ? rows.dump(2) + "\n" : args.csv ? csv : table.Render();
  std::fwrite(out.data(), 1, out.size(), stdout);
  return Status::Ok();
}

CommandRegistration kActivity(
    "activity", "Activity and cost by member practice, month and setting",
    [](CLI::App& app) -> CommandRun {
      auto args = std::make_shared<ActivityArgs>();
      AddWorkspaceOption(app, &args->workspace);
      AddJsonOption(app, &args->json);
      app.add_flag("--csv", args->csv, "Print CSV")->excludes("--json");
      return [args] { return RunActivity(*args); };
    });

}  // namespace
}  // namespace continuum
