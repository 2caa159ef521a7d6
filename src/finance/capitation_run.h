// A whole capitation run, as `continuum budget` and a contract's per-head budget use it: fit
// the age-sex and full models on one year (or read coefficients from a file), validate them on
// the next, and set each ICO's and practice's budget for a year.
//
//   auto run = RunCapitation(population, costing.cost, {.budget = {.year = 2024}});
//   run->budget.groups[0].total.budget
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "finance/capitation_budget.h"
#include "finance/capitation_model.h"

namespace continuum {

// One model and, when the data allowed, how it did on its validation year.
struct ModelAssessment {
  CapitationModel model;
  bool validated = false;
  CapitationValidation validation;
};

struct CapitationRequest {
  int fit_year = 0;        // 0: the year before the last complete one
  std::string model_path;  // read the coefficients from here instead of fitting
  BudgetOptions budget;    // budget.year 0: the validation year (the last complete one)
  // The ICO (organisation index) whose budget alone to report, or every ICO and the control
  // practices. The model and the shares are the same either way: the allocation is shared over
  // everyone in proportion to need, and this keeps only the ICO's group of lines.
  std::optional<uint32_t> ico;
  // By organisation, the practices whose lists the model is fitted on and the allocation shared
  // over (a commissioner's: engine/shard_plan.h's CommissionerPractices); empty: every practice.
  std::vector<uint8_t> practices;
};

struct CapitationReport {
  std::string model_path;   // the coefficients file read, or empty for models fitted here
  int fit_year = 0;         // the target year fitted on; 0 when the model was read from a file
  int validation_year = 0;  // 0 when no later complete year was there to validate on
  bool fit_prior_complete = true;  // the fit's features saw the whole year before
  int64_t fit_uncosted_events = 0, validation_uncosted_events = 0;
  std::vector<ModelAssessment> models;  // age-sex then full; the last one set the budget
  CapitationBudget budget;
};

Result<CapitationReport> RunCapitation(const Population& population,
                                       std::span<const int32_t> event_cost,
                                       const CapitationRequest& request);

// The budget line of ICO `ico_id` in a run, or nullptr.
const BudgetLine* IcoBudget(const CapitationReport& report, std::string_view ico_id);

}  // namespace continuum
