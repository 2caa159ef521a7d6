// continuum risk: who is likely to be admitted as an emergency in the next year, and why. Fits
// the risk model on the year before the validation year (by default the last complete one),
// validates it there, and scores the ICO's lists on the day after the data's last complete year
// for the risk pyramid by practice and the case-finding list.
#include <cstdio>

#include "cli/command.h"
#include "cli/open_engine.h"
#include "report/risk_request.h"

namespace continuum {
namespace {

struct RiskArgs {
  std::string workspace;
  RiskReportRequest request;
  bool json = false;
};

Status RunRiskCommand(const RiskArgs& args) {
  auto engine = OpenEngine(args.workspace, args.request.ico);
  if (!engine.ok()) return engine.status();
  Result<std::string> out = RiskReportText((*engine)->population(), args.workspace, args.request,
                                           args.json ? OutputFormat::kJson : OutputFormat::kText);
  if (!out.ok()) return out.status();
  std::fwrite(out->data(), 1, out->size(), stdout);
  return Status::Ok();
}

CommandRegistration kRisk(
    "risk",
    "Emergency admission risk: fit and validate the model, the risk pyramid by practice and the "
    "case-finding list",
    [](CLI::App& app) -> CommandRun {
      auto args = std::make_shared<RiskArgs>();
      AddWorkspaceOption(app, &args->workspace);
      AddJsonOption(app, &args->json);
      app.add_option("--ico", args->request.ico,
                     "The ICO (default: the only one in the workspace)");
      app.add_option("--year", args->request.year,
                     "Validation year (2024-25, or 2024); the fit takes the year before. Default: "
                     "the last complete financial year");
      app.add_option("--practice", args->request.practice,
                     "Show one member practice's pyramid and case-finding list");
      app.add_option("--top", args->request.top, "Patients in the case-finding list (default 20)");
      app.add_option("--save-model", args->request.save_model,
                     "Write the model's coefficients here");
      app.add_option("--model", args->request.model,
                     "Read the coefficients from this file instead of fitting them");
      return [args] { return RunRiskCommand(*args); };
    });

}  // namespace
}  // namespace continuum
