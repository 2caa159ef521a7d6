// continuum selection: the commissioner's watch for cherry-picking — who leaves each ICO and how,
// who joins, what is recorded, what care moves outside the budget and which registers fall short,
// each ICO against its commissioner's control practices, with the false discovery rate controlled
// across them (docs/selection.md).
#include <algorithm>
#include <cstdio>

#include "cli/command.h"
#include "cli/open_engine.h"
#include "model/codes.h"
#include "report/selection_render.h"

namespace continuum {
namespace {

struct SelectionArgs {
  std::string workspace, ico, commissioner, from, to, outside_budget;
  bool outside_budget_given = false;
  TariffArgs tariffs;
  bool json = false, csv = false;
};

// The settings of a comma-separated list of setting codes, as a bit per Setting.
Result<uint16_t> SettingsOption(const std::string& list, const char* option) {
  std::string known;
  for (std::string_view c : kSettingCodes) known += (known.empty() ? "" : ", ") + std::string(c);
  if (list.empty()) {
    return Status::InvalidInput(std::string(option) +
                                " needs one or more setting codes, separated by commas: " + known);
  }
  uint16_t settings = 0;
  size_t start = 0;
  while (start <= list.size()) {
    const size_t comma = std::min(list.find(',', start), list.size());
    const std::string code = list.substr(start, comma - start);
    if (code.empty()) {
      return Status::InvalidInput(std::string(option) + " '" + list +
                                  "' has an empty item between commas");
    }
    const int s = FindCode(kSettingCodes, code);
    if (s < 0) {
      return Status::InvalidInput(std::string(option) + ": '" + code +
                                  "' is not a setting; the settings are " + known);
    }
    settings |= uint16_t(1u << s);
    start = comma + 1;
  }
  return settings;
}

Status RunSelectionCommand(const SelectionArgs& args) {
  SelectionOptions options{.ico = args.ico, .commissioner = args.commissioner};
  if (args.outside_budget_given) {
    auto settings = SettingsOption(args.outside_budget, "--outside-budget");
    if (!settings.ok()) return settings.status();
    options.outside_settings = *settings;
  }
  if (!args.from.empty()) {
    auto from = DateOption(args.from, "--from");
    if (!from.ok()) return from.status();
    options.from = *from;
  }
  if (!args.to.empty()) {
    auto to = DateOption(args.to, "--to");
    if (!to.ok()) return to.status();
    options.to = *to;
  }
  if (options.from != 0 && options.to != 0 && options.to < options.from) {
    return Status::InvalidInput("--to " + args.to + " is before --from " + args.from);
  }
  // One commissioner's (or ICO's) shard answers for it exactly as the whole workspace would.
  auto engine = OpenEngine(args.workspace, !args.ico.empty() ? args.ico : args.commissioner);
  if (!engine.ok()) return engine.status();
  const Population& p = (*engine)->population();
  auto costing = CostWithTariffs(args.workspace, p, args.tariffs);
  if (!costing.ok()) return costing.status();
  auto report = RunSelection(p, costing->cost, options);
  if (!report.ok()) return report.status();
  const std::string out = RenderSelection(p, *report,
                                          args.json  ? OutputFormat::kJson
                                          : args.csv ? OutputFormat::kCsv
                                                     : OutputFormat::kText);
  std::fwrite(out.data(), 1, out.size(), stdout);
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
      app.add_option("--ico", args->ico,
                     "Only this ICO's measures (q-values are still over its commissioner's ICOs)");
      app.add_option("--commissioner", args->commissioner, "Only this commissioner's ICOs");
      app.add_option("--from", args->from,
                     "First day of the period (YYYY-MM-DD); whole financial years inside it are "
                     "measured (default: from the second year of data)");
      app.add_option("--to", args->to,
                     "Last day of the period (default: the end of the last complete year)");
      app.add_option("--outside-budget", args->outside_budget,
                     "The settings the ICOs' budgets do not pay for, comma-separated setting "
                     "codes (default: social_care,end_of_life)")
          ->each([args](const std::string&) { args->outside_budget_given = true; });
      auto* json = app.add_flag("--json", args->json, "Print JSON");
      app.add_flag("--csv", args->csv,
                   "Print one row per ICO and measure: "
                   "ico,measure,effect,ci_low,ci_high,p_value,q_value,alert")
          ->excludes(json);
      AddTariffOptions(app, &args->tariffs);
      return [args] { return RunSelectionCommand(*args); };
    });

}  // namespace
}  // namespace continuum
