// What `continuum risk` prints: how the emergency-admission risk model was fitted and how it did
// on a year it did not see (c-statistic, calibration by decile, Brier score, PPV and sensitivity
// at the top 0.5%, 1% and 5%), its largest coefficients as odds ratios, the risk pyramid by
// member practice and the case-finding list with each patient's leading factors, each with
// its coverage line; as text tables or JSON.
//
//   auto run = RunRisk(population, scope.member, request);
//   std::string text = RenderRisk(*run, population, {.workspace = "ws.db", .ico = scope.ico},
//                                 OutputFormat::kText);
#pragma once

#include <string>

#include "clinical/risk_run.h"
#include "report/disclosure.h"
#include "report/output_format.h"

namespace continuum {

struct RiskRenderOptions {
  std::string workspace;
  uint32_t ico = 0;                // organisation index
  uint32_t practice = UINT32_MAX;  // show this member practice only
  int coefficients = 15;           // coefficients listed in the text
};

std::string RenderRisk(const RiskReport& report, const Population& population,
                       const RiskRenderOptions& options, OutputFormat format);

// One member practice's patients from the report's case-finding list, highest risk first, at
// most `limit`, as JSON (patient-identifiable: for entitled roles only).
std::string RenderCaseFindingJson(const RiskReport& report, const Population& population,
                                  uint32_t practice, size_t limit);

// The model, its validation and the risk pyramid by practice, without the case-finding list, as
// JSON for an audience: under Disclosure::kControlled the report comes from ControlRisk
// (report/risk_disclosure.h), its pyramids' counts as shown (-1 withheld), every other count is
// suppressed (1-7) or rounded to 5, and no risk shown is one patient's own.
std::string RenderRiskAggregatesJson(const RiskReport& report, const Population& population,
                                     uint32_t ico, Disclosure disclosure);

}  // namespace continuum
