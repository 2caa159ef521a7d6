#include "report/risk_request.h"

#include "clinical/risk_model.h"
#include "finance/ico_scope.h"
#include "report/report_inputs.h"
#include "report/risk_render.h"

namespace continuum {

Result<std::string> RiskReportText(const Population& p, const std::string& workspace_path,
                                   const RiskReportRequest& args, OutputFormat format) {
  RiskRequest request{.model_path = args.model, .top = args.top};
  if (!args.year.empty()) {
    auto year = ParseFinancialYear(args.year);
    if (!year.ok()) return Status::InvalidInput("--year: " + year.status().message());
    request.validation_year = *year;
  }
  if (args.top < 0)
    return Status::InvalidInput("--top: must be 0 or more, not " + std::to_string(args.top));
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
  return RenderRisk(
      *report, p, {.workspace = workspace_path, .ico = *ico, .practice = request.practice}, format);
}

}  // namespace continuum
