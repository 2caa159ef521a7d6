#include "selection/selection_measure.h"

#include <algorithm>
#include <utility>

#include "stats/distributions.h"

namespace continuum {

std::string_view MeasureMeaning(std::string_view measure) {
  static constexpr std::pair<std::string_view, std::string_view> kMeanings[] = {
      {"removals_top_need",
       "practice-initiated removals of the top decile of need, relative to the rest, against "
       "control practices"},
      {"exits_top_need",
       "moves away and emigrations of the top decile of need, relative to the rest, against "
       "control practices"},
      {"leaver_cost_ratio",
       "leavers' cost over prediction in the year before leaving, relative to stayers', against "
       "control practices"},
      {"joiner_need", "new registrants' mean decile of predicted need against control practices'"},
      {"recorded_conditions",
       "stayers' recorded conditions at year end against comparable control stayers'"},
      {"capitation_weight",
       "stayers' capitation weight at year end against comparable control stayers'"},
      {"care_adjustments",
       "register patients excepted from the quality indicators, against the baseline year and "
       "control practices"},
      {"outside_budget",
       "patients with care in settings the budget does not pay for, against the baseline year "
       "and control practices"},
      {"register_shortfall",
       "places on the disease registers against those expected for the population's age, sex "
       "and deprivation"},
  };
  for (const auto& [code, meaning] : kMeanings) {
    if (code == measure) return meaning;
  }
  return {};
}

SelectionMeasure NewMeasure(std::string_view measure, uint32_t ico, Adverse adverse) {
  SelectionMeasure m;
  m.measure = std::string(measure);
  m.ico = ico;
  m.adverse = adverse;
  return m;
}

void SetRatio(SelectionMeasure* m, double log_ratio, double variance) {
  constexpr double kZ95 = 1.959963984540054;
  const double se = std::sqrt(variance);
  m->effect = std::exp(log_ratio);
  m->ci_low = std::exp(log_ratio - kZ95 * se);
  m->ci_high = std::exp(log_ratio + kZ95 * se);
  const double z = log_ratio / se;
  m->p_value = m->adverse == Adverse::kHigher ? NormalCdf(-z) : NormalCdf(z);
}

double Moments::MeanVariance() const {
  if (n < 2) return 0;
  const double mean = Mean();
  return std::max(0.0, (sum2 - n * mean * mean) / static_cast<double>(n - 1)) /
         static_cast<double>(n);
}

double PracticeDispersion(const std::vector<PracticeShare>& practices,
                          const std::vector<int>& group, const std::vector<double>& ratio) {
  double spread = 0, modelled = 0;
  size_t counted = 0;
  for (size_t p = 0; p < practices.size(); ++p) {
    const PracticeShare& s = practices[p];
    if (s.expected <= 0 || s.variance <= 0) continue;
    const double d = s.observed - ratio[group[p]] * s.expected;
    spread += d * d;
    modelled += s.variance;
    ++counted;
  }
  if (counted < 2 || modelled <= 0) return 1;
  return std::max(1.0, spread / modelled * counted / (counted - 1.0));
}

void ProfileSum::Add(int age_years, bool woman, int imd_quintile, int condition_count) {
  ++patients;
  age += age_years;
  aged_75_plus += age_years >= 75;
  women += woman;
  most_deprived += imd_quintile == 1;
  conditions += condition_count;
}

void ProfileSum::Add(const ProfileSum& o) {
  patients += o.patients;
  age += o.age;
  aged_75_plus += o.aged_75_plus;
  women += o.women;
  most_deprived += o.most_deprived;
  conditions += o.conditions;
}

PatientProfile ProfileSum::Profile() const {
  PatientProfile p;
  p.patients = patients;
  if (patients == 0) return p;
  const double n = static_cast<double>(patients);
  p.mean_age = age / n;
  p.aged_75_plus = aged_75_plus / n;
  p.women = women / n;
  p.most_deprived = most_deprived / n;
  p.mean_conditions = conditions / n;
  return p;
}

}  // namespace continuum
