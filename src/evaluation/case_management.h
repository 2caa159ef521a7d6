// The patient-level evaluation of case management (the subgroup RAND Europe and Ernst & Young's
// evaluation of the Integrated Care Pilots, 2012, reported apart): the patients an ICO finds by a
// published case-finding rule on its case-finding day, against the patients the same rule finds
// on the same day in the comparison practices, so that both groups are selected alike and regress
// to the mean alike (Roland et al., BMJ 2005;330:289). Each outcome's rate over the follow-up is
// compared by Poisson regression adjusted for age, sex, deprivation, recorded conditions, the
// practice's habits and each patient's use in the year before the rule looked (the baseline,
// which the rule did not select on) and in the year it looked; a rate ratio with a robust 95%
// interval. docs/evaluation.md gives the method and why it is built so.
//
//   Result<CaseManagementEvaluation> e = EvaluateCaseManagement(population, plan, pilots, pool);
//   e->outcomes[0].rate_ratio;   e->cases;
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/population.h"
#include "evaluation/matching.h"
#include "evaluation/outcome_catalogue.h"

namespace continuum {

struct CaseManagementPlan {
  // The rule: registered with a pilot's practice on the case-finding day, aged at least
  // `min_age` then, with at least `min_emergency_admissions` in the year before.
  int32_t min_age = 65;
  int32_t min_emergency_admissions = 2;
  // The case-finding day; when absent, each pilot's is the first 1 April a year or more after
  // its start with two years of activity before it (DefaultCaseFindingDay).
  std::optional<Day> found_on;
  // Activity-rate or cost outcomes of the catalogue; none means emergency admissions, elective
  // admissions and outpatient attendances.
  std::vector<const OutcomeDefinition*> outcomes;
  std::string path = "case_management";  // where the plan has it, for messages
};

struct CaseManagementPilot {
  uint32_t ico = 0;  // organisation index
  std::string name;  // its org_id
  Day start = 0;     // the pilot's start
};

struct CaseManagementOutcome {
  const OutcomeDefinition* outcome = nullptr;
  // Crude rates a person a year (pounds a person a year for costs): in the baseline year and
  // over the follow-up, for the cases and the comparison patients.
  double cases_baseline = 0, cases_follow_up = 0;
  double comparison_baseline = 0, comparison_follow_up = 0;
  // The adjusted rate ratio (cases against comparison over the follow-up), its interval, and the
  // standard error of its log.
  double rate_ratio = 1, ci_low = 1, ci_high = 1, std_error = 0;
  // The events (pounds for costs) behind the four crude rates, in their order: what disclosure
  // control weighs before it shows a rate.
  double totals[4] = {0, 0, 0, 0};
  std::string summary;
};

struct CaseManagementEvaluation {
  CaseManagementPlan plan;
  std::vector<std::pair<std::string, Day>> found_on;  // each pilot's case-finding day
  Day follow_up_to = 0;                               // the last day followed
  int32_t cases = 0, comparison_patients = 0;
  std::vector<BalanceRow> balance;  // the two groups on the finding day (no matching)
  std::vector<CaseManagementOutcome> outcomes;
  std::vector<std::string> warnings;
};

// The default case-finding day of a pilot that started on `start`, in a workspace whose activity
// begins on `first_day`: the first 1 April a year or more after the start with two years of
// activity before it.
Day DefaultCaseFindingDay(Day start, Day first_day);

// `pool` holds the comparison practices (organisation indexes); follow-up runs to `to`.
// InvalidInput naming the plan's field when `found_on` leaves less than two years of activity
// before it, when no pilot finds its cases within the periods (one that does not is left out
// with a warning), or when either group has no patient the rule finds.
Result<CaseManagementEvaluation> EvaluateCaseManagement(const Population& p,
                                                        const CaseManagementPlan& plan,
                                                        std::span<const CaseManagementPilot> pilots,
                                                        std::span<const uint32_t> pool, Day to,
                                                        const std::string& file);

}  // namespace continuum
