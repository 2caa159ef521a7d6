// continuum evaluate: the independent evaluation of pilots. With --panel, the staggered
// difference-in-differences of a panel file (unit,cluster,period,first_treated,outcome and any
// covariates) with wild cluster bootstrap intervals, as text, CSV or JSON.
#include "cli/command.h"
#include "evaluation/panel_evaluation.h"
#include "report/evaluation_render.h"

namespace continuum {
namespace {

constexpr int32_t kFewestReplicates = 99;

struct EvaluateArgs {
  std::string panel;
  std::string comparison = "never_treated";
  int32_t replicates = 999;
  uint64_t seed = 20090401;
  std::string out;
  bool csv = false;
  bool json = false;
};

Status RunEvaluate(const EvaluateArgs& args) {
  if (args.replicates < kFewestReplicates) {
    return Status::InvalidInput("--replicates " + std::to_string(args.replicates) +
                                " is too few for a 95% interval; give at least " +
                                std::to_string(kFewestReplicates) + " (999 is the default)");
  }
  auto file = CsvFile::Read(args.panel);
  if (!file.ok()) return file.status();
  auto panel = ReadPanelFile(*file);
  if (!panel.ok()) return panel.status();
  PanelEvaluationOptions options;
  options.comparison = args.comparison == "not_yet_treated" ? ComparisonUnits::kNotYetTreated
                                                            : ComparisonUnits::kNeverTreated;
  options.bootstrap.replicates = args.replicates;
  options.bootstrap.seed = args.seed;
  auto evaluation = EvaluatePanel(*panel, options);
  if (!evaluation.ok()) return evaluation.status();
  const std::string text = RenderPanelEvaluation(*evaluation, args.json  ? OutputFormat::kJson
                                                              : args.csv ? OutputFormat::kCsv
                                                                         : OutputFormat::kText);
  return PrintOrWrite(text, args.out);
}

CommandRegistration kEvaluate(
    "evaluate",
    "Evaluate pilots: staggered difference-in-differences with wild cluster bootstrap intervals",
    [](CLI::App& app) -> CommandRun {
      auto args = std::make_shared<EvaluateArgs>();
      app.add_option("--panel", args->panel,
                     "CSV file with columns unit,cluster,period,first_treated,outcome (and any "
                     "numeric covariates)")
          ->required();
      app.add_option("--comparison", args->comparison,
                     "Compare with units never treated, or also with those not yet treated")
          ->check(CLI::IsMember({"never_treated", "not_yet_treated"}))
          ->capture_default_str();
      app.add_option("--replicates", args->replicates, "Wild cluster bootstrap replicates")
          ->capture_default_str();
      app.add_option("--seed", args->seed, "Seed of the bootstrap's random weights")
          ->capture_default_str();
      app.add_option("--out", args->out, "Write to this file instead of standard output");
      auto* csv = app.add_flag("--csv", args->csv,
                               "Print one row per estimate: "
                               "estimand,group,time,estimate,std_error,ci_low,ci_high");
      app.add_flag("--json", args->json, "Print JSON for machines")->excludes(csv);
      return [args] { return RunEvaluate(*args); };
    });

}  // namespace
}  // namespace continuum
