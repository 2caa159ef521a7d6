#include "evaluation/case_management.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "engine/registered_on.h"
#include "stats/distributions.h"
#include "stats/poisson_regression.h"

namespace continuum {
namespace {

constexpr double kDaysAYear = 365.25;

// One patient the rule finds, on their case-finding day.
struct Found {
  uint32_t patient = 0;
  uint32_t practice = 0;
  bool case_managed = false;  // found in a pilot's practice
  Day day = 0, last = 0;      // the case-finding day, and the last day followed
  double age = 0, male = 0, deprivation = 0, conditions = 0;
  double baseline_years = 0, follow_up_years = 0;
  int32_t emergencies = 0;  // in the year before the day, that the rule counted
  // By outcome: in the baseline year, the year before the day, and the follow-up.
  std::vector<double> baseline, lookback, follow_up;
};

bool Counts(const OutcomeDefinition& o, Setting setting) {
  return std::find(o.settings.begin(), o.settings.end(), setting) != o.settings.end();
}

// The days [from, to] of registration `r` the patient was on the list, as years.
double YearsOn(const Population& p, size_t r, Day from, Day to) {
  const Day first = std::max(from, p.registrations.start[r]);
  const Day last = std::min(to, LastDayOn(p, r));
  return last >= first ? (last - first + 1) / kDaysAYear : 0.0;
}

// Everyone the rule finds on `day` among the patients of `practices` (organisation index →
// whether a pilot's), with their use before and after.
std::vector<Found> FindOn(const Population& p, const CaseManagementPlan& plan,
                          const std::vector<int8_t>& practices, Day day, Day to,
                          std::vector<std::vector<double>>* practice_lookback) {
  const size_t outcomes = plan.outcomes.size();
  const Day look = AddMonths(day, -12), base = AddMonths(day, -24);
  std::vector<int32_t> at(p.patients.size(), -1);
  std::vector<Found> found;
  const RegistrationColumns& r = p.registrations;
  for (size_t i = 0; i < r.size(); ++i) {
    const uint32_t practice = r.practice[i], patient = r.patient[i];
    if (practices[practice] < 0 || !RegistrationOn(p, i, day) || p.patients.death[patient] == day) {
      continue;
    }
    if (AgeOn(p.patients.birth[patient], day) < plan.min_age) continue;
    Found f;
    f.patient = patient;
    f.practice = practice;
    f.case_managed = practices[practice] > 0;
    f.day = day;
    f.last = std::min(to, LastDayOn(p, i));
    f.follow_up_years = (f.last - day + 1) / kDaysAYear;
    f.age = AgeOn(p.patients.birth[patient], day);
    f.male = p.patients.sex[patient] == static_cast<uint8_t>(Sex::kMale);
    const uint8_t imd = p.patients.imd_decile[patient];
    f.deprivation = imd >= 1 && imd <= 10 ? imd : 5.5;
    f.baseline.assign(outcomes, 0);
    f.lookback.assign(outcomes, 0);
    f.follow_up.assign(outcomes, 0);
    at[patient] = static_cast<int32_t>(found.size());
    found.push_back(std::move(f));
  }
  for (size_t i = 0; i < r.size(); ++i) {
    const int32_t k = at[r.patient[i]];
    if (k >= 0) found[k].baseline_years += YearsOn(p, i, base, look - 1);
  }
  const ConditionColumns& c = p.conditions;
  for (size_t i = 0; i < c.size(); ++i) {
    const int32_t k = at[c.patient[i]];
    if (k >= 0 && c.onset[i] <= day && day <= c.resolved[i]) found[k].conditions += 1;
  }
  const EventColumns& e = p.events;
  for (size_t i = 0; i < e.size(); ++i) {
    const int32_t k = at[e.patient[i]];
    if (k < 0) continue;
    Found& f = found[k];
    const Day d = e.day[i];
    if (d < base || d > f.last) continue;
    const auto setting = static_cast<Setting>(e.setting[i]);
    if (setting == Setting::kEmergency && d >= look && d < day) ++f.emergencies;
    for (size_t o = 0; o < outcomes; ++o) {
      const OutcomeDefinition& outcome = *plan.outcomes[o];
      if (!Counts(outcome, setting)) continue;
      double value = 1;
      if (outcome.kind == OutcomeKind::kCostPerHead) {
        value = e.cost[i] == kNoCost ? 0.0 : e.cost[i] / 100.0;
      }
      (d < look ? f.baseline : d < day ? f.lookback : f.follow_up)[o] += value;
    }
  }
  // Each practice's use in the year before among everyone of the age: its habits.
  for (const Found& f : found) {
    std::vector<double>& sums = (*practice_lookback)[f.practice];
    if (sums.empty()) sums.assign(outcomes + 1, 0);
    for (size_t o = 0; o < outcomes; ++o) sums[o] += f.lookback[o];
    sums[outcomes] += 1;
  }
  std::erase_if(found, [&](const Found& f) {
    return f.emergencies < plan.min_emergency_admissions || f.baseline_years <= 0 ||
           f.follow_up_years <= 0;
  });
  return found;
}

}  // namespace

Day DefaultCaseFindingDay(Day start, Day first_day) {
  const Day earliest = std::max(AddMonths(start, 12), AddMonths(first_day, 24));
  const int year = CivilFromDay(earliest).year;
  const Day april = DayFromCivil(year, 4, 1);
  return april >= earliest ? april : DayFromCivil(year + 1, 4, 1);
}

namespace {

// The characteristics the groups are compared and adjusted on, one row a patient.
struct Design {
  std::vector<std::string> names;
  std::vector<std::vector<double>> rows;
};

bool IsEmergencyAdmissions(const OutcomeDefinition& o) {
  return o.kind == OutcomeKind::kActivityRate && o.settings.size() == 1 &&
         o.settings[0] == Setting::kEmergency;
}

Design Characteristics(const CaseManagementPlan& plan, const std::vector<Found>& found,
                       const std::vector<std::vector<double>>& practice_lookback) {
  Design d;
  d.names = {"age", "male", "deprivation", "conditions"};
  for (const OutcomeDefinition* o : plan.outcomes) d.names.push_back(o->id + " baseline");
  for (const OutcomeDefinition* o : plan.outcomes) {
    if (!IsEmergencyAdmissions(*o)) d.names.push_back(o->id + " year before");
  }
  // The rule's own count, as categories: at the threshold (the reference), one more, ..., and
  // four or more above it.
  for (int extra = 1; extra <= 4; ++extra) {
    d.names.push_back("emergency admissions in the year before: " +
                      std::to_string(plan.min_emergency_admissions + extra) +
                      (extra == 4 ? " or more" : ""));
  }
  for (const OutcomeDefinition* o : plan.outcomes) d.names.push_back(o->id + ", practice's habit");
  for (const Found& f : found) {
    std::vector<double> row = {f.age, f.male, f.deprivation, f.conditions};
    for (size_t o = 0; o < plan.outcomes.size(); ++o) {
      row.push_back(std::log1p(f.baseline[o] / f.baseline_years));
    }
    for (size_t o = 0; o < plan.outcomes.size(); ++o) {
      if (!IsEmergencyAdmissions(*plan.outcomes[o])) row.push_back(std::log1p(f.lookback[o]));
    }
    const int above = f.emergencies - plan.min_emergency_admissions;
    for (int extra = 1; extra <= 4; ++extra) {
      row.push_back(extra == 4 ? above >= 4 : above == extra);
    }
    // The log of the practice's mean use in the year before among everyone of the rule's age
    // (a quarter of an event or a pound when it had none).
    const std::vector<double>& habit = practice_lookback[f.practice];
    for (size_t o = 0; o < plan.outcomes.size(); ++o) {
      row.push_back(std::log(std::max(habit[o] / habit.back(), 0.25 / habit.back())));
    }
    d.rows.push_back(std::move(row));
  }
  return d;
}

std::string Fixed(double value, int digits) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", digits, value);
  return text;
}

std::string Percent(double ratio) { return Fixed(std::fabs(ratio - 1) * 100, 0) + "%"; }

std::string Summary(const CaseManagementOutcome& o) {
  const bool higher = o.ci_low > 1, lower = o.ci_high < 1;
  std::string text = o.outcome->title + " among the case-managed patients ran " +
                     Percent(o.rate_ratio) + (o.rate_ratio >= 1 ? " higher" : " lower") +
                     " than among the patients the same rule found in comparison practices, once "
                     "age, sex, deprivation, conditions, earlier use and the practices' habits are "
                     "allowed for (rate ratio " +
                     Fixed(o.rate_ratio, 2) + ", 95% interval " + Fixed(o.ci_low, 2) + " to " +
                     Fixed(o.ci_high, 2) + "): ";
  text += higher || lower ? "a difference chance alone would rarely give."
                          : "no difference the data can tell from chance.";
  return text;
}

}  // namespace

Result<CaseManagementEvaluation> EvaluateCaseManagement(const Population& p,
                                                        const CaseManagementPlan& plan,
                                                        std::span<const CaseManagementPilot> pilots,
                                                        std::span<const uint32_t> pool, Day to,
                                                        const std::string& file) {
  CaseManagementEvaluation out;
  out.plan = plan;
  if (out.plan.outcomes.empty()) {
    return Status::Internal("a case-management plan reached evaluation without outcomes");
  }
  out.follow_up_to = to;
  const Day first_day = p.events.size() ? p.events.first_day : kNoDay;

  // Each pilot's case-finding day, then everyone found on each distinct day.
  std::vector<Day> days, pilot_days;
  for (const CaseManagementPilot& pilot : pilots) {
    const Day day = plan.found_on ? *plan.found_on : DefaultCaseFindingDay(pilot.start, first_day);
    pilot_days.push_back(day);
    if (plan.found_on && AddMonths(day, -24) < first_day) {
      return Status::InvalidInput(
          file + ", field " + plan.path + ".found_on: case finding on " + FormatDate(day) +
          " needs two years of activity before it (the year the rule looks at and the year "
          "before, the baseline), from " +
          FormatDate(AddMonths(day, -24)) + "; the workspace's begins on " +
          (first_day == kNoDay ? std::string("no day") : FormatDate(first_day)));
    }
    if (day > to) {
      out.warnings.push_back(pilot.name + "'s case finding would fall on " + FormatDate(day) +
                             ", after the periods end (" + FormatDate(to) +
                             "), so its patients are not followed");
      continue;
    }
    out.found_on.emplace_back(pilot.name, day);
    if (std::find(days.begin(), days.end(), day) == days.end()) days.push_back(day);
  }
  if (days.empty()) {
    return Status::InvalidInput(file + ", field " + plan.path +
                                ": no pilot finds its cases before the periods end, " +
                                FormatDate(to) + " (see the warnings)");
  }
  std::sort(days.begin(), days.end());

  std::vector<Found> found;
  std::vector<std::vector<double>> habits(p.organisations.size());
  for (const Day day : days) {
    std::vector<int8_t> practices(p.organisations.size(), -1);
    for (const uint32_t practice : pool) practices[practice] = 0;
    for (uint32_t org = 0; org < p.organisations.size(); ++org) {
      if (p.organisations.kind[org] != static_cast<uint8_t>(OrgKind::kPractice)) continue;
      for (size_t i = 0; i < pilots.size(); ++i) {
        if (pilot_days[i] == day && p.IcoOn(org, day) == pilots[i].ico) practices[org] = 1;
      }
    }
    std::vector<Found> on_day = FindOn(p, plan, practices, day, to, &habits);
    for (Found& f : on_day) found.push_back(std::move(f));
  }
  for (const Found& f : found) (f.case_managed ? out.cases : out.comparison_patients) += 1;
  const std::string rule = "aged " + std::to_string(plan.min_age) + " or over with " +
                           std::to_string(plan.min_emergency_admissions) +
                           " or more emergency admissions in the year before";
  if (out.cases == 0 || out.comparison_patients == 0) {
    std::string why;
    for (const std::string& w : out.warnings) why += "\n" + w;
    return Status::InvalidInput(file + ", field " + plan.path + ": the rule (" + rule + ") finds " +
                                std::to_string(out.cases) +
                                " patients in the pilots' practices and " +
                                std::to_string(out.comparison_patients) +
                                " in the comparison practices; it needs some in both" + why);
  }

  const Design design = Characteristics(plan, found, habits);
  std::vector<std::vector<double>> cases, comparison;
  for (size_t i = 0; i < found.size(); ++i) {
    (found[i].case_managed ? cases : comparison).push_back(design.rows[i]);
  }
  // The balance of the two groups as the rule finds them; the regression adjusts for what
  // differs. No matching: a comparison patient matched on the noisy use of the year before would
  // regress to the mean unlike the case it stands for (Daw and Hatfield, Health Services
  // Research 53:4138, 2018).
  out.balance = BalanceTable(design.names, cases, comparison);

  const size_t columns = design.names.size() + 2;
  std::vector<double> x;
  x.reserve(found.size() * columns);
  for (size_t i = 0; i < found.size(); ++i) {
    x.push_back(1.0);
    x.push_back(found[i].case_managed ? 1.0 : 0.0);
    x.insert(x.end(), design.rows[i].begin(), design.rows[i].end());
  }
  std::vector<double> offset;
  for (const Found& f : found) offset.push_back(std::log(f.follow_up_years));
  const double z = NormalQuantile(0.975);
  for (size_t o = 0; o < plan.outcomes.size(); ++o) {
    CaseManagementOutcome result;
    result.outcome = plan.outcomes[o];
    std::vector<double> y;
    double sums[2][2] = {{0, 0}, {0, 0}}, years[2][2] = {{0, 0}, {0, 0}};
    for (const Found& f : found) {
      y.push_back(f.follow_up[o]);
      const int g = f.case_managed;
      sums[g][0] += f.baseline[o];
      years[g][0] += f.baseline_years;
      sums[g][1] += f.follow_up[o];
      years[g][1] += f.follow_up_years;
    }
    result.totals[0] = sums[1][0];
    result.totals[1] = sums[1][1];
    result.totals[2] = sums[0][0];
    result.totals[3] = sums[0][1];
    result.cases_baseline = sums[1][0] / years[1][0];
    result.cases_follow_up = sums[1][1] / years[1][1];
    result.comparison_baseline = sums[0][0] / years[0][0];
    result.comparison_follow_up = sums[0][1] / years[0][1];
    auto fit = FitPoisson(x, columns, y, offset);
    if (!fit.ok()) {
      out.warnings.push_back(result.outcome->title +
                             " could not be estimated: " + fit.status().message());
      continue;
    }
    const double b = fit->coefficient[1];
    result.std_error = fit->StandardError(1);
    result.rate_ratio = std::exp(b);
    result.ci_low = std::exp(b - z * result.std_error);
    result.ci_high = std::exp(b + z * result.std_error);
    result.summary = Summary(result);
    out.outcomes.push_back(std::move(result));
  }
  if (out.comparison_patients < 100 || out.cases < 100) {
    out.warnings.push_back("The rule finds " + std::to_string(out.cases) + " case-managed and " +
                           std::to_string(out.comparison_patients) +
                           " comparison patients: too few for a robust interval to be trusted");
  }
  return out;
}

}  // namespace continuum
