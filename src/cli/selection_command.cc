// continuum selection: the commissioner's watch for cherry-picking — who leaves each ICO and how,
// who joins, what is recorded, what care moves outside the budget and which registers fall short,
// each ICO against its commissioner's control practices, with the false discovery rate controlled
// across them (docs/selection.md).
#include <cstdio>

#include "cli/command.h"
#include "cli/open_engine.h"
#include "report/selection_request.h"

namespace continuum {
namespace {

struct SelectionArgs {
  std::string workspace;
  SelectionRequest request;
  bool json = false, csv = false;
};

Status RunSelectionCommand(const SelectionArgs& args) {
  // One commissioner's (or ICO's) shard answers for it exactly as the whole workspace would.
  const SelectionRequest& r = args.request;
  auto engine = OpenEngine(args.workspace, !r.ico.empty() ? r.ico : r.commissioner);
  if (!engine.ok()) return engine.status();
  Result<std::string> out = SelectionReportText((*engine)->population(), args.workspace, r,
                                                args.json  ? OutputFormat::kJson
                                                : args.csv ? OutputFormat::kCsv
                                                           : OutputFormat::kText);
  if (!out.ok()) return out.status();
  std::fwrite(out->data(), 1, out->size(), stdout);
  return Status::Ok();
}

CommandRegistration kSelection(
    "selection",
    "Watch each ICO for cherry-picking: removals and exits by need, leavers' cost, joiners' need, "
    "coding intensity, care moved outside the budget and register shortfalls against control "
    "practices, with alerts under a controlled false discovery rate",
    [](CLI::App& app) -> CommandRun {
      auto args = std::make_shared<SelectionArgs>();
      AddWorkspaceOption(app, &args->workspace);
      app.add_option("--ico", args->request.ico,
                     "Only this ICO's measures (q-values are still over its commissioner's ICOs)");
      app.add_option("--commissioner", args->request.commissioner, "Only this commissioner's ICOs");
      app.add_option("--from", args->request.from,
                     "First day of the period (YYYY-MM-DD); whole financial years inside it are "
                     "measured (default: from the second year of data)");
      app.add_option("--to", args->request.to,
                     "Last day of the period (default: the end of the last complete year)");
      app.add_option("--outside-budget", args->request.outside_budget,
                     "The settings the ICOs' budgets do not pay for, comma-separated setting "
                     "codes (default: social_care,end_of_life)")
          ->each([args](const std::string&) { args->request.outside_budget_given = true; });
      auto* json = app.add_flag("--json", args->json, "Print JSON");
      app.add_flag("--csv", args->csv,
                   "Print one row per ICO and measure: "
                   "ico,measure,effect,ci_low,ci_high,p_value,q_value,alert")
          ->excludes(json);
      AddTariffOptions(app, &args->request.tariffs);
      return [args] { return RunSelectionCommand(*args); };
    });

}  // namespace
}  // namespace continuum
