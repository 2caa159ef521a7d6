#include "selection/list_exits.h"

#include <algorithm>
#include <cmath>

#include "engine/registered_on.h"

namespace continuum {
namespace {

// Woolf's log ratio of rate ratios with Haldane's half, and its variance.
void SetRatioOfRatios(SelectionMeasure* m, const int64_t events_i[2], const int64_t n_i[2],
                      const int64_t events_c[2], const int64_t n_c[2]) {
  const double a = events_i[1] + 0.5, b = events_i[0] + 0.5;
  const double c = events_c[1] + 0.5, e = events_c[0] + 0.5;
  const double log_ratio = std::log(a / (n_i[1] + 0.5)) - std::log(b / (n_i[0] + 0.5)) -
                           std::log(c / (n_c[1] + 0.5)) + std::log(e / (n_c[0] + 0.5));
  SetRatio(m, log_ratio, 1 / a + 1 / b + 1 / c + 1 / e);
  const double rest_i = static_cast<double>(events_i[0]) / n_i[0];
  const double top_c = static_cast<double>(events_c[1]) / n_c[1];
  const double rest_c = static_cast<double>(events_c[0]) / n_c[0];
  m->observed = static_cast<double>(events_i[1]);
  m->expected = rest_c > 0 ? n_i[1] * rest_i * top_c / rest_c : NAN;
  m->unit = "patients";
}

std::string TooFew(const int64_t events_i[2], const int64_t n_i[2], const int64_t events_c[2],
                   const int64_t n_c[2], const std::string& what) {
  constexpr int64_t kPatients = 100, kEvents = 5;
  if (n_i[1] < kPatients || n_c[1] < kPatients || n_i[0] < kPatients || n_c[0] < kPatients) {
    return "not enough data: fewer than 100 patients in a top or other decile group";
  }
  if (events_i[0] < kEvents || events_c[0] < kEvents || events_i[1] + events_c[1] < kEvents) {
    return "not enough data: fewer than 5 " + what + " in a group compared";
  }
  return "";
}

}  // namespace

std::vector<SelectionMeasure> MeasureListExits(
    const SelectionData& d, const std::vector<std::vector<ExitsByDecile>>& deciles) {
  const SelectionUnits& units = d.units;
  // The ICOs' top-decile patients and those of them removed, in aggregate.
  std::vector<ProfileSum> listed(units.icos.size()), removed(units.icos.size());
  for (int year = d.first; year <= d.last; ++year) {
    const ListYear& list = d.Year(year);
    for (size_t row = 0; row < list.list.size(); ++row) {
      const int32_t unit = list.unit[row];
      if (unit < 0 || unit >= static_cast<int32_t>(units.icos.size())) continue;
      if (list.need_decile[row] != 10) continue;
      d.AddToProfile(list, row, &listed[unit]);
      if (d.ExitInYear(list.registration[row], list.year, list.unit[row]) == ListExit::kRemoval)
        d.AddToProfile(list, row, &removed[unit]);
    }
  }
  std::vector<SelectionMeasure> out;
  for (size_t i = 0; i < units.icos.size(); ++i) {
    std::string why;
    const std::vector<int> years = d.MeasuredYears(i, &why);
    for (const bool removals : {true, false}) {
      SelectionMeasure m = NewMeasure(removals ? "removals_top_need" : "exits_top_need",
                                      units.icos[i], Adverse::kHigher);
      m.years = years;
      // Top decile against the rest, over the ICO's years, for the ICO and its controls alike.
      auto split = [&](size_t unit, int64_t events[2], int64_t patients[2]) {
        events[0] = events[1] = patients[0] = patients[1] = 0;
        for (int year : years) {
          const ExitsByDecile& x = deciles[year - d.first][unit];
          const auto& counted = removals ? x.removals : x.other_exits;
          for (int decile = 0; decile < 10; ++decile) {
            events[decile == 9] += counted[decile];
            patients[decile == 9] += x.patients[decile];
          }
        }
      };
      int64_t events_i[2], n_i[2], events_c[2], n_c[2];
      split(i, events_i, n_i);
      split(units.ControlUnit(i), events_c, n_c);
      m.not_estimated = d.NoComparison(i, why);
      if (m.estimated()) {
        m.not_estimated = TooFew(events_i, n_i, events_c, n_c, removals ? "removals" : "exits");
      }
      if (!m.estimated()) {
        out.push_back(std::move(m));
        continue;
      }
      SetRatioOfRatios(&m, events_i, n_i, events_c, n_c);
      m.smallest_count = std::min({events_i[0], events_i[1], events_c[0], events_c[1]});
      m.concerned = removals ? removed[i].Profile() : listed[i].Profile();
      m.comparison = listed[i].Profile();
      out.push_back(std::move(m));
    }
  }
  return out;
}

std::vector<std::vector<ExitsByDecile>> CountExitsByDecile(const SelectionData& d) {
  std::vector<std::vector<ExitsByDecile>> by_year(d.last - d.first + 1);
  for (int year = d.first; year <= d.last; ++year) {
    std::vector<ExitsByDecile>& out = by_year[year - d.first];
    out.resize(d.units.size());
    const ListYear& list = d.Year(year);
    for (size_t row = 0; row < list.list.size(); ++row) {
      const int32_t unit = list.unit[row];
      if (unit < 0 || list.need_decile[row] == 0) continue;
      const int decile = list.need_decile[row] - 1;
      ++out[unit].patients[decile];
      const ListExit exit = d.ExitInYear(list.registration[row], list.year, list.unit[row]);
      out[unit].removals[decile] += exit == ListExit::kRemoval;
      out[unit].other_exits[decile] += exit == ListExit::kOther;
    }
  }
  return by_year;
}

}  // namespace continuum
