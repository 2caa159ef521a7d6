// continuum budget: fits the capitation model (or reads one), validates it on the next year and
// sets the budget of each ICO and practice for a financial year.
//
// Years are named by the year they start in (2024 is 2024-25). By default the validation year
// is the last complete financial year in the data, the fit year the one before it, and the
// budget year the validation year, so the budget can be read against what was actually spent.
#include <cstdio>

#include "cli/command.h"
#include "cli/open_engine.h"
#include "core/quoted.h"
#include "engine/shard_plan.h"
#include "report/budget_render.h"

namespace continuum {
namespace {

struct BudgetArgs {
  std::string workspace, ico;
  int fit_year = 0, year = 0;
  std::string allocation, per_head;  // pounds
  std::string save_model, model;
  bool json = false;
  TariffArgs tariffs;
};

// An amount in pounds above 0 for `option`, or an error saying so.
Result<Pence> PositivePounds(const std::string& text, const std::string& option) {
  auto pounds = ParsePounds(text);
  if (!pounds.ok() || *pounds == 0)
    return Status::InvalidInput(option + ": " + Quoted(text) +
                                " is not an amount in pounds above 0 (e.g. 1600.00)");
  return pounds;
}

Status RunBudget(const BudgetArgs& args) {
  CapitationRequest request{.fit_year = args.fit_year, .model_path = args.model};
  request.budget.year = args.year;
  if (!args.allocation.empty()) {
    auto pounds = PositivePounds(args.allocation, "--allocation");
    if (!pounds.ok()) return pounds.status();
    request.budget.basis = AllocationBasis::kTotal;
    request.budget.amount = *pounds;
  } else if (!args.per_head.empty()) {
    auto pounds = PositivePounds(args.per_head, "--per-head");
    if (!pounds.ok()) return pounds.status();
    request.budget.basis = AllocationBasis::kPerHead;
    request.budget.amount = *pounds;
  }
  auto engine = OpenEngine(args.workspace, args.ico);
  if (!engine.ok()) return engine.status();
  const Population& p = (*engine)->population();
  auto scope = IcoOption(p, args.ico);
  if (!scope.ok()) return scope.status();
  if (*scope) {
    request.ico = (*scope)->ico;
    // The allocation an ICO's budget is a share of is its commissioner's, as in its contract.
    if (const uint32_t c = CommissionerAbove(p, (*scope)->ico); c != Dictionary::kMissing)
      request.practices = CommissionerPractices(p, c);
  }
  auto costing = CostWithTariffs(args.workspace, p, args.tariffs);
  if (!costing.ok()) return costing.status();
  auto report = RunCapitation(p, costing->cost, request);
  if (!report.ok()) return report.status();
  if (!args.save_model.empty()) {
    CONTINUUM_RETURN_IF_ERROR(WriteCapitationModel(report->models.back().model, args.save_model));
  }
  const std::string text = args.json ? RenderBudgetJson(*report, args.workspace)
                                     : RenderBudgetText(*report, args.workspace);
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
      AddTariffOptions(app, &args->tariffs);
      AddIcoOption(app, &args->ico,
                   "every ICO with its member practices, then the control practices (the "
                   "allocation is shared over all of them in proportion to need either way)");
      return [args] { return RunBudget(*args); };
    });

}  // namespace
}  // namespace continuum
