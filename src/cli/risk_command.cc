// continuum risk: who is likely to be admitted as an emergency in the next year, and why. Fits
// the risk model on the year before the validation year (by default the last complete one),
// validates it there, and scores the ICO's lists on the day after the data's last complete year
// for the risk pyramid by practice and the case-finding list.
#include <cstdio>

#include "cli/command.h"
#include "cli/open_engine.h"
#include "finance/ico_scope.h"
#include "report/risk_render.h"

namespace continuum {
namespace {

struct RiskArgs {
  std::string workspace, ico, year, practice, save_model, model;
  int top = 20;
  bool json = false;
};

Status RunRiskCommand(const RiskArgs& args) {
  RiskRequest request{.model_path = args.model, .top = args.top};
  if (!args.year.empty()) {
    auto year = ParseFinancialYear(args.year);
    if (!year.ok()) return Status::InvalidInput("--year: " + year.status().message());
    request.validation_year = *year;
  }
  if (args.top < 0)
    return Status::InvalidInput("--top: must be 0 or more, not " + std::to_string(args.top));
  auto engine = OpenEngine(args.workspace, args.ico);
  if (!engine.ok()) return engine.status();
  const Population& p = (*engine)->population();
  auto ico = ChooseIco(p, args.ico);
  if (!ico.ok()) return ico.status();
  auto scope = IcoScopeOf(p, p.organisations.ids.Value(*ico), "--ico");
  if (!scope.ok()) return scope.status();
  if (!args.practice.empty()) {
    const uint32_t org = p.organisations.ids.Find(args.practice);
    if (org == Dictionary::kMissing || !scope->member[org])
      return Status::NotFound("--practice " + args.practice + ": not a member practice of " +
                              p.organisations.ids.Value(*ico));
    request.practice = org;
  }
  auto report = RunRisk(p, scope->member, request);
  if (!report.ok()) return report.status();
  if (!args.save_model.empty()) {
    CONTINUUM_RETURN_IF_ERROR(WriteRiskModel(report->model, args.save_model));
  }
  const std::string out = RenderRisk(
      *report, p, {.workspace = args.workspace, .ico = *ico, .practice = request.practice},
      args.json ? OutputFormat::kJson : OutputFormat::kText);
  std::fwrite(out.data(), 1, out.size(), stdout);
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
      app.add_option("--ico", args->ico, "The ICO (default: the only one in the workspace)");
      app.add_option("--year", args->year,
                     "Validation year (2024-25, or 2024); the fit takes the year before. Default: "
                     "the last complete financial year");
      app.add_option("--practice", args->practice,
                     "Show one member practice's pyramid and case-finding list");
      app.add_option("--top", args->top, "Patients in the case-finding list (default 20)");
      app.add_option("--save-model", args->save_model, "Write the model's coefficients here");
      app.add_option("--model", args->model,
                     "Read the coefficients from this file instead of fitting them");
      return [args] { return RunRiskCommand(*args); };
    });

}  // namespace
}  // namespace continuum
