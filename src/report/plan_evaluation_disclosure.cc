#include "report/plan_evaluation_disclosure.h"

#include <cmath>
#include <limits>
#include <map>

#include "report/disclosure.h"

namespace continuum {
namespace {

constexpr int kBalanceDigits = 3;
constexpr int kFigureDigits = 4;
constexpr double kWithheld = std::numeric_limits<double>::quiet_NaN();  // rendered as null

void Round(EstimateRow& row) {
  for (double* x : {&row.estimate, &row.std_error, &row.ci_low, &row.ci_high})
    *x = RoundSignificant(*x, kFigureDigits);
}

void Round(std::optional<double>& x) {
  if (x) *x = RoundSignificant(*x, kFigureDigits);
}

void Withhold(EstimateRow& row) {
  row.estimate = row.std_error = row.ci_low = row.ci_high = kWithheld;
}

// A count's mean over practices, rounded to 5 like the count itself.
double RoundToFive(double mean) { return std::round(mean / 5) * 5; }

bool SmallCount(double count) {
  const double n = std::round(count);
  return n >= 1 && n <= kLargestSuppressedCount;
}

// The case-management analysis: its groups' sizes rounded to 5; a share whose patients, or the
// rest, number 1 to 7 withheld with its standardised difference (which with the other group's
// share gives it back); a crude rate over 1 to 7 events withheld; every other figure rounded. Too
// few patients in either group and none of it is shown.
void ControlCaseManagement(PlanEvaluation* shown) {
  CaseManagementEvaluation& cm = *shown->case_management;
  if (cm.cases <= kLargestSuppressedCount || cm.comparison_patients <= kLargestSuppressedCount) {
    shown->warnings.push_back(
        "The case-management analysis is withheld: the rule finds too few patients in a group "
        "to show figures about them");
    shown->case_management.reset();
    return;
  }
  const double size[2] = {static_cast<double>(cm.cases),
                          static_cast<double>(cm.comparison_patients)};
  cm.cases = static_cast<int32_t>(RoundToFive(cm.cases));
  cm.comparison_patients = static_cast<int32_t>(RoundToFive(cm.comparison_patients));
  for (BalanceRow& row : cm.balance) {
    const bool share =
        row.variable == "male" || row.variable.starts_with("emergency admissions in");
    bool withheld = false;
    double* means[2] = {&row.treated_mean, &row.pool_mean};
    for (int g = 0; g < 2; ++g) {
      if (share && (SmallCount(*means[g] * size[g]) || SmallCount((1 - *means[g]) * size[g]))) {
        *means[g] = kWithheld;
        withheld = true;
      } else {
        *means[g] = RoundSignificant(*means[g], kBalanceDigits);
      }
    }
    row.smd_before = withheld ? kWithheld : RoundSignificant(row.smd_before, kBalanceDigits);
    row.matched_treated_mean = row.matched_mean = row.smd_after = kWithheld;
  }
  for (CaseManagementOutcome& o : cm.outcomes) {
    double* rates[4] = {&o.cases_baseline, &o.cases_follow_up, &o.comparison_baseline,
                        &o.comparison_follow_up};
    const bool counts = o.outcome->kind == OutcomeKind::kActivityRate;
    for (int k = 0; k < 4; ++k) {
      *rates[k] = counts && SmallCount(o.totals[k]) ? kWithheld
                                                    : RoundSignificant(*rates[k], kBalanceDigits);
      o.totals[k] = kWithheld;
    }
    for (double* x : {&o.rate_ratio, &o.ci_low, &o.ci_high, &o.std_error}) {
      *x = RoundSignificant(*x, kFigureDigits);
    }
  }
}

}  // namespace

double RoundSignificant(double x, int digits) {
  if (!std::isfinite(x) || x == 0) return x;
  const int magnitude = static_cast<int>(std::floor(std::log10(std::fabs(x))));
  const double scale = std::pow(10.0, digits - 1 - magnitude);
  return std::round(x * scale) / scale;
}

PlanEvaluation ControlPlanEvaluation(const PlanEvaluation& exact, const Population& population) {
  PlanEvaluation shown = exact;
  for (BalanceRow& row : shown.balance) {
    const bool list_size = row.variable == "list_size";
    for (double* x : {&row.treated_mean, &row.pool_mean, &row.matched_treated_mean,
                      &row.matched_mean, &row.smd_before, &row.smd_after}) {
      const bool mean = x != &row.smd_before && x != &row.smd_after;
      *x = RoundSignificant(list_size && mean ? RoundToFive(*x) : *x, kBalanceDigits);
    }
  }
  // Each pilot's practices, members on its start (as the evaluation took them).
  std::map<std::string, int> practices_of;
  for (const PilotPlan& pilot : exact.pilots) {
    const uint32_t ico = population.organisations.ids.Find(pilot.ico);
    for (const std::string& id : exact.pilot_practices) {
      const uint32_t practice = population.organisations.ids.Find(id);
      if (practice != Dictionary::kMissing && population.IcoOn(practice, pilot.start) == ico)
        ++practices_of[pilot.ico];
    }
  }
  const int all = static_cast<int>(exact.pilot_practices.size());
  for (OutcomeEstimate& o : shown.outcomes) {
    Round(o.programme);
    o.treated_after = RoundSignificant(o.treated_after, kFigureDigits);
    o.counterfactual = RoundSignificant(o.counterfactual, kFigureDigits);
    Round(o.relative);
    Round(o.relative_low);
    Round(o.relative_high);
    if (o.spend_against_comparison) Round(*o.spend_against_comparison);
    for (EstimateRow& row : o.event_study) Round(row);
    Round(o.pre_trend_p_value);
    for (PilotEffect& p : o.pilots) {
      Round(p.effect);
      if (practices_of[p.ico] < kFewestPractices) Withhold(p.effect);
    }
    if (o.placebo_in_time) Round(*o.placebo_in_time);
    if (o.placebo_in_space) Round(*o.placebo_in_space);
    for (PilotEffect& p : o.leave_one_out) {
      Round(p.effect);
      if (all - practices_of[p.ico] < kFewestPractices) Withhold(p.effect);
    }
    Round(o.e_value);
    Round(o.e_value_interval);
  }
  if (shown.case_management) ControlCaseManagement(&shown);
  return shown;
}

}  // namespace continuum
