// continuum pathways: each patient's care followed through the integrated care pathways (the
// shipped definitions and any given with --definition), with adherence by ICO and practice and
// the worklist of overdue steps.
#include <cstdio>
#include <map>

#include "cli/command.h"
#include "cli/open_engine.h"
#include "report/pathways_request.h"

namespace continuum {
namespace {

struct PathwaysArgs {
  std::string workspace;
  PathwaysRequest request;
  bool json = false, csv = false;
};

// "2024-25" (or "2024") as the financial year starting in 2024.
Status RunPathways(const PathwaysArgs& args) {
  auto engine = OpenEngine(args.workspace, args.request.ico);
  if (!engine.ok()) return engine.status();
  Result<std::string> out = PathwaysReportText((*engine)->population(), args.request,
                                               args.json  ? OutputFormat::kJson
                                               : args.csv ? OutputFormat::kCsv
                                                          : OutputFormat::kText);
  if (!out.ok()) return out.status();
  std::fwrite(out->data(), 1, out->size(), stdout);
  return Status::Ok();
}

CommandRegistration kPathways(
    "pathways",
    "Integrated care pathways: where patients are on each step, adherence and time between "
    "steps by ICO and practice, and the worklist of overdue steps",
    [](CLI::App& app) -> CommandRun {
      auto args = std::make_shared<PathwaysArgs>();
      AddWorkspaceOption(app, &args->workspace);
      app.add_option("--definition", args->request.definitions,
                     "A pathway definition of your own (JSON, docs/clinical.md); repeatable. One "
                     "with a shipped pathway's id replaces it");
      app.add_option("--pathway", args->request.pathway, "Report this pathway only (by its id)");
      app.add_option("--practice", args->request.practice, "Report this practice only (by its id)");
      AddIcoOption(app, &args->request.ico,
                   "every ICO with its member practices, then the control practices for "
                   "comparison (outside every ICO's figures and worklist)");
      auto* year = app.add_option("--year", args->request.year,
                                  "Episodes entered in this financial year, e.g. 2024-25 "
                                  "(default: the year of the status day)");
      auto* from = app.add_option("--from", args->request.from,
                                  "Episodes entered from this day (YYYY-MM-DD)")
                       ->excludes(year);
      app.add_option("--to", args->request.to, "... to this day, with --from")->needs(from);
      from->needs(app.get_option("--to"));
      app.add_option("--as-of", args->request.as_of,
                     "Status at the end of this day; nothing later is seen (default: the last day "
                     "of activity)");
      auto* worklist = app.add_flag("--worklist", args->request.worklist,
                                    "Print the worklist of overdue steps instead");
      AddJsonOption(app, &args->json);
      app.add_flag("--csv", args->csv, "Print the worklist as CSV")
          ->needs(worklist)
          ->excludes("--json");
      return [args] { return RunPathways(*args); };
    });

}  // namespace
}  // namespace continuum
