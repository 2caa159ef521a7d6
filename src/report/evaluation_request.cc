#include "report/evaluation_request.h"

#include "core/named_text.h"
#include "evaluation/panel_evaluation.h"
#include "evaluation/panel_file.h"
#include "report/evaluation_render.h"
#include "store/voice.h"
#include "store/workspace.h"

namespace continuum {
namespace {

constexpr int32_t kFewestReplicates = 99;

}  // namespace

Result<PlanFileEvaluation> EvaluatePlanFile(const Population& population,
                                            const std::string& workspace_path,
                                            const std::string& plan_path) {
  Result<NamedText> file = ReadNamedText(plan_path);
  if (!file.ok()) return file.status();
  Result<PlanText> read = ReadPlanText(*file);
  if (!read.ok()) return read.status();
  return EvaluatePlanText(population, workspace_path, std::move(*read));
}

Result<PlanFileEvaluation> EvaluatePlanText(const Population& population,
                                            const std::string& workspace_path, PlanText plan) {
  PlanFileEvaluation out{.plan = std::make_unique<PlanText>(std::move(plan))};
  auto workspace = Workspace::Open(workspace_path, Workspace::kReadOnly);
  if (!workspace.ok()) return workspace.status();
  Result<std::vector<VoiceResponse>> responses = VoiceStore(**workspace).All();
  if (!responses.ok()) return responses.status();
  Result<PlanEvaluation> evaluation =
      EvaluatePlan(population, out.plan->plan, *out.plan->catalogue, *responses);
  if (!evaluation.ok()) return evaluation.status();
  out.evaluation = std::move(*evaluation);
  return out;
}

Result<std::string> PanelEvaluationText(const CsvFile& file, const PanelRequest& request,
                                        OutputFormat format) {
  if (request.comparison != "never_treated" && request.comparison != "not_yet_treated") {
    return Status::InvalidInput("--comparison " + request.comparison +
                                ": choose never_treated or not_yet_treated");
  }
  if (request.replicates < kFewestReplicates) {
    return Status::InvalidInput("--replicates " + std::to_string(request.replicates) +
                                " is too few for a 95% interval; give at least " +
                                std::to_string(kFewestReplicates) + " (999 is the default)");
  }
  auto panel = ReadPanelFile(file);
  if (!panel.ok()) return panel.status();
  PanelEvaluationOptions options;
  options.comparison = request.comparison == "not_yet_treated" ? ComparisonUnits::kNotYetTreated
                                                               : ComparisonUnits::kNeverTreated;
  options.bootstrap.replicates = request.replicates;
  options.bootstrap.seed = request.seed;
  auto evaluation = EvaluatePanel(*panel, options);
  if (!evaluation.ok()) return evaluation.status();
  return RenderPanelEvaluation(*evaluation, format);
}

}  // namespace continuum
