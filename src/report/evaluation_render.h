// Printing `continuum evaluate --panel`: a report for people (the overall effect, per group, the
// event study with its pre-trend test, the regressions beside it, and the warnings), the
// estimates as CSV (estimand,group,time,estimate,std_error,ci_low,ci_high) for comparison with
// other implementations, or everything as JSON.
//
//   std::string text = RenderPanelEvaluation(*result, OutputFormat::kCsv);
#pragma once

#include <string>

#include "evaluation/panel_evaluation.h"
#include "report/output_format.h"

namespace continuum {

std::string RenderPanelEvaluation(const PanelEvaluation& evaluation, OutputFormat format);

}  // namespace continuum
