// A small hand-made plan evaluation for the renderers' tests: one outcome whose programme effect
// is 1.5 (0.5 to 2.5), over periods of three months from 2022-04-01 to 2023-09-30, with the
// pilots given. The plan and outcome live beside the evaluation, which points at them.
//
//   ExamplePlanEvaluation example({{"ZICO1", DayFromCivil(2023, 4, 1), "pilots[0]"}});
//   example.evaluation.outcomes[0].pilots.push_back(...);
#pragma once

#include <memory>
#include <vector>

#include "evaluation/plan_evaluation.h"

namespace continuum {

struct ExamplePlanEvaluation {
  explicit ExamplePlanEvaluation(std::vector<PilotPlan> pilots) {
    plan.file = "plan.json";
    plan.name = "example";
    plan.pilots = std::move(pilots);
    plan.from = DayFromCivil(2022, 4, 1);
    plan.to = DayFromCivil(2023, 9, 30);
    outcome.id = "emergency_admissions";
    outcome.dimension = "utilisation";
    outcome.title = "Emergency admissions";
    outcome.unit = "per 1000";
    evaluation.plan = &plan;
    evaluation.pilots = plan.pilots;
    evaluation.period_starts = plan.PeriodStarts();
    OutcomeEstimate o;
    o.outcome = &outcome;
    o.programme = {"overall", std::nullopt, std::nullopt, 1.5, 0.5, 0.5, 2.5};
    o.summary = "up";
    evaluation.outcomes.push_back(o);
  }
  ExamplePlanEvaluation(const ExamplePlanEvaluation&) = delete;
  ExamplePlanEvaluation& operator=(const ExamplePlanEvaluation&) = delete;

  AnalysisPlan plan;
  OutcomeDefinition outcome;
  PlanEvaluation evaluation;
};

}  // namespace continuum
