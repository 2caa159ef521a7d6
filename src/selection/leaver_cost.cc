#include "selection/leaver_cost.h"

#include <algorithm>
#include <cmath>

#include "engine/registered_on.h"

namespace continuum {
namespace {

// Sums for one ratio Σ actual / Σ predicted (pounds).
struct RatioSums {
  int64_t patients = 0;
  double actual = 0, predicted = 0, actual2 = 0, cross = 0, predicted2 = 0;
  void Add(double a, double p) {
    ++patients;
    actual += a;
    predicted += p;
    actual2 += a * a;
    cross += a * p;
    predicted2 += p * p;
  }
  void Add(const RatioSums& o) {
    patients += o.patients;
    actual += o.actual;
    predicted += o.predicted;
    actual2 += o.actual2;
    cross += o.cross;
    predicted2 += o.predicted2;
  }
  double Ratio() const { return actual / predicted; }
  double LogVariance() const {
    const double r = Ratio();
    return std::max(0.0, actual2 - 2 * r * cross + r * r * predicted2) / (actual * actual);
  }
};

struct UnitYear {
  RatioSums leavers, stayers;
  ProfileSum leaver_profile, stayer_profile;
};

}  // namespace

std::vector<SelectionMeasure> MeasureLeaverCost(const SelectionData& d) {
  const SelectionUnits& units = d.units;
  const Population& p = *d.population;
  // [year - first][unit]
  std::vector<std::vector<UnitYear>> sums(d.last - d.first + 1,
                                          std::vector<UnitYear>(units.size()));
  for (int year = d.first; year <= d.last; ++year) {
    const ListYear& before = d.Year(year - 1);
    const Day start = FinancialYearStart(year);
    for (size_t row = 0; row < before.list.size(); ++row) {
      if (std::isnan(before.fitted[row])) continue;
      const uint32_t k = before.registration[row];
      if (LastDayOn(p, k) < start) continue;  // gone before the year began
      const int32_t unit = units.UnitOn(before.list.practice[row], start);
      if (unit < 0) continue;
      const ListExit exit = d.ExitInYear(k, year, unit);
      const bool died = p.patients.death[before.list.patient[row]] <= FinancialYearEnd(year);
      if (exit == ListExit::kStays && died) continue;
      UnitYear& s = sums[year - d.first][unit];
      const double actual = before.list.cost[row] / 100.0;
      const double predicted = before.fitted[row] / 100.0;
      if (exit == ListExit::kStays) {
        s.stayers.Add(actual, predicted);
        if (unit < static_cast<int32_t>(units.icos.size())) {
          d.AddToProfile(before, row, &s.stayer_profile);
        }
      } else {
        s.leavers.Add(actual, predicted);
        if (unit < static_cast<int32_t>(units.icos.size())) {
          d.AddToProfile(before, row, &s.leaver_profile);
        }
      }
    }
  }
  std::vector<SelectionMeasure> out;
  for (size_t i = 0; i < units.icos.size(); ++i) {
    SelectionMeasure m = NewMeasure("leaver_cost_ratio", units.icos[i], Adverse::kHigher);
    std::string why;
    m.years = d.MeasuredYears(i, &why);
    m.not_estimated = d.NoComparison(i, why);
    RatioSums leavers_i, stayers_i, leavers_c, stayers_c;
    ProfileSum leaver_profile, stayer_profile;
    for (int year : m.years) {
      const auto& by_unit = sums[year - d.first];
      leavers_i.Add(by_unit[i].leavers);
      stayers_i.Add(by_unit[i].stayers);
      leavers_c.Add(by_unit[units.ControlUnit(i)].leavers);
      stayers_c.Add(by_unit[units.ControlUnit(i)].stayers);
      leaver_profile.Add(by_unit[i].leaver_profile);
      stayer_profile.Add(by_unit[i].stayer_profile);
    }
    constexpr int64_t kLeavers = 30;
    if (m.estimated() && (leavers_i.patients < kLeavers || leavers_c.patients < kLeavers ||
                          stayers_i.patients < kLeavers || stayers_c.patients < kLeavers)) {
      m.not_estimated = "not enough data: fewer than 30 leavers (or stayers) in a group compared";
    }
    for (const RatioSums* s : {&leavers_i, &stayers_i, &leavers_c, &stayers_c}) {
      if (m.estimated() && (s->actual <= 0 || s->predicted <= 0)) {
        m.not_estimated = "not enough data: a group compared had no cost, or none predicted";
      }
    }
    if (m.estimated()) {
      const double relative = leavers_c.Ratio() / stayers_c.Ratio();
      m.smallest_count = std::min(leavers_i.patients, leavers_c.patients);
      SetRatio(&m, std::log(leavers_i.Ratio() / stayers_i.Ratio()) - std::log(relative),
               leavers_i.LogVariance() + stayers_i.LogVariance() + leavers_c.LogVariance() +
                   stayers_c.LogVariance());
      m.observed = leavers_i.actual;
      m.expected = leavers_i.predicted * stayers_i.Ratio() * relative;
      m.unit = "pounds";
      m.concerned = leaver_profile.Profile();
      m.comparison = stayer_profile.Profile();
    }
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace continuum
