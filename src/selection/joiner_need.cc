#include "selection/joiner_need.h"

#include <algorithm>
#include <cmath>

namespace continuum {
std::vector<SelectionMeasure> MeasureJoinerNeed(const SelectionData& d) {
  const SelectionUnits& units = d.units;
  const RegistrationColumns& r = d.population->registrations;
  const PatientColumns& patients = d.population->patients;
  std::vector<std::vector<Moments>> sums(d.last - d.first + 1, std::vector<Moments>(units.size()));
  std::vector<std::vector<ProfileSum>> profiles(d.last - d.first + 1,
                                                std::vector<ProfileSum>(units.size()));
  for (int year = d.first; year <= d.last; ++year) {
    const ListYear& list = d.Year(year);
    const Day since = FinancialYearStart(year - 1);
    for (size_t row = 0; row < list.list.size(); ++row) {
      const int32_t unit = list.unit[row];
      if (unit < 0 || std::isnan(list.need[row])) continue;
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
      sums[year - d.first][unit].Add(list.need_decile[row]);
      d.AddToProfile(list, row, &profiles[year - d.first][unit]);
    }
  }
  std::vector<SelectionMeasure> out;
  for (size_t i = 0; i < units.icos.size(); ++i) {
    SelectionMeasure m = NewMeasure("joiner_need", units.icos[i], Adverse::kLower);
    std::string why;
    m.years = d.MeasuredYears(i, &why);
    m.not_estimated = d.NoComparison(i, why);
    Moments ico, control;
    ProfileSum ico_profile, control_profile;
    for (int year : m.years) {
      ico.Add(sums[year - d.first][i]);
      control.Add(sums[year - d.first][units.ControlUnit(i)]);
      ico_profile.Add(profiles[year - d.first][i]);
      control_profile.Add(profiles[year - d.first][units.ControlUnit(i)]);
    }
    if (m.estimated() && (ico.n < 30 || control.n < 30)) {
      m.not_estimated = "not enough data: fewer than 30 joiners in a group compared";
    }
    if (m.estimated() && (ico.sum <= 0 || control.sum <= 0)) {
      m.not_estimated = "not enough data: a group's joiners have no positive predicted need";
    }
    if (m.estimated()) {
      m.smallest_count = std::min(ico.n, control.n);
      SetRatio(&m, std::log(ico.Mean() / control.Mean()),
               ico.LogMeanVariance() + control.LogMeanVariance());
      m.observed = ico.Mean();
      m.expected = control.Mean();
      m.unit = "mean need decile";
      m.concerned = ico_profile.Profile();
      m.comparison = control_profile.Profile();
    }
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace continuum
