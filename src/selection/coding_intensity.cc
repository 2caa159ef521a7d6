#include "selection/coding_intensity.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>

#include "engine/registered_on.h"

namespace continuum {
namespace {

constexpr int kCountBands = 4;  // conditions held on 1 April: 0, 1, 2, 3 or more
constexpr int kStrata = 2 * kAgeBandCount * 6 * kCountBands;

// One stayer: what they held on 1 April and at year end, and their stratum.
struct Stayer {
  int32_t unit;
  int stratum, band;
  double start_conditions, end_conditions, start_weight, end_weight;
};

// The conditions each list row holds on the year's last day (bits as CapitationFeatures).
std::vector<uint16_t> ConditionsAtYearEnd(const Population& p, const ListYear& list) {
  std::vector<int32_t> row_of(p.patients.size(), -1);
  for (size_t row = 0; row < list.list.size(); ++row) {
    row_of[list.list.patient[row]] = static_cast<int32_t>(row);
  }
  const Day end = FinancialYearEnd(list.year);
  std::vector<uint16_t> bits(list.list.size(), 0);
  const ConditionColumns& c = p.conditions;
  for (size_t k = 0; k < c.size(); ++k) {
    const int32_t row = row_of[c.patient[k]];
    if (row < 0 || c.onset[k] > end || c.resolved[k] <= end) continue;
    if (c.condition[k] < kConditionCount) bits[row] |= uint16_t(1u << c.condition[k]);
  }
  return bits;
}

std::vector<Stayer> Stayers(const SelectionData& d, const ListYear& list, const ListYear& before) {
  const Population& p = *d.population;
  const std::vector<uint16_t> end_bits = ConditionsAtYearEnd(p, list);
  const Day end = FinancialYearEnd(list.year);
  std::vector<Stayer> stayers;
  stayers.reserve(list.list.size());
  for (size_t row = 0; row < list.list.size(); ++row) {
    const int32_t unit = list.unit[row];
    if (unit < 0 || std::isnan(list.need[row])) continue;
    if (LastDayOn(p, list.registration[row]) < end) continue;
    const CapitationModel& model = before.models[list.commissioner[row]];
    const uint16_t start_bits = list.list.conditions[row];
    double moved = 0;
    for (uint32_t gained = end_bits[row] & ~start_bits; gained != 0; gained &= gained - 1) {
      moved += model.coefficient[kFirstConditionTerm + __builtin_ctz(gained)];
    }
    for (uint32_t lost = start_bits & ~end_bits[row]; lost != 0; lost &= lost - 1) {
      moved -= model.coefficient[kFirstConditionTerm + __builtin_ctz(lost)];
    }
    const int held = std::popcount(start_bits);
    const int band = std::min(held, kCountBands - 1);
    const int stratum =
        (list.list.age_sex[row] * 6 + list.list.imd_quintile[row]) * kCountBands + band;
    const double weight = list.need[row] / 100.0;
    stayers.push_back({unit, stratum, band, static_cast<double>(held),
                       static_cast<double>(std::popcount(end_bits[row])), weight, weight + moved});
  }
  return stayers;
}

// Observed and expected at year end for one ICO, with the variance of their difference.
struct Comparison {
  double observed = 0, expected = 0, variance = 0;
  int64_t stayers = 0;
};

}  // namespace

std::vector<SelectionMeasure> MeasureCodingIntensity(const SelectionData& d) {
  const SelectionUnits& units = d.units;
  const size_t icos = units.icos.size();
  // [0] conditions, [1] weight.
  std::vector<std::array<Comparison, 2>> compared(icos);
  std::vector<std::vector<int>> years(icos);
  std::vector<std::string> why(icos);
  for (size_t i = 0; i < icos; ++i) years[i] = d.MeasuredYears(i, &why[i]);
  for (int year = d.first; year <= d.last; ++year) {
    const ListYear& list = d.Year(year);
    const std::vector<Stayer> stayers = Stayers(d, list, d.Year(year - 1));
    // Growth among each commissioner's control stayers, by stratum and by conditions band alone.
    const size_t pools = units.commissioners.size();
    std::vector<std::array<std::vector<Moments>, 2>> strata(pools), bands(pools);
    for (size_t k = 0; k < pools; ++k) {
      for (int g = 0; g < 2; ++g) {
        strata[k][g].assign(kStrata, {});
        bands[k][g].assign(kCountBands, {});
      }
    }
    for (const Stayer& s : stayers) {
      if (s.unit < static_cast<int32_t>(icos)) continue;
      const size_t k = s.unit - icos;
      strata[k][0][s.stratum].Add(s.end_conditions - s.start_conditions);
      strata[k][1][s.stratum].Add(s.end_weight - s.start_weight);
      bands[k][0][s.band].Add(s.end_conditions - s.start_conditions);
      bands[k][1][s.band].Add(s.end_weight - s.start_weight);
    }
    // ICO stayers: observed, expected and the first part of the variance; then each stratum's.
    std::vector<std::vector<int64_t>> in_stratum(icos, std::vector<int64_t>(kStrata, 0));
    std::vector<std::vector<int64_t>> in_band(icos, std::vector<int64_t>(kCountBands, 0));
    for (size_t row = 0; row < stayers.size(); ++row) {
      const Stayer& s = stayers[row];
      if (s.unit >= static_cast<int32_t>(icos)) continue;
      if (std::find(years[s.unit].begin(), years[s.unit].end(), year) == years[s.unit].end()) {
        continue;
      }
      const size_t k = units.commissioner_of_ico[s.unit];
      const bool own = strata[k][0][s.stratum].n >= 2;
      (own ? in_stratum[s.unit][s.stratum] : in_band[s.unit][s.band]) += 1;
      const double start[2] = {s.start_conditions, s.start_weight};
      const double end[2] = {s.end_conditions, s.end_weight};
      for (int g = 0; g < 2; ++g) {
        const Moments& m = own ? strata[k][g][s.stratum] : bands[k][g][s.band];
        if (m.n == 0) continue;
        const double growth = m.Mean();
        Comparison& c = compared[s.unit][g];
        c.observed += end[g];
        c.expected += start[g] + growth;
        c.variance += (end[g] - start[g] - growth) * (end[g] - start[g] - growth);
        ++c.stayers;
      }
    }
    for (size_t i = 0; i < icos; ++i) {
      const size_t k = units.commissioner_of_ico[i];
      for (int g = 0; g < 2; ++g) {
        for (int s = 0; s < kStrata; ++s) {
          const double n = static_cast<double>(in_stratum[i][s]);
          if (n > 0) compared[i][g].variance += n * n * strata[k][g][s].MeanVariance();
        }
        for (int b = 0; b < kCountBands; ++b) {
          const double n = static_cast<double>(in_band[i][b]);
          if (n > 0) compared[i][g].variance += n * n * bands[k][g][b].MeanVariance();
        }
      }
    }
  }
  std::vector<SelectionMeasure> out;
  for (size_t i = 0; i < icos; ++i) {
    for (int g = 0; g < 2; ++g) {
      SelectionMeasure m = NewMeasure(g == 0 ? "recorded_conditions" : "capitation_weight",
                                      units.icos[i], Adverse::kHigher);
      m.years = years[i];
      m.not_estimated = d.NoComparison(i, why[i]);
      const Comparison& c = compared[i][g];
      if (m.estimated() && c.stayers < 100) {
        m.not_estimated = "not enough data: fewer than 100 stayers compared with control stayers";
      }
      if (m.estimated() && (c.expected <= 0 || c.variance <= 0)) {
        m.not_estimated = "not enough data: nothing recorded to compare";
      }
      if (m.estimated()) {
        SetRatio(&m, std::log(c.observed / c.expected), c.variance / (c.expected * c.expected));
        m.smallest_count = c.stayers;
        m.observed = c.observed;
        m.expected = c.expected;
        m.unit = g == 0 ? "conditions" : "pounds";
      }
      out.push_back(std::move(m));
    }
  }
  return out;
}

}  // namespace continuum
