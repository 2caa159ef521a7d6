// `continuum evaluate` as functions the command line and the Python package both call: a plan's
// evaluation on a workspace (read as `evaluate add` and the server read a stored plan), and a
// panel's staggered difference-in-differences.
//
//   Result<PlanFileEvaluation> e = EvaluatePlanFile(population, "ico.db", "plan.json");
//   Result<std::string> json = PanelEvaluationText(*CsvFile::Read("panel.csv"), {},
//                                                  OutputFormat::kJson);
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/csv.h"
#include "engine/population.h"
#include "evaluation/plan_evaluation.h"
#include "evaluation/plan_text.h"
#include "report/output_format.h"

namespace continuum {

// A plan's evaluation with the plan and outcome catalogue it points into, kept together.
struct PlanFileEvaluation {
  std::unique_ptr<PlanText> plan;
  PlanEvaluation evaluation;
};

// The plan in `plan_path` evaluated on `population`, with the survey responses the workspace at
// `workspace_path` has recorded.
Result<PlanFileEvaluation> EvaluatePlanFile(const Population& population,
                                            const std::string& workspace_path,
                                            const std::string& plan_path);
// The same for a plan already read (the command line reads it before loading the engine, so that
// a mistake in it is reported at once).
Result<PlanFileEvaluation> EvaluatePlanText(const Population& population,
                                            const std::string& workspace_path, PlanText plan);

struct PanelRequest {
  std::string comparison = "never_treated";  // or "not_yet_treated"
  int32_t replicates = 999;                  // wild cluster bootstrap replicates, 99 or more
  uint64_t seed = 20090401;
};

// The panel's evaluation rendered (text, CSV of estimates, or JSON).
Result<std::string> PanelEvaluationText(const CsvFile& panel, const PanelRequest& request,
                                        OutputFormat format);

}  // namespace continuum
