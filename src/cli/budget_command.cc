// continuum budget: fits the capitation model (or reads one), validates it on the next year and
// sets the budget of each ICO and practice for a financial year.
//
// Years are named by the year they start in (2024 is 2024-25). By default the validation year
// is the last complete financial year in the data, the fit year the one before it, and the
// budget year the validation year, so the budget can be read against what was actually spent.
#include <cstdio>

#include "cli/command.h"
#include "engine/engine.h"
#include "finance/capitation_budget.h"
#include "finance/capitation_features.h"
#include "finance/capitation_model.h"
#include "report/budget_render.h"

namespace continuum {
namespace {

struct BudgetArgs {
  std::string workspace;
  int fit_year = 0, year = 0;
  std::string allocation, per_head;  // pounds
  std::string save_model, model;
  bool json = false;
};

// The last financial year the events cover (to within its last month), or 0.
int LastCompleteYear(const EventColumns& e) {
  if (e.size() == 0) return 0;
  const int year = FinancialYearOf(e.last_day);
  return e.last_day > FinancialYearEnd(year) - 31 ? year : year - 1;
}

Status RunBudget(const BudgetArgs& args) {
  BudgetOptions options;
  if (!args.allocation.empty()) {
    auto pounds = ParsePounds(args.allocation);
    if (!pounds.ok()) return pounds.status().WithContext("--allocation");
    options.basis = AllocationBasis::kTotal;
    options.amount = *pounds;
  } else if (!args.per_head.empty()) {
    auto pounds = ParsePounds(args.per_head);
    if (!pounds.ok()) return pounds.status().WithContext("--per-head");
    options.basis = AllocationBasis::kPerHead;
    options.amount = *pounds;
  }
  auto workspace = Workspace::Open(args.workspace, Workspace::kReadOnly);
  if (!workspace.ok()) return workspace.status();
  auto engine = Engine::Open(**workspace);
  if (!engine.ok()) return engine.status();
  const Population& p = (*engine)->population();
  if (p.patients.size() == 0 || p.events.size() == 0) {
    return Status::NotFound("workspace " + args.workspace +
                            " holds no activity yet; import a folder first: continuum import DIR "
                            "--workspace " +
                            args.workspace);
  }
  // Costs as stored, until a tariff prices the events.
  const std::span<const int32_t> cost = p.events.cost;
  const int last_complete = LastCompleteYear(p.events);
  const int first_year = FinancialYearOf(p.events.first_day);

  CapitationReport report;
  report.workspace = args.workspace;
  if (!args.model.empty()) {
    auto model = ReadCapitationModel(args.model);
    if (!model.ok()) return model.status();
    report.model_path = args.model;
    report.models.push_back({std::move(*model)});
    report.validation_year = last_complete > first_year ? last_complete : 0;
  } else {
    report.fit_year = args.fit_year != 0 ? args.fit_year : last_complete - 1;
    if (report.fit_year < first_year || report.fit_year > last_complete) {
      return Status::InvalidInput(
          "cannot fit on " + FormatFinancialYear(report.fit_year) + ": the data's complete " +
          "financial years run from " + FormatFinancialYear(first_year) + " to " +
          FormatFinancialYear(last_complete) + "; choose --fit-year between " +
          std::to_string(first_year) + " and " + std::to_string(last_complete));
    }
    report.validation_year = report.fit_year + 1 <= last_complete ? report.fit_year + 1 : 0;
    const CapitationFeatures fit = BuildCapitationFeatures(p, cost, report.fit_year);
    report.fit_prior_complete = fit.prior_year_complete;
    report.fit_uncosted_events = fit.uncosted_events;
    for (CapitationModelKind kind : {CapitationModelKind::kAgeSex, CapitationModelKind::kFull}) {
      auto model = FitCapitationModel(fit, kind);
      if (!model.ok()) return model.status();
      report.models.push_back({std::move(*model)});
    }
  }
  options.year = args.year != 0                ? args.year
                 : report.validation_year != 0 ? report.validation_year
                 : report.fit_year != 0        ? report.fit_year + 1
                                               : last_complete + 1;

  // The validation year's features are also the budget's when the years coincide.
  CapitationFeatures budget_features;
  if (report.validation_year != 0) {
    CapitationFeatures validation = BuildCapitationFeatures(p, cost, report.validation_year);
    report.validation_uncosted_events = validation.uncosted_events;
    for (ModelAssessment& m : report.models) {
      m.validated = true;
      m.validation = ValidateCapitationModel(m.model, validation);
    }
    if (options.year == report.validation_year) budget_features = std::move(validation);
  }
  if (budget_features.year != options.year) {
    budget_features = BuildCapitationFeatures(p, cost, options.year);
  }
  auto budget = SetCapitationBudget(p, budget_features, report.models.back().model, options);
  if (!budget.ok()) return budget.status();
  report.budget = std::move(*budget);
  if (!args.save_model.empty()) {
    CONTINUUM_RETURN_IF_ERROR(WriteCapitationModel(report.models.back().model, args.save_model));
  }
  const std::string text = args.json ? RenderBudgetJson(report) : RenderBudgetText(report);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return Status::Ok();
}

CommandRegistration kBudget(
    "budget",
    "Fit the capitation model, validate it on the next year and set each ICO's and practice's "
    "budget",
    [](CLI::App& app) -> CommandRun {
      auto args = std::make_shared<BudgetArgs>();
      AddWorkspaceOption(app, &args->workspace);
      app.add_option("--fit-year", args->fit_year,
                     "Financial year to fit on, by its starting year (2023 = 2023-24); default "
                     "the year before the last complete one");
      app.add_option("--year", args->year,
                     "Financial year to budget for (default: the validation year, the last "
                     "complete one)");
      auto* allocation = app.add_option("--allocation", args->allocation,
                                        "The commissioner's total allocation in pounds");
      app.add_option("--per-head", args->per_head,
                     "An envelope in pounds per unweighted head, instead of --allocation")
          ->excludes(allocation);
      app.add_option("--save-model", args->save_model, "Write the full model's coefficients here");
      app.add_option("--model", args->model,
                     "Read the coefficients from this file instead of fitting them");
      AddJsonOption(app, &args->json);
      return [args] { return RunBudget(*args); };
    });

}  // namespace
}  // namespace continuum
