#include "selection/share_change.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace continuum {

ShareChange::ShareChange(const SelectionData& d) : base_(d.first - 1) {
  const Population& p = *d.population;
  for (int year = base_; year <= d.last; ++year) {
    std::vector<int32_t>& units = unit_at_.emplace_back(p.organisations.size(), kNoUnit);
    for (uint32_t org = 0; org < p.organisations.size(); ++org) {
      if (p.organisations.kind[org] == static_cast<uint8_t>(OrgKind::kPractice))
        units[org] = d.units.UnitOn(org, FinancialYearStart(year));
    }
  }
  const size_t measured = d.last - d.first + 1;
  now_.assign(measured, std::vector<Count>(d.units.size()));
  before_.assign(measured, std::vector<Count>(d.units.size()));
  listed_.resize(d.units.icos.size());
  counted_.resize(d.units.icos.size());
  for (size_t i = 0; i < d.units.icos.size(); ++i) {
    std::string why;
    std::vector<uint8_t>& in = measured_.emplace_back(measured, 0);
    for (int year : d.MeasuredYears(i, &why)) in[year - d.first] = 1;
  }
}

void ShareChange::Add(const SelectionData& d, const ListYear& list, size_t row, bool counted,
                      bool counted_before) {
  const uint32_t practice = list.list.practice[row];
  const int32_t unit = UnitsOn(list.year)[practice];
  if (list.year >= d.first && unit != kNoUnit) {
    Count& c = now_[list.year - d.first][unit];
    ++c.listed;
    c.counted += counted;
    if (unit < static_cast<int32_t>(d.units.icos.size()) && measured_[unit][list.year - d.first]) {
      d.AddToProfile(list, row, &listed_[unit]);
      if (counted) d.AddToProfile(list, row, &counted_[unit]);
    }
  }
  if (list.year < d.last) {
    const int32_t next = UnitsOn(list.year + 1)[practice];
    if (next != kNoUnit) {
      Count& c = before_[list.year + 1 - d.first][next];
      ++c.listed;
      c.counted += counted_before;
    }
  }
}

std::vector<SelectionMeasure> ShareChange::Measures(const SelectionData& d, std::string_view name,
                                                    std::string_view what) const {
  std::vector<SelectionMeasure> out;
  for (size_t i = 0; i < d.units.icos.size(); ++i) {
    SelectionMeasure m = NewMeasure(name, d.units.icos[i], Adverse::kHigher);
    std::string why;
    m.years = d.MeasuredYears(i, &why);
    m.not_estimated = d.NoComparison(i, why);
    // [0] the ICO in its years, [1] its practices the year before, [2], [3] the controls'.
    Count c[4];
    const size_t control = d.units.ControlUnit(i);
    for (int year : m.years) {
      const size_t y = year - d.first;
      for (auto [to, from] :
           {std::pair{&c[0], &now_[y][i]}, std::pair{&c[1], &before_[y][i]},
            std::pair{&c[2], &now_[y][control]}, std::pair{&c[3], &before_[y][control]}}) {
        to->listed += from->listed;
        to->counted += from->counted;
      }
    }
    constexpr int64_t kPatients = 100, kCounted = 10;
    if (m.estimated() && std::any_of(c, c + 4, [](const Count& x) {
          return x.listed < kPatients || x.counted < kCounted;
        })) {
      m.not_estimated = "not enough data: fewer than 100 patients, or fewer than 10 " +
                        std::string(what) + ", in a year or group compared";
    }
    if (m.estimated()) {
      const auto share = [&](int g) {
        return static_cast<double>(c[g].counted) / static_cast<double>(c[g].listed);
      };
      double log_ratio = 0, variance = 0;
      for (int g = 0; g < 4; ++g) {
        log_ratio += (g == 0 || g == 3 ? 1 : -1) * std::log(share(g));
        variance += 1 / static_cast<double>(c[g].counted) - 1 / static_cast<double>(c[g].listed);
      }
      SetRatio(&m, log_ratio, variance);
      m.observed = static_cast<double>(c[0].counted);
      m.expected = static_cast<double>(c[0].listed) * share(1) * share(2) / share(3);
      m.unit = "patients";
      m.smallest_count = std::min({c[0].counted, c[1].counted, c[2].counted, c[3].counted});
      m.concerned = counted_[i].Profile();
      m.comparison = listed_[i].Profile();
    }
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace continuum
