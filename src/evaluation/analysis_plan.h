// The evaluation's analysis plan, a JSON file written before anyone looks at the outcomes (as the
// Health Foundation's Improvement Analytics Unit publishes its protocols): the pilots and their
// start dates, the comparison (which practices may serve, what they are matched on, how), the
// periods, the outcomes, the estimator and the tests that try to break the finding.
// `continuum evaluate --plan F` runs it (evaluation/plan_evaluation.h); docs/evaluation.md gives
// every field.
//
//   Result<AnalysisPlan> plan = ReadAnalysisPlan(*JsonDocument::Read("plan.json"), catalogue);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "codec/json_reader.h"
#include "core/date.h"
#include "evaluation/case_management.h"
#include "evaluation/outcome_catalogue.h"
#include "stats/staggered_did.h"

namespace continuum {

struct PilotPlan {
  std::string ico;   // the ICO's org_id
  Day start = 0;     // the day it started: the first day of a period
  std::string path;  // where the plan names it ("pilots[0]"), for messages
};

// What practices are matched on, each measured over the period before the first start.
enum class MatchVariable {
  kListSize,                  // patients registered on the day of the first period
  kAged65Plus,                // share of them aged 65 and over
  kDeprivation,               // their mean IMD decile
  kConditions,                // recorded long-term conditions per patient
  kPriorEmergencyAdmissions,  // per 1,000 a year before the start
  kPriorCostPerHead,          // pounds a head a year before the start
  kPreTrend,                  // the slope of cost per head over the periods before the start
};
inline constexpr std::string_view kMatchVariableCodes[] = {"list_size",
                                                           "aged_65_plus",
                                                           "deprivation",
                                                           "conditions",
                                                           "prior_emergency_admissions",
                                                           "prior_cost_per_head",
                                                           "pre_trend"};

struct AnalysisPlan {
  std::string file;
  std::string name;
  std::vector<PilotPlan> pilots;
  // "pilots": "every_ico": every ICO of the workspace, each from the day its first member joined
  // (memberships.csv), resolved when the plan runs; `pilots` is then empty.
  bool every_ico = false;
  // The comparison pool: practices that are no ICO's member within the periods.
  std::vector<MatchVariable> match_on;
  int32_t matches = 3;  // comparison practices per pilot practice, nearest first
  // The largest Mahalanobis distance a match may have: 3 keeps matches alike on the six default
  // characteristics (two practices drawn at random lie about √12 ≈ 3.5 apart) yet lets a
  // commissioner's handful of control practices serve.
  double caliper = 3.0;
  Day from = 0, to = 0;  // the periods: `period_months` long from `from`, ending on `to`
  int32_t period_months = 3;
  std::vector<const OutcomeDefinition*> outcomes;  // into the catalogue
  ComparisonUnits comparison = ComparisonUnits::kNeverTreated;
  int32_t replicates = 999;
  uint64_t seed = 20090401;
  // The tests that try to break the finding.
  int32_t placebo_periods_before = 2;  // a false start this many periods early; 0: not run
  bool placebo_in_space = true;
  bool leave_one_pilot_out = true;
  bool e_value = true;
  // The patient-level evaluation of case management (evaluation/case_management.h), when asked.
  std::optional<CaseManagementPlan> case_management;

  // The periods' first days, and the day after the last.
  std::vector<Day> PeriodStarts() const;
};

// Reads and checks the plan's own shape: InvalidInput naming the file and field of an unknown
// outcome, match variable or field, a period that is not whole months, a pilot's start that is
// not the first day of a period, and so on. What depends on the workspace (an ICO that does not
// exist) is checked when the plan runs.
Result<AnalysisPlan> ReadAnalysisPlan(const JsonDocument& document,
                                      const std::vector<OutcomeDefinition>& catalogue);

}  // namespace continuum
