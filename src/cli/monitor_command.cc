// continuum monitor: spend against the contract's budget to the end of a month, with the
// year-end forecast.
#include <cstdio>

#include "cli/command.h"
#include "cli/contract_context.h"
#include "report/monitor_render.h"

namespace continuum {
namespace {

struct MonitorArgs {
  ContractArgs contract;
  std::string month;
  int top = 8;
};

Status RunMonitorCommand(const MonitorArgs& args) {
  auto context = OpenContract(args.contract);
  if (!context.ok()) return context.status();
  const Contract& c = context->contract;
  const Population& p = context->population();
  int month = MonthIndex(std::min(p.events.last_day, c.end));
  if (!args.month.empty()) {
    auto parsed = ParseMonth(args.month, "--month");
    if (!parsed.ok()) return parsed.status();
    month = *parsed;
  }
  auto monitor = RunMonitor(p, context->costing.cost, context->scope,
                            {.period_start = c.start,
                             .period_end = c.end,
                             .budget = context->budget.amount,
                             .month = month,
                             .practice_budgets = context->budget.practices});
  if (!monitor.ok()) return monitor.status();
  const std::string out = RenderMonitor(
      c, context->budget, *monitor, args.contract.json ? OutputFormat::kJson : OutputFormat::kText,
      args.top, Disclosure::kExact, OrganisationNamesOf(p.organisations));
  std::fwrite(out.data(), 1, out.size(), stdout);
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
