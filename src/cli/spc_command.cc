// continuum spc: any series charted on XmR limits and read by the Making Data Count rules, as
// NHSRplotthedots reads them (the default) or as NHS England's MDC tool does (--rules mdc), so an
// analyst can chart their own measures and compare with other tools (docs/statistics.md).
#include <cstdio>

#include "cli/command.h"
#include "core/csv.h"
#include "report/spc_input.h"
#include "report/spc_render.h"

namespace continuum {
namespace {

struct SpcArgs {
  std::string input, rebase, rules = "ptd";
  int baseline = 0;
  bool json = false, csv = false;
};

Status RunSpcCommand(const SpcArgs& args) {
  const std::optional<SpcRules> rules = SpcRulesNamed(args.rules);
  if (!rules) {
    return Status::InvalidInput("--rules '" + args.rules +
                                "' is not a set of rules; choose ptd (NHSRplotthedots, the "
                                "default) or mdc (NHS England's Making Data Count tool)");
  }
  if (args.baseline == 1) {
    return Status::InvalidInput("--baseline 1: the limits need at least 2 points");
  }
  Result<CsvFile> series = CsvFile::Read(args.input);
  if (!series.ok()) return series.status();
  std::optional<CsvFile> rebase;
  if (!args.rebase.empty()) {
    Result<CsvFile> file = CsvFile::Read(args.rebase);
    if (!file.ok()) return file.status();
    rebase = std::move(*file);
  }
  Result<SpcInput> input = ReadSpcInput(*series, rebase ? &*rebase : nullptr);
  if (!input.ok()) return input.status();
  Result<SpcReport> report = BuildSpcReport(
      *input, {.rules = *rules, .baseline_points = static_cast<size_t>(args.baseline)});
  if (!report.ok()) return report.status();
  const std::string out = RenderSpc(*report, args.json  ? OutputFormat::kJson
                                             : args.csv ? OutputFormat::kCsv
                                                        : OutputFormat::kText);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return Status::Ok();
}

CommandRegistration kSpc(
    "spc",
    "Chart any series on XmR (SPC) limits and flag special causes by the NHS Making Data Count "
    "rules, point by point",
    [](CLI::App& app) -> CommandRun {
      auto args = std::make_shared<SpcArgs>();
      app.add_option("--input", args->input,
                     "CSV of the series: series_id,date,value and optionally "
                     "improvement_direction (increase, decrease or neutral)")
          ->required();
      app.add_option("--rebase", args->rebase,
                     "CSV series_id,rebase_date: the dates from which a series' limits are set "
                     "afresh");
      app.add_option("--rules", args->rules,
                     "ptd: as NHSRplotthedots 0.2.2, screening outlying moving ranges (default); "
                     "mdc: as NHS England's Making Data Count tool, without screening");
      app.add_option("--baseline", args->baseline,
                     "The first N points (2 or more) of each segment set its limits (default, or "
                     "0: all of them)")
          ->check(CLI::NonNegativeNumber);
      auto* json = app.add_flag("--json", args->json, "Print JSON");
      app.add_flag("--csv", args->csv,
                   "Print one row per point: "
                   "series_id,date,value,mean,lower_limit,upper_limit,special_cause,rule")
          ->excludes(json);
      return [args] { return RunSpcCommand(*args); };
    });

}  // namespace
}  // namespace continuum
