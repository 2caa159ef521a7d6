// continuum evaluate: the independent evaluation of pilots. With --plan, an analysis plan run on
// the workspace (matched comparison, every outcome, the tests that try to break each finding);
// with --panel, the staggered difference-in-differences of a panel file
// (unit,cluster,period,first_treated,outcome and any covariates) with wild cluster bootstrap
// intervals, as text, CSV or JSON; and `evaluate add|list|show`, which keep analysis plans in the
// workspace for the web app's Evaluation page.
#include <filesystem>
#include <functional>

#include "cli/command.h"
#include "cli/open_engine.h"
#include "cli/saved_file_commands.h"
#include "evaluation/panel_evaluation.h"
#include "evaluation/plan_evaluation.h"
#include "evaluation/plan_text.h"
#include "report/evaluation_request.h"
#include "report/plan_evaluation_html.h"
#include "report/plan_evaluation_render.h"
#include "store/workspace.h"

namespace continuum {
namespace {

struct EvaluateArgs {
  // Whether --comparison, --replicates or --seed was given: a plan sets them itself.
  std::function<bool()> estimator_options_given;
  std::string plan;
  std::string workspace;
  std::string panel;
  std::string comparison = "never_treated";
  int32_t replicates = 999;
  uint64_t seed = 20090401;
  std::string out;
  std::string report;  // --plan: also write the HTML report here
  std::string panels;  // --plan: also write each outcome's panel of practices into this folder
  bool csv = false;
  bool json = false;
};

Status RunPlan(const EvaluateArgs& args) {
  if (args.csv) {
    return Status::InvalidInput("--csv prints a panel's estimates; with --plan use --json");
  }
  if (args.estimator_options_given()) {
    return Status::InvalidInput(
        "--comparison, --replicates and --seed apply to --panel; a plan sets them in its "
        "\"estimator\" field, so that the plan alone says how it was run");
  }
  // The plan is read before the engine loads, so a mistake in it is reported at once.
  Result<NamedText> file = ReadNamedText(args.plan);
  if (!file.ok()) return file.status();
  Result<PlanText> read = ReadPlanText(*file);
  if (!read.ok()) return read.status();
  auto engine = OpenEngine(args.workspace);
  if (!engine.ok()) return engine.status();
  auto evaluated = EvaluatePlanText((*engine)->population(), args.workspace, std::move(*read));
  if (!evaluated.ok()) return evaluated.status();
  const PlanEvaluation* evaluation = &evaluated->evaluation;
  if (!args.report.empty()) {
    Status written = PrintOrWrite(RenderPlanEvaluationHtml(*evaluation), args.report);
    if (!written.ok()) return written;
  }
  if (!args.panels.empty()) {
    std::error_code error;
    std::filesystem::create_directories(args.panels, error);
    if (error) {
      return Status::InvalidInput("--panels " + args.panels + ": cannot make the folder (" +
                                  error.message() + ")");
    }
    for (const OutcomeEstimate& o : evaluation->outcomes) {
      if (!o.not_estimated.empty()) continue;
      const std::string path =
          (std::filesystem::path(args.panels) / (o.outcome->id + ".csv")).string();
      Status written = PrintOrWrite(PanelFileText(o.panel), path);
      if (!written.ok()) return written;
    }
  }
  return PrintOrWrite(
      RenderPlanEvaluation(*evaluation, args.json ? OutputFormat::kJson : OutputFormat::kText),
      args.out);
}

Status RunEvaluate(const EvaluateArgs& args) {
  if (args.plan.empty() == args.panel.empty()) {
    return Status::InvalidInput(
        "give either --plan FILE (an analysis plan, run on --workspace) or --panel FILE (a panel "
        "CSV), not both");
  }
  if (!args.plan.empty()) return RunPlan(args);
  if (!args.report.empty() || !args.panels.empty()) {
    return Status::InvalidInput(std::string(args.report.empty() ? "--panels" : "--report") +
                                " writes a plan's evaluation; give --plan FILE with it");
  }
  auto file = CsvFile::Read(args.panel);
  if (!file.ok()) return file.status();
  Result<std::string> text = PanelEvaluationText(
      *file, {.comparison = args.comparison, .replicates = args.replicates, .seed = args.seed},
      args.json  ? OutputFormat::kJson
      : args.csv ? OutputFormat::kCsv
                 : OutputFormat::kText);
  if (!text.ok()) return text.status();
  return PrintOrWrite(*text, args.out);
}

CommandRegistration kEvaluate(
    "evaluate",
    "Evaluate pilots: staggered difference-in-differences with wild cluster bootstrap intervals; "
    "or keep analysis plans in the workspace for the web app: add, list, show",
    [](CLI::App& app) -> CommandRun {
      auto args = std::make_shared<EvaluateArgs>();
      app.add_option("--plan", args->plan,
                     "Analysis plan (JSON) to run on the workspace: docs/evaluation.md");
      AddWorkspaceOption(app, &args->workspace);
      app.add_option("--panel", args->panel,
                     "CSV file with columns unit,cluster,period,first_treated,outcome (and any "
                     "numeric covariates)");
      auto* comparison =
          app.add_option("--comparison", args->comparison,
                         "Compare with units never treated, or also with those not yet treated")
              ->check(CLI::IsMember({"never_treated", "not_yet_treated"}))
              ->capture_default_str();
      auto* replicates =
          app.add_option("--replicates", args->replicates, "Wild cluster bootstrap replicates")
              ->capture_default_str();
      auto* seed = AddSeedOption(app, &args->seed, "Seed of the bootstrap's random weights");
      args->estimator_options_given = [comparison, replicates, seed] {
        return comparison->count() + replicates->count() + seed->count() > 0;
      };
      app.add_option("--out", args->out, "Write to this file instead of standard output");
      app.add_option("--report", args->report,
                     "With --plan: also write the evaluation as one self-contained HTML file");
      app.add_option(
          "--panels", args->panels,
          "With --plan: also write each outcome's panel of practices to FOLDER/OUTCOME.csv, "
          "which --panel reads back to the same programme estimate");
      auto* csv = app.add_flag("--csv", args->csv,
                               "Print one row per estimate: "
                               "estimand,group,time,estimate,std_error,ci_low,ci_high");
      app.add_flag("--json", args->json, "Print JSON for machines")->excludes(csv);
      SavedFileCommands saved(app, SavedKind::kPlan);
      return [args, saved] { return saved.Chosen() ? saved.Run() : RunEvaluate(*args); };
    });

}  // namespace
}  // namespace continuum
