// continuum quality: every quality indicator by member practice and for the ICO over a financial
// year, with confidence intervals, funnel limits and SPC signals over the months of data.
#include <cstdio>

#include "cli/command.h"
#include "cli/open_engine.h"
#include "report/quality_request.h"

namespace continuum {
namespace {

struct QualityArgs {
  std::string workspace;
  QualityRequest request;
  bool json = false;
};

Status RunQualityCommand(const QualityArgs& args) {
  auto engine =
      OpenEngine(args.workspace,
                 args.request.commissioner.empty() ? args.request.ico : args.request.commissioner);
  if (!engine.ok()) return engine.status();
  Result<std::string> out =
      QualityReportText((*engine)->population(), args.workspace, args.request,
                        args.json ? OutputFormat::kJson : OutputFormat::kText);
  if (!out.ok()) return out.status();
  std::fwrite(out->data(), 1, out->size(), stdout);
  return Status::Ok();
}

CommandRegistration kQuality(
    "quality",
    "Quality indicators by member practice and for the ICO: values with 95% intervals, funnel "
    "limits at 95% and 99.8%, and SPC signals over the months (Making Data Count)",
    [](CLI::App& app) -> CommandRun {
      auto args = std::make_shared<QualityArgs>();
      AddWorkspaceOption(app, &args->workspace);
      AddJsonOption(app, &args->json);
      app.add_option("--ico", args->request.ico,
                     "The ICO (default: the only one in the workspace)");
      app.add_option("--year", args->request.year,
                     "Financial year compared across practices, by its starting year (2024 = "
                     "2024-25); default the year of the last whole month of data");
      app.add_option("--indicator", args->request.indicators,
                     "Only this indicator, by id (repeatable)");
      app.add_option("--definition", args->request.definitions,
                     "Also an indicator defined in this file (repeatable; see docs/clinical.md)");
      app.add_flag("--overdispersion", args->request.overdispersion,
                   "Widen each funnel by the practices' own over-dispersion (Spiegelhalter 2005)");
      app.add_flag("--summary", args->request.summary,
                   "One line an indicator: the ICO's value and the practices outside 99.8%");
      app.add_option("--practice", args->request.practice,
                     "Show one member practice's months, with each month's SPC signals");
      app.add_option("--commissioner", args->request.commissioner,
                     "Compare every ICO (its practices together) and control practice this "
                     "commissioner contracts, as the Commissioner page does")
          ->excludes("--practice");
      return [args] { return RunQualityCommand(*args); };
    });

}  // namespace
}  // namespace continuum
