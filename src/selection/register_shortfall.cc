#include "selection/register_shortfall.h"

#include <array>
#include <cmath>

namespace continuum {
namespace {

constexpr int kStrata = 2 * kAgeBandCount * 6;  // sex and age band x IMD quintile (0 unknown)

struct StratumCounts {
  int64_t patients = 0;
  std::array<int64_t, kConditionCount> on{};
};

}  // namespace

std::vector<SelectionMeasure> MeasureRegisterShortfall(const SelectionData& d) {
  const SelectionUnits& units = d.units;
  std::vector<SelectionMeasure> out;
  for (size_t i = 0; i < units.icos.size(); ++i) {
    std::string why;
    const std::vector<int> years = d.MeasuredYears(i, &why);
    const std::string no = d.NoComparison(i, why);
    std::vector<StratumCounts> ico(kStrata), control(kStrata);
    if (no.empty()) {
      const ListYear& list = d.Year(years.back());
      const int32_t control_unit = static_cast<int32_t>(units.ControlUnit(i));
      for (size_t row = 0; row < list.list.size(); ++row) {
        const int32_t unit = list.unit[row];
        if (unit != static_cast<int32_t>(i) && unit != control_unit) continue;
        StratumCounts& s =
            (unit == control_unit ? control
                                  : ico)[list.list.age_sex[row] * 6 + list.list.imd_quintile[row]];
        ++s.patients;
        for (uint32_t bits = list.list.conditions[row]; bits != 0; bits &= bits - 1) {
          ++s.on[__builtin_ctz(bits)];
        }
      }
    }
    // Each practice's observed and expected on every register, for the dispersion check.
    std::vector<uint32_t> practice_of;  // practices in order met
    std::vector<int> group;             // 0 the ICO's, 1 a control
    std::vector<std::array<PracticeShare, kConditionCount>> shares;
    if (no.empty()) {
      const ListYear& list = d.Year(years.back());
      const int32_t control_unit = static_cast<int32_t>(units.ControlUnit(i));
      std::vector<int32_t> index(d.population->organisations.size(), -1);
      for (size_t row = 0; row < list.list.size(); ++row) {
        const int32_t unit = list.unit[row];
        if (unit != static_cast<int32_t>(i) && unit != control_unit) continue;
        const uint32_t practice = list.list.practice[row];
        if (index[practice] < 0) {
          index[practice] = static_cast<int32_t>(practice_of.size());
          practice_of.push_back(practice);
          group.push_back(unit == control_unit);
          shares.emplace_back();
        }
        const StratumCounts& s = control[list.list.age_sex[row] * 6 + list.list.imd_quintile[row]];
        for (int c = 0; c < kConditionCount; ++c) {
          PracticeShare& share = shares[index[practice]][c];
          share.observed += (list.list.conditions[row] >> c) & 1;
          if (s.patients == 0) {
            share.expected += (list.list.conditions[row] >> c) & 1;
            continue;
          }
          const double p = static_cast<double>(s.on[c]) / s.patients;
          share.expected += p;
          share.variance += p * (1 - p);
        }
      }
    }
    for (int c = 0; c < kConditionCount; ++c) {
      SelectionMeasure m =
          NewMeasure("register:" + std::string(kConditionCodes[c]), units.icos[i], Adverse::kLower);
      m.not_estimated = no;
      if (!m.estimated()) {
        out.push_back(std::move(m));
        continue;
      }
      m.years = {years.back()};
      double observed = 0, expected = 0, variance = 0;
      for (int s = 0; s < kStrata; ++s) {
        if (ico[s].patients == 0) continue;
        observed += static_cast<double>(ico[s].on[c]);
        if (control[s].patients == 0) {
          expected += static_cast<double>(ico[s].on[c]);  // nothing to compare: as observed
          continue;
        }
        const double n = static_cast<double>(ico[s].patients);
        const double share = static_cast<double>(control[s].on[c]) / control[s].patients;
        expected += n * share;
        variance += n * share * (1 - share) + n * n * share * (1 - share) / control[s].patients;
      }
      if (expected < 10 || variance <= 0) {
        m.not_estimated = "not enough data: fewer than 10 patients expected on the register";
      } else {
        std::vector<PracticeShare> by_practice;
        double control_observed = 0, control_expected = 0;
        for (size_t k = 0; k < shares.size(); ++k) {
          by_practice.push_back(shares[k][c]);
          if (group[k] == 1) {
            control_observed += shares[k][c].observed;
            control_expected += shares[k][c].expected;
          }
        }
        const double dispersion = PracticeDispersion(
            by_practice, group,
            {observed / expected, control_expected > 0 ? control_observed / control_expected : 1});
        SetRatio(&m, std::log(std::max(observed, 0.5) / expected),
                 dispersion * variance / (expected * expected));
        m.observed = observed;
        m.expected = expected;
        m.unit = "patients";
      }
      out.push_back(std::move(m));
    }
  }
  return out;
}

}  // namespace continuum
