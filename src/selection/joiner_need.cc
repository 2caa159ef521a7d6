#include "selection/joiner_need.h"

#include <algorithm>
#include <cmath>

namespace continuum {
namespace {

// Strata: sex and age band x IMD quintile (0 unknown); where the control joiners have fewer than
// kEnough in one, sex and age band; then every control joiner.
constexpr int kFine = 2 * kAgeBandCount * 6;
constexpr int kCoarse = 2 * kAgeBandCount;
constexpr int64_t kEnough = 10;

struct Joiner {
  int32_t unit;
  int year;
  int fine, coarse;
  double decile;
};

}  // namespace

std::vector<SelectionMeasure> MeasureJoinerNeed(const SelectionData& d) {
  const SelectionUnits& units = d.units;
  const RegistrationColumns& r = d.population->registrations;
  const PatientColumns& patients = d.population->patients;
  std::vector<Joiner> joiners;
  std::vector<std::vector<ProfileSum>> profiles(d.last - d.first + 1,
                                                std::vector<ProfileSum>(units.size()));
  for (int year = d.first; year <= d.last; ++year) {
    const ListYear& list = d.Year(year);
    const Day since = FinancialYearStart(year - 1);
    for (size_t row = 0; row < list.list.size(); ++row) {
      const int32_t unit = list.unit[row];
      if (unit < 0 || list.need_decile[row] == 0) continue;
      const uint32_t k = list.registration[row];
      if (r.start[k] < since ||
          r.start_reason[k] != static_cast<uint8_t>(RegistrationStart::kMoveIn)) {
        continue;
      }
      const uint32_t patient = list.list.patient[row];
      if (k > patients.first_registration[patient] && r.end[k - 1] + 1 >= r.start[k] &&
          units.UnitOn(r.practice[k - 1], r.end[k - 1]) == unit) {
        continue;  // a move between practices of the same unit
      }
      const int age_sex = list.list.age_sex[row];
      joiners.push_back({unit, year, age_sex * 6 + list.list.imd_quintile[row], age_sex,
                         static_cast<double>(list.need_decile[row])});
      d.AddToProfile(list, row, &profiles[year - d.first][unit]);
    }
  }
  std::vector<SelectionMeasure> out;
  for (size_t i = 0; i < units.icos.size(); ++i) {
    SelectionMeasure m = NewMeasure("joiner_need", units.icos[i], Adverse::kLower);
    std::string why;
    m.years = d.MeasuredYears(i, &why);
    m.not_estimated = d.NoComparison(i, why);
    const int32_t control_unit = static_cast<int32_t>(units.ControlUnit(i));
    auto counted = [&](const Joiner& j) {
      return std::find(m.years.begin(), m.years.end(), j.year) != m.years.end();
    };
    // The control joiners' need deciles by stratum, over the ICO's years.
    std::vector<Moments> fine(kFine), coarse(kCoarse);
    Moments all;
    for (const Joiner& j : joiners) {
      if (j.unit != control_unit || !counted(j)) continue;
      fine[j.fine].Add(j.decile);
      coarse[j.coarse].Add(j.decile);
      all.Add(j.decile);
    }
    // Each ICO joiner against the control joiners of their stratum.
    std::vector<int64_t> in_fine(kFine, 0), in_coarse(kCoarse, 0);
    int64_t in_all = 0, n = 0;
    double observed = 0, expected = 0, variance = 0;
    for (const Joiner& j : joiners) {
      if (j.unit != static_cast<int32_t>(i) || !counted(j) || all.n == 0) continue;
      const Moments& s = fine[j.fine].n >= kEnough       ? (++in_fine[j.fine], fine[j.fine])
                         : coarse[j.coarse].n >= kEnough ? (++in_coarse[j.coarse], coarse[j.coarse])
                                                         : (++in_all, all);
      ++n;
      observed += j.decile;
      expected += s.Mean();
      variance += (j.decile - s.Mean()) * (j.decile - s.Mean());
    }
    for (int s = 0; s < kFine; ++s) {
      variance += static_cast<double>(in_fine[s]) * in_fine[s] * fine[s].MeanVariance();
    }
    for (int s = 0; s < kCoarse; ++s) {
      variance += static_cast<double>(in_coarse[s]) * in_coarse[s] * coarse[s].MeanVariance();
    }
    variance += static_cast<double>(in_all) * in_all * all.MeanVariance();
    ProfileSum ico_profile, control_profile;
    for (int year : m.years) {
      ico_profile.Add(profiles[year - d.first][i]);
      control_profile.Add(profiles[year - d.first][control_unit]);
    }
    if (m.estimated() && (n < 30 || all.n < 30)) {
      m.not_estimated = "not enough data: fewer than 30 joiners in a group compared";
    }
    if (m.estimated() && (expected <= 0 || variance <= 0)) {
      m.not_estimated = "not enough data: the joiners' need does not vary";
    }
    if (m.estimated()) {
      m.smallest_count = std::min(n, all.n);
      SetRatio(&m, std::log(observed / expected), variance / (expected * expected));
      m.observed = observed / n;
      m.expected = expected / n;
      m.unit = "mean need decile";
      m.concerned = ico_profile.Profile();
      m.comparison = control_profile.Profile();
    }
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace continuum
