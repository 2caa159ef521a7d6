#include "report/activity_render.h"

#include <nlohmann/json.hpp>

#include "core/csv.h"
#include "core/money.h"
#include "report/json_text.h"
#include "report/text_table.h"

namespace continuum {

std::string RenderActivity(const ActivityCube& cube, const Population& p, OutputFormat format) {
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
        switch (format) {
          case OutputFormat::kJson:
            rows.push_back({{"practice", practice},
                            {"month", month},
                            {"setting", setting},
                            {"events", cube.events[i]},
                            {"quantity", cube.quantity[i]},
                            {"cost_pence", cube.cost[i]},
                            {"uncosted", cube.uncosted[i]}});
            break;
          case OutputFormat::kCsv:
            AppendCsvField(practice, &csv);
            csv += "," + month + "," + setting + "," + std::to_string(cube.events[i]) + "," +
                   std::to_string(cube.quantity[i]) + "," + FormatPounds(cube.cost[i]) + "," +
                   std::to_string(cube.uncosted[i]) + "\n";
            break;
          case OutputFormat::kText:
            table.AddRow({practice, month, setting, WithThousands(cube.events[i]),
                          WithThousands(cube.quantity[i]), "£" + Decimal(cube.cost[i] / 100.0, 2),
                          WithThousands(cube.uncosted[i])});
            break;
        }
      }
    }
  }
  switch (format) {
    case OutputFormat::kJson:
      return JsonText(rows, 2) + "\n";
    case OutputFormat::kCsv:
      return csv;
    case OutputFormat::kText:
      return table.Render();
  }
  return {};
}

}  // namespace continuum
