#include "evaluation/practice_profile.h"

#include <cmath>

#include "engine/registered_on.h"
#include "evaluation/practice_outcomes.h"

namespace continuum {

std::vector<std::string> ProfileNames(const AnalysisPlan& plan) {
  std::vector<std::string> names;
  for (const MatchVariable v : plan.match_on) {
    names.emplace_back(kMatchVariableCodes[static_cast<int>(v)]);
  }
  return names;
}

Result<std::vector<std::vector<double>>> PracticeProfiles(
    const Population& p, std::span<const uint32_t> practices, const AnalysisPlan& plan,
    size_t pre_periods, const std::vector<OutcomeDefinition>& catalogue) {
  const Day day = plan.from;
  std::vector<int32_t> position(p.organisations.size(), -1);
  for (size_t i = 0; i < practices.size(); ++i) position[practices[i]] = static_cast<int32_t>(i);
  const size_t n = practices.size();

  // The registered population on the first day.
  std::vector<double> listed(n, 0), aged(n, 0), decile(n, 0), deciles_known(n, 0), conditions(n, 0);
  std::vector<int32_t> practice_of(p.patients.size(), -1);
  for (size_t r = 0; r < p.registrations.size(); ++r) {
    const int32_t at = position[p.registrations.practice[r]];
    if (at < 0 || !RegistrationOn(p, r, day)) continue;
    const uint32_t patient = p.registrations.patient[r];
    practice_of[patient] = at;
    listed[at] += 1;
    if (AgeOn(p.patients.birth[patient], day) >= 65) aged[at] += 1;
    const uint8_t imd = p.patients.imd_decile[patient];
    if (imd >= 1 && imd <= 10) {
      decile[at] += imd;
      deciles_known[at] += 1;
    }
  }
  const ConditionColumns& c = p.conditions;
  for (size_t i = 0; i < c.size(); ++i) {
    const int32_t at = practice_of[c.patient[i]];
    if (at >= 0 && c.onset[i] <= day && day <= c.resolved[i]) conditions[at] += 1;
  }

  // Use and cost over the periods before the first start.
  const std::vector<Day> starts = plan.PeriodStarts();
  const std::vector<Day> pre(starts.begin(), starts.begin() + pre_periods + 1);
  const OutcomeDefinition* emergency = FindOutcome(catalogue, "emergency_admissions");
  const OutcomeDefinition* cost = FindOutcome(catalogue, "cost_per_head");
  if (emergency == nullptr || cost == nullptr) {
    return Status::Internal("the outcome catalogue lacks emergency_admissions or cost_per_head");
  }
  const OutcomeDefinition* before[] = {emergency, cost};
  auto measured = MeasurePracticeOutcomes(p, practices, pre, before);
  if (!measured.ok()) return measured.status();
  auto mean_over = [&](size_t outcome, size_t practice) {
    // Weighted by patient-years, so the mean is the rate over the whole pre-period.
    double sum = 0, years = 0;
    for (size_t k = 0; k < pre_periods; ++k) {
      const double y = measured->patient_years[practice * pre_periods + k];
      const double v = measured->value(outcome, practice, k);
      if (y > 0 && std::isfinite(v)) {
        sum += v * y;
        years += y;
      }
    }
    return years > 0 ? sum / years : 0.0;
  };
  auto slope = [&](size_t practice) {
    // Least-squares slope of cost per head on the period number.
    double n_points = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (size_t k = 0; k < pre_periods; ++k) {
      const double v = measured->value(1, practice, k);
      if (!std::isfinite(v)) continue;
      n_points += 1;
      sx += k;
      sy += v;
      sxx += static_cast<double>(k) * k;
      sxy += k * v;
    }
    const double denominator = n_points * sxx - sx * sx;
    return n_points >= 2 && denominator > 0 ? (n_points * sxy - sx * sy) / denominator : 0.0;
  };

  std::vector<std::vector<double>> rows(n);
  for (size_t i = 0; i < n; ++i) {
    for (const MatchVariable v : plan.match_on) {
      double value = 0;
      switch (v) {
        case MatchVariable::kListSize:
          value = listed[i];
          break;
        case MatchVariable::kAged65Plus:
          value = listed[i] > 0 ? aged[i] / listed[i] : 0;
          break;
        case MatchVariable::kDeprivation:
          value = deciles_known[i] > 0 ? decile[i] / deciles_known[i] : 0;
          break;
        case MatchVariable::kConditions:
          value = listed[i] > 0 ? conditions[i] / listed[i] : 0;
          break;
        case MatchVariable::kPriorEmergencyAdmissions:
          value = mean_over(0, i);
          break;
        case MatchVariable::kPriorCostPerHead:
          value = mean_over(1, i);
          break;
        case MatchVariable::kPreTrend:
          value = slope(i);
          break;
      }
      rows[i].push_back(value);
    }
  }
  return rows;
}

}  // namespace continuum
