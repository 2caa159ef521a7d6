// What `continuum budget` prints: the capitation model and how it was fitted, its validation R²
// beside the published PBRA figures, its largest coefficients, and the budget by ICO and
// practice, as text tables or JSON.
//
//   CapitationReport report = ...;   // filled by cli/budget_command.cc
//   std::cout << RenderBudgetText(report);   // or RenderBudgetJson(report)
#pragma once

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

struct CapitationReport {
  std::string workspace;
  std::string model_path;   // the coefficients file read, or empty for models fitted here
  int fit_year = 0;         // the target year fitted on; 0 when the model was read from a file
  int validation_year = 0;  // 0 when no later complete year was there to validate on
  bool fit_prior_complete = true;  // the fit's features saw the whole year before
  int64_t fit_uncosted_events = 0, validation_uncosted_events = 0;
  std::vector<ModelAssessment> models;  // age-sex then full; the last one set the budget
  CapitationBudget budget;
};

// Dixon et al., BMJ 2011;343:d6608, table 1: R² on the validation samples.
struct PublishedR2 {
  double person, practice;
};
PublishedR2 PublishedFigures(CapitationModelKind kind);

std::string RenderBudgetText(const CapitationReport& report);
std::string RenderBudgetJson(const CapitationReport& report);

}  // namespace continuum
