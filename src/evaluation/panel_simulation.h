// Synthetic programmes for testing the evaluation's statistics against a planted truth: practices
// (clusters) of units observed over periods, some practices joining pilots that start on
// staggered periods, with unit and practice levels, practice shocks that persist from period to
// period (so that ignoring the clustering would give intervals too narrow), and an effect of
// known size that grows after the start and differs between pilots — or none at all.
//
//   PanelTruth truth;
//   BalancedPanel panel = SimulatePanel(PanelDesign{}, /*seed=*/7, &truth);
//   truth.overall;                 // what EstimateStaggeredDid's overall effect estimates
#pragma once

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "stats/balanced_panel.h"

namespace continuum {

struct PanelDesign {
  int32_t clusters = 60;
  int32_t units_per_cluster = 10;
  int32_t periods = 8;
  std::vector<int32_t> starts = {4, 5, 6};  // the pilots' start periods (indexes)
  double treated_share = 0.5;               // of clusters, dealt to the starts in turn
  double effect = 1.0;                      // at the start, for the first pilot; 0: no effect
  double growth = 0.25;                     // the effect grows by this share each period after
  double pilot_spread = 0.2;                // each later pilot's effect is this share larger
  double unit_effect_spread = 0.5;          // units' effects vary around their pilot's by this sd
  double unit_sd = 2.0;                     // unit levels
  double cluster_sd = 1.0;                  // practice levels (treated practices sit higher)
  double shock_sd = 0.6;                    // practice shocks each period …
  double shock_persistence = 0.5;           // … that carry on, AR(1)
  double noise_sd = 1.0;                    // each unit and period
  bool covariate = false;  // a unit covariate that shifts the trend, unbalanced between arms
  // Each unit labelled as its own cluster, as an analyst who forgot the practices would: the
  // intervals then ignore the practices' shared shocks.
  bool units_as_clusters = false;
};

struct PanelTruth {
  std::map<std::pair<int32_t, int32_t>, double> group_time;  // (group, time) -> ATT
  std::map<int32_t, double> event_time;                      // event time -> ATT
  std::map<int32_t, double> group;                           // group -> ATT
  double overall = 0;
};

// The same design and seed give the same panel. `truth` gets the planted effects, weighted as
// the estimator weighs its estimates (by the groups' sizes).
BalancedPanel SimulatePanel(const PanelDesign& design, uint64_t seed, PanelTruth* truth);

}  // namespace continuum
