// The published figures the generator aims at, read from data/calibration/targets.csv (the
// same file the calibration test checks the output against).
//
//   const Targets& t = CalibrationTargets();
//   double per_1000 = t.Get("rate_emergency");   // 110
#pragma once

#include <map>
#include <string>

namespace continuum {

class Targets {
 public:
  // The target value of `measure`; a measure missing from the file is a programmer error.
  double Get(const std::string& measure) const;
  const std::map<std::string, double>& all() const { return values_; }

 private:
  friend const Targets& CalibrationTargets();
  std::map<std::string, double> values_;
};

const Targets& CalibrationTargets();

}  // namespace continuum
