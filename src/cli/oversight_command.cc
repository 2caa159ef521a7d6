// continuum oversight: every ICO a commissioner contracts, side by side, month by month — finance
// against each contract, quality with SPC and funnels, pathways, list size, a segment in the
// manner of the NHS Oversight Framework with its reasons, and alerts.
#include <cstdio>

#include "cli/command.h"
#include "cli/contract_context.h"
#include "cli/open_engine.h"
#include "report/oversight_contracts.h"
#include "report/oversight_render.h"
#include "store/saved_files.h"
#include "store/voice.h"

namespace continuum {
namespace {

struct OversightArgs {
  std::string workspace, commissioner, month, rules;
  std::vector<std::string> contracts;
  TariffArgs tariffs;
  bool json = false, csv = false;
};

// The files named with --contract; without any, each ICO's contract in force in the workspace for
// the financial year `year`.
Result<std::vector<NamedText>> ChooseContracts(Workspace& workspace, const OversightArgs& args,
                                               int year) {
  if (args.contracts.empty()) return ContractsInForce(workspace, year);
  std::vector<NamedText> chosen;
  for (const std::string& path : args.contracts) {
    Result<NamedText> file = ReadNamedText(path);
    if (!file.ok()) return file.status();
    chosen.push_back(std::move(*file));
  }
  return chosen;
}

Status RunOversightCommand(const OversightArgs& args) {
  OversightOptions options{.commissioner = args.commissioner, .reprice = args.tariffs.reprice};
  if (!args.month.empty()) {
    auto month = ParseMonth(args.month, "--month");
    if (!month.ok()) return month.status();
    options.month = *month;
  }
  auto rules = args.rules.empty() ? ShippedSegmentationRules() : ReadSegmentationRules(args.rules);
  if (!rules.ok()) return rules.status();
  options.rules = std::move(*rules);
  auto engine = OpenEngine(args.workspace, args.commissioner);
  if (!engine.ok()) return engine.status();
  const Population& p = (*engine)->population();
  auto workspace = Workspace::Open(args.workspace, Workspace::kReadOnly);
  if (!workspace.ok()) return workspace.status();
  const int year = FinancialYearOf(MonthStart(options.month.value_or(DefaultOversightMonth(p))));
  auto contracts = ChooseContracts(**workspace, args, year);
  if (!contracts.ok()) return contracts.status();
  options.contracts = std::move(*contracts);
  options.other_commissioners_contracts = args.contracts.empty();
  auto tariff = OpenTariff(args.workspace, args.tariffs);
  if (!tariff.ok()) return tariff.status();
  options.tariff = std::move(*tariff);
  Result<std::vector<VoiceResponse>> responses = VoiceStore(**workspace).All();
  if (!responses.ok()) return responses.status();
  options.responses = *responses;
  auto oversight = RunOversight(p, options);
  if (!oversight.ok()) return oversight.status();
  const std::string out = RenderOversight(*oversight, args.json  ? OutputFormat::kJson
                                                      : args.csv ? OutputFormat::kCsv
                                                                 : OutputFormat::kText);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return Status::Ok();
}

CommandRegistration kOversight(
    "oversight",
    "The commissioner's oversight of every ICO it contracts, month by month: finance against each "
    "contract, quality, pathways, list size, a segment with its reasons, and alerts",
    [](CLI::App& app) -> CommandRun {
      auto args = std::make_shared<OversightArgs>();
      AddWorkspaceOption(app, &args->workspace);
      AddTariffOptions(app, &args->tariffs);
      app.add_option("--commissioner", args->commissioner,
                     "The commissioner (default: the only one that contracts ICOs)");
      app.add_option("--month", args->month,
                     "The month reported on, YYYY-MM (default: the last whole month of data); "
                     "the history runs from the start of its financial year");
      app.add_option("--contract", args->contracts,
                     "A risk-share contract (JSON, docs/finance.md), one per ICO (repeatable); "
                     "default: each ICO's contract in force in the workspace for the month's "
                     "financial year. An ICO without one shows no finance");
      app.add_option("--segmentation", args->rules,
                     "Segmentation rules (JSON, docs/oversight.md; default "
                     "data/oversight/segmentation.json)");
      auto* json = app.add_flag("--json", args->json, "Print JSON");
      app.add_flag("--csv", args->csv, "Print one long CSV table")->excludes(json);
      return [args] { return RunOversightCommand(*args); };
    });

}  // namespace
}  // namespace continuum
