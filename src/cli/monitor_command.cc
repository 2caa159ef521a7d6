// continuum monitor: spend against the contract's budget to the end of a month, with the
// year-end forecast.
#include <cstdio>

#include "cli/command.h"
#include "cli/contract_context.h"
#include "report/monitor_request.h"

namespace continuum {
namespace {

struct MonitorArgs {
  ContractArgs contract;
  std::string month;
  int top = 8;
};

Status RunMonitorCommand(const MonitorArgs& args) {
  Result<std::string> out =
      MonitorReportText(args.contract, args.month, args.top,
                        args.contract.json ? OutputFormat::kJson : OutputFormat::kText);
  if (!out.ok()) return out.status();
  std::fwrite(out->data(), 1, out->size(), stdout);
  return Status::Ok();
}

CommandRegistration kMonitor(
    "monitor",
    "Spend against the contract's phased budget to the end of a month, by setting, provider, "
    "practice and condition group, with the year-end forecast and its interval",
    [](CLI::App& app) -> CommandRun {
      auto args = std::make_shared<MonitorArgs>();
      AddContractOptions(app, &args->contract);
      app.add_option("--month", args->month,
                     "Month to report to, YYYY-MM (default: the last month with activity)");
      app.add_option("--top", args->top, "Lines shown in each breakdown")->capture_default_str();
      return [args] { return RunMonitorCommand(*args); };
    });

}  // namespace
}  // namespace continuum
