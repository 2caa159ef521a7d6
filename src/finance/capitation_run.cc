#include "finance/capitation_run.h"

#include "finance/capitation_features.h"

namespace continuum {

Result<CapitationReport> RunCapitation(const Population& p, std::span<const int32_t> cost,
                                       const CapitationRequest& request) {
  if (p.events.size() == 0) return Status::NotFound("the workspace holds no activity yet");
  const int last_complete = LastCompleteFinancialYear(p.events);
  const int first_year = FinancialYearOf(p.events.first_day);
  CapitationReport report;
  if (!request.model_path.empty()) {
    auto model = ReadCapitationModel(request.model_path);
    if (!model.ok()) return model.status();
    report.model_path = request.model_path;
    report.models.push_back({std::move(*model)});
    report.validation_year = last_complete > first_year ? last_complete : 0;
  } else {
    report.fit_year = request.fit_year != 0 ? request.fit_year : last_complete - 1;
    if (report.fit_year < first_year || report.fit_year > last_complete) {
      return Status::InvalidInput(
          "cannot fit on " + FormatFinancialYear(report.fit_year) + ": the data's complete " +
          "financial years run from " + FormatFinancialYear(first_year) + " to " +
          FormatFinancialYear(last_complete) + "; choose --fit-year between " +
          std::to_string(first_year) + " and " + std::to_string(last_complete));
    }
    report.validation_year = report.fit_year + 1 <= last_complete ? report.fit_year + 1 : 0;
    const CapitationFeatures fit =
        BuildCapitationFeatures(p, cost, report.fit_year, request.practices);
    report.fit_prior_complete = fit.prior_year_complete;
    report.fit_uncosted_events = fit.uncosted_events;
    for (CapitationModelKind kind : {CapitationModelKind::kAgeSex, CapitationModelKind::kFull}) {
      auto model = FitCapitationModel(fit, kind);
      if (!model.ok()) return model.status();
      report.models.push_back({std::move(*model)});
    }
  }
  BudgetOptions options = request.budget;
  if (options.year == 0) {
    options.year = report.validation_year != 0 ? report.validation_year
                   : report.fit_year != 0      ? report.fit_year + 1
                                               : last_complete + 1;
  }
  // The validation year's features are also the budget's when the years coincide.
  CapitationFeatures budget_features;
  if (report.validation_year != 0) {
    CapitationFeatures validation =
        BuildCapitationFeatures(p, cost, report.validation_year, request.practices);
    report.validation_uncosted_events = validation.uncosted_events;
    for (ModelAssessment& m : report.models) {
      m.validated = true;
      m.validation = ValidateCapitationModel(m.model, validation);
    }
    if (options.year == report.validation_year) budget_features = std::move(validation);
  }
  if (budget_features.year != options.year) {
    budget_features = BuildCapitationFeatures(p, cost, options.year, request.practices);
  }
  auto budget = SetCapitationBudget(p, budget_features, report.models.back().model, options);
  if (!budget.ok()) return budget.status();
  report.budget = std::move(*budget);
  if (request.ico) {
    const std::string& id = p.organisations.ids.Value(*request.ico);
    std::erase_if(report.budget.groups,
                  [&](const BudgetGroup& g) { return !g.ico || g.total.id != id; });
  }
  return report;
}

const BudgetLine* IcoBudget(const CapitationReport& report, std::string_view ico_id) {
  for (const BudgetGroup& g : report.budget.groups)
    if (g.ico && g.total.id == ico_id) return &g.total;
  return nullptr;
}

}  // namespace continuum
