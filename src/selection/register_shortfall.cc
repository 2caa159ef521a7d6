#include "selection/register_shortfall.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <map>

namespace continuum {
namespace {

// Strata: sex and five-year age band (0-4 .. 90+) x IMD decile (0 unknown), or when the control
// practices have fewer than kEnough patients in one, sex and ten-year band x IMD quintile.
constexpr int kFineBands = 19;
constexpr int kFine = 2 * kFineBands * 11;
constexpr int kCoarse = 2 * kAgeBandCount * 6;
constexpr int64_t kEnough = 20;
// The disease registers: every condition but palliative care.
constexpr uint16_t kDiseases =
    static_cast<uint16_t>(((1u << kConditionCount) - 1) & ~(1u << int(Condition::kPalliative)));

struct StratumCounts {
  std::array<int64_t, kConditionCount> on{};
  Moments registers;  // places on the disease registers per patient
  void Add(uint16_t conditions) {
    const uint16_t diseases = conditions & kDiseases;
    registers.Add(std::popcount(diseases));
    for (uint32_t bits = diseases; bits != 0; bits &= bits - 1) ++on[__builtin_ctz(bits)];
  }
  double Share(int c) const { return static_cast<double>(on[c]) / registers.n; }
  // The variance of one patient's register count.
  double CountVariance() const { return registers.MeanVariance() * registers.n; }
};

struct Row {
  uint32_t practice;
  bool control;
  int fine, coarse;
  uint16_t conditions;
};

// Each unit's rows of a year's list.
std::vector<std::vector<uint32_t>> RowsByUnit(const ListYear& list, size_t units) {
  std::vector<std::vector<uint32_t>> rows(units);
  for (size_t row = 0; row < list.list.size(); ++row) {
    if (list.unit[row] != kNoUnit) rows[list.unit[row]].push_back(static_cast<uint32_t>(row));
  }
  return rows;
}

// The rows of the ICO and of its control practices on 1 April of `list`'s year (`by_unit`:
// RowsByUnit of the list).
std::vector<Row> RowsOf(const SelectionData& d, const ListYear& list,
                        const std::vector<std::vector<uint32_t>>& by_unit, int32_t ico,
                        int32_t control) {
  const PatientColumns& patients = d.population->patients;
  std::vector<Row> rows;
  rows.reserve(by_unit[ico].size() + by_unit[control].size());
  for (const int32_t unit : {ico, control}) {
    for (const uint32_t row : by_unit[unit]) {
      const uint32_t patient = list.list.patient[row];
      const int band = std::min(kFineBands - 1, list.list.age[row] / 5);
      const int sex = list.list.age_sex[row] / kAgeBandCount;
      const int decile = patients.imd_decile[patient] <= 10 ? patients.imd_decile[patient] : 0;
      rows.push_back({list.list.practice[row], unit == control, (band * 2 + sex) * 11 + decile,
                      list.list.age_sex[row] * 6 + list.list.imd_quintile[row],
                      list.list.conditions[row]});
    }
  }
  return rows;
}

}  // namespace

std::vector<SelectionMeasure> MeasureRegisterShortfall(const SelectionData& d,
                                                       std::vector<RegisterSize>* sizes) {
  const SelectionUnits& units = d.units;
  std::vector<SelectionMeasure> out;
  std::map<int, std::vector<std::vector<uint32_t>>> by_unit;  // by year, as needed
  for (size_t i = 0; i < units.icos.size(); ++i) {
    SelectionMeasure m = NewMeasure("register_shortfall", units.icos[i], Adverse::kLower);
    std::string why;
    const std::vector<int> years = d.MeasuredYears(i, &why);
    m.not_estimated = d.NoComparison(i, why);
    if (!m.estimated()) {
      out.push_back(std::move(m));
      continue;
    }
    m.years = {years.back()};
    const ListYear& list = d.Year(years.back());
    auto [at, added] = by_unit.try_emplace(list.year);
    if (added) at->second = RowsByUnit(list, units.size());
    const std::vector<Row> rows = RowsOf(d, list, at->second, static_cast<int32_t>(i),
                                         static_cast<int32_t>(units.ControlUnit(i)));
    // The control practices' registers by stratum.
    std::vector<StratumCounts> fine(kFine), coarse(kCoarse);
    for (const Row& r : rows) {
      if (!r.control) continue;
      fine[r.fine].Add(r.conditions);
      coarse[r.coarse].Add(r.conditions);
    }
    // Each patient against their stratum; the ICO's patients in each; each practice's share.
    std::vector<int64_t> ico_fine(kFine, 0), ico_coarse(kCoarse, 0);
    std::vector<int32_t> index(d.population->organisations.size(), -1);
    std::vector<int> group;  // per practice met: 0 the ICO's, 1 a control
    std::vector<PracticeShare> shares;
    std::array<double, kConditionCount> on{}, expected_on{};
    double observed = 0, expected = 0, variance = 0;
    for (const Row& r : rows) {
      const bool own = fine[r.fine].registers.n >= kEnough;
      const StratumCounts& s = own ? fine[r.fine] : coarse[r.coarse];
      if (s.registers.n < kEnough) continue;  // no comparison for this patient
      if (index[r.practice] < 0) {
        index[r.practice] = static_cast<int32_t>(shares.size());
        group.push_back(r.control);
        shares.emplace_back();
      }
      const double count = std::popcount(static_cast<uint16_t>(r.conditions & kDiseases));
      PracticeShare& share = shares[index[r.practice]];
      share.observed += count;
      share.expected += s.registers.Mean();
      share.variance += s.CountVariance();
      if (r.control) continue;
      ++(own ? ico_fine[r.fine] : ico_coarse[r.coarse]);
      observed += count;
      expected += s.registers.Mean();
      variance += s.CountVariance();
      for (int c = 0; c < kConditionCount; ++c) {
        on[c] += (r.conditions & kDiseases) >> c & 1;
        expected_on[c] += s.Share(c);
      }
    }
    // The control means' own sampling variance.
    for (auto [ico_n, strata] : {std::pair{&ico_fine, &fine}, std::pair{&ico_coarse, &coarse}}) {
      for (size_t s = 0; s < strata->size(); ++s) {
        const double n = static_cast<double>((*ico_n)[s]);
        if (n > 0) variance += n * n * (*strata)[s].registers.MeanVariance();
      }
    }
    for (int c = 0; c < kConditionCount; ++c) {
      if (kDiseases >> c & 1) {
        sizes->push_back({units.icos[i], static_cast<Condition>(c), on[c], expected_on[c]});
      }
    }
    if (expected < 10 || variance <= 0) {
      m.not_estimated = "not enough data: fewer than 10 places on the registers expected";
      out.push_back(std::move(m));
      continue;
    }
    double control_observed = 0, control_expected = 0;
    for (size_t k = 0; k < shares.size(); ++k) {
      if (group[k] != 1) continue;
      control_observed += shares[k].observed;
      control_expected += shares[k].expected;
    }
    const double dispersion = PracticeDispersion(
        shares, group,
        {observed / expected, control_expected > 0 ? control_observed / control_expected : 1});
    m.smallest_count = static_cast<int64_t>(observed);
    SetRatio(&m, std::log(std::max(observed, 0.5) / expected),
             dispersion * variance / (expected * expected));
    m.observed = observed;
    m.expected = expected;
    m.unit = "places on disease registers";
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace continuum
