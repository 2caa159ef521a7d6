// continuum settle: the risk-share settlement statement at year end, or as a forecast.
#include <cstdio>

#include "cli/command.h"
#include "cli/contract_context.h"
#include "report/settle_render.h"

namespace continuum {
namespace {

struct SettleArgs {
  ContractArgs contract;
  std::string month;
};

Status RunSettle(const SettleArgs& args) {
  auto context = OpenContract(args.contract);
  if (!context.ok()) return context.status();
  std::optional<int> month;
  if (!args.month.empty()) {
    auto parsed = ParseMonth(args.month, "--month");
    if (!parsed.ok()) return parsed.status();
    month = *parsed;
  }
  const Contract& c = context->contract;
  auto outturn = ContractOutturnOf(c, context->population(), context->costing.cost, context->scope,
                                   context->budget, month);
  if (!outturn.ok()) return outturn.status();
  const Settlement settlement = Settle(c, context->budget.amount, outturn->outturn);
  const std::string out =
      RenderSettle(c, context->budget, *outturn, settlement,
                   args.contract.json ? OutputFormat::kJson : OutputFormat::kText);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return Status::Ok();
}

CommandRegistration kSettle(
    "settle",
    "The risk-share settlement statement: who pays whom, line by line, at year end or as a "
    "forecast from a month",
    [](CLI::App& app) -> CommandRun {
      auto args = std::make_shared<SettleArgs>();
      AddContractOptions(app, &args->contract);
      app.add_option("--month", args->month,
                     "Settle the monitor's year-end forecast from this month, YYYY-MM (default: "
                     "the year-end actual when the data cover the period, else the last month)");
      return [args] { return RunSettle(*args); };
    });

}  // namespace
}  // namespace continuum
