// A balanced panel: every unit observed in every period, each unit in one cluster and with one
// first treated period (or never treated). The estimators of staggered_did.h and
// two_way_fixed_effects.h read it; evaluation/panel_file.h builds one from a user's CSV.
//
//   BalancedPanel panel(/*units=*/2, /*periods=*/3, /*clusters=*/2);
//   panel.at(0, 2) = 4.5;                    // unit 0's outcome in the third period
//   panel.first_treated[0] = 2;               // treated from the third period on
//   panel.first_treated[1] = kNeverTreated;
//   panel.cluster = {0, 1};
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace continuum {

inline constexpr int32_t kNeverTreated = -1;

struct BalancedPanel {
  BalancedPanel() = default;
  BalancedPanel(int32_t units_in, int32_t periods_in, int32_t clusters_in)
      : units(units_in),
        periods(periods_in),
        clusters(clusters_in),
        outcome(static_cast<size_t>(units_in) * periods_in),
        first_treated(units_in, kNeverTreated),
        cluster(units_in, 0) {}

  double& at(int32_t unit, int32_t period) {
    return outcome[static_cast<size_t>(unit) * periods + period];
  }
  double at(int32_t unit, int32_t period) const {
    return outcome[static_cast<size_t>(unit) * periods + period];
  }

  int32_t units = 0;
  int32_t periods = 0;                 // periods are indexes 0 … periods − 1, in time order
  int32_t clusters = 0;                // clusters are indexes 0 … clusters − 1
  std::vector<double> outcome;         // outcome[unit × periods + period]
  std::vector<int32_t> first_treated;  // the period index a unit is first treated, or kNeverTreated
  std::vector<int32_t> cluster;        // each unit's cluster
  // Optional covariates laid out as the outcome: covariates[k][unit × periods + period]. The
  // staggered estimator adjusts for their values in each comparison's base period; the two-way
  // fixed-effects regression includes them as regressors.
  std::vector<std::vector<double>> covariates;
};

}  // namespace continuum
