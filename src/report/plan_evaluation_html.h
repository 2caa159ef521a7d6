// The evaluation report an evaluator can hand over: `continuum evaluate --plan F --report
// out.html` writes one self-contained HTML file (styles inline, charts as inline SVG, nothing
// loaded from anywhere) with the findings per dimension in plain language, the plan, the matched
// comparison and its balance, every outcome's estimates and event study, and the tests that try
// to break each finding. The same evaluation gives the same bytes (no date or time is written).
//
//   std::string html = RenderPlanEvaluationHtml(*evaluation);
#pragma once

#include <string>

#include "evaluation/plan_evaluation.h"

namespace continuum {

std::string RenderPlanEvaluationHtml(const PlanEvaluation& evaluation);

}  // namespace continuum
