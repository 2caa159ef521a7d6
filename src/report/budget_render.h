// What `continuum budget` prints: the capitation model and how it was fitted, its validation R²
// beside the published PBRA figures, its largest coefficients, and the budget by ICO and
// practice, as text tables or JSON.
//
//   auto report = RunCapitation(population, costing.cost, request);
//   std::cout << RenderBudgetText(*report, "ws.db");   // or RenderBudgetJson
#pragma once

#include <string>
#include <vector>

#include "finance/capitation_run.h"

namespace continuum {

// Dixon et al., BMJ 2011;343:d6608, table 1: R² on the validation samples.
struct PublishedR2 {
  double person, practice;
};
PublishedR2 PublishedFigures(CapitationModelKind kind);

std::string RenderBudgetText(const CapitationReport& report, const std::string& workspace);
std::string RenderBudgetJson(const CapitationReport& report, const std::string& workspace);

}  // namespace continuum
