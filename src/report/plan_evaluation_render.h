// Printing `continuum evaluate --plan`: for people, the plan, the matched comparison with its
// balance table, and per dimension each outcome's finding in plain language with its estimates,
// event study, per-pilot effects and the tests that try to break it; JSON for programs.
//
//   std::string text = RenderPlanEvaluation(*evaluation, OutputFormat::kText);
#pragma once

#include <string>

#include "evaluation/plan_evaluation.h"
#include "report/output_format.h"

namespace continuum {

std::string RenderPlanEvaluation(const PlanEvaluation& evaluation, OutputFormat format);

}  // namespace continuum
