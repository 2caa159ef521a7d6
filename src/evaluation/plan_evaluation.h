// `continuum evaluate --plan`: an analysis plan run on a workspace. The pilots' member practices
// are matched to comparison practices (practices in no ICO) on their baseline; each outcome is
// measured for every practice and period and estimated by the staggered difference-in-
// differences of evaluation/panel_evaluation.h, clustered by practice, for the programme and for
// each pilot; then the tests that try to break each finding: a false start in time, control
// practices treated as pilots, each pilot left out in turn, and the E-value for unmeasured
// confounding. One function the command line, the server and the Python package share.
//
//   Result<PlanEvaluation> e = EvaluatePlan(population, plan, catalogue, responses);
//   e->outcomes[0].programme.estimate;   e->outcomes[0].summary;
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/population.h"
#include "evaluation/analysis_plan.h"
#include "evaluation/case_management.h"
#include "evaluation/matching.h"
#include "evaluation/panel_evaluation.h"
#include "store/voice.h"

namespace continuum {

struct PilotEffect {
  std::string ico;
  EstimateRow effect;         // "overall" over the pilot's practices and their matches
  std::string not_estimated;  // why, when it could not be estimated; the figures are then NaN
};

struct OutcomeEstimate {
  const OutcomeDefinition* outcome = nullptr;
  std::string not_estimated;  // why, when it could not be estimated; the rest is then empty
  int32_t treated_practices = 0, comparison_practices = 0;
  int32_t dropped_practices = 0;  // with a period the outcome cannot be measured in
  EstimateRow programme;          // the overall effect over every pilot
  // The pilots' mean after their starts, and what it would have been without them (that less
  // the effect); the effect relative to the latter, with its interval, when it is positive.
  double treated_after = 0;
  double counterfactual = 0;
  std::optional<double> relative, relative_low, relative_high;
  // Cost outcomes, the benefit to the commissioner: the effect times the pilots' registered
  // patient-years since their starts, in pounds (positive: spent beyond what the comparison
  // implies), with its interval.
  std::optional<EstimateRow> spend_against_comparison;
  std::vector<EstimateRow> event_study;
  std::optional<double> pre_trend_p_value;  // none when no period before a start was estimated
  std::vector<PilotEffect> pilots;
  std::optional<EstimateRow> placebo_in_time;
  std::string placebo_in_time_not_run;  // why, when the plan asked for it and it was not run
  std::optional<EstimateRow> placebo_in_space;
  std::string placebo_in_space_not_run;
  std::vector<PilotEffect> leave_one_out;  // the programme's effect without each pilot
  // VanderWeele and Ding's E-value for the effect and for the interval's limit nearest no effect.
  std::optional<double> e_value, e_value_interval;
  std::vector<std::string> warnings;
  std::string summary;  // one paragraph in plain language
  // The programme's panel of practices by periods (periods numbered from 1, each practice its own
  // cluster): `evaluate --panel` on it, with the plan's estimator, gives `programme` again.
  PanelFile panel;
};

struct PlanEvaluation {
  const AnalysisPlan* plan = nullptr;
  std::vector<PilotPlan> pilots;  // the plan's, or with "every_ico" the workspace's ICOs
  std::vector<Day> period_starts;
  std::vector<std::string> pilot_practices;       // org_ids, in pilot order
  std::vector<std::string> pool_practices;        // every practice that could serve as comparison
  std::vector<std::string> comparison_practices;  // those matched
  std::vector<std::string> unmatched_practices;   // pilot practices with no match in the caliper
  std::vector<BalanceRow> balance;
  std::vector<OutcomeEstimate> outcomes;
  // The benefit to the commissioner in plain language: each cost outcome's spend against what the
  // comparison implies, shown under its own dimension.
  std::vector<std::string> commissioner_benefit;
  // The patient-level evaluation of case management, when the plan asks for it.
  std::optional<CaseManagementEvaluation> case_management;
  std::vector<std::string> warnings;
};

// InvalidInput naming the plan's field when a pilot is not an ICO of the workspace, has no member
// practice, finds no comparison practice within the caliper, or when matching leaves fewer
// comparison practices than pilots; or when the periods fall outside the data.
Result<PlanEvaluation> EvaluatePlan(const Population& population, const AnalysisPlan& plan,
                                    const std::vector<OutcomeDefinition>& catalogue,
                                    std::span<const VoiceResponse> responses = {});

}  // namespace continuum
