// The published figures the synthetic ICO is calibrated to (data/calibration/targets.csv): each
// measure's target, tolerance and source. The generator takes its unit costs, activity rates and
// prevalences from here; the calibration check measures generated files against the same rows.
//
//   const CalibrationTargets& t = Targets();
//   double gp_cost = t.Value("unit_cost_gp");   // 39
#pragma once

#include <string>
#include <vector>

#include "core/status.h"

namespace continuum {

struct CalibrationTarget {
  std::string measure;  // e.g. "rate_emergency"
  double target = 0;
  double tolerance_pct = 0;  // the measured value may differ from target by this % of it
  std::string unit, source;
};

class CalibrationTargets {
 public:
  static Result<CalibrationTargets> Parse(std::string_view csv_text);

  const std::vector<CalibrationTarget>& all() const { return targets_; }
  const CalibrationTarget* Find(std::string_view measure) const;
  // The target of a measure the generator relies on; asserts that it exists.
  double Value(std::string_view measure) const;

 private:
  std::vector<CalibrationTarget> targets_;
};

// The embedded data/calibration/targets.csv, parsed once.
const CalibrationTargets& Targets();

}  // namespace continuum
