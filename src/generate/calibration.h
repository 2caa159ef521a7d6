// Measures an interchange folder against data/calibration/targets.csv, reading only the CSV
// files (never the generator's internals), so it checks synthetic output the way an analyst
// would check real data. Also measures how predictable next year's emergency admissions are
// from this year's records (the c-statistic a case-finding model could reach).
//
//   Result<Calibration> c = MeasureFolder("demo/data");
//   c->Value("rate_emergency")            // per 1,000 registered a year
//   c->Value("emergency_auc_logistic")    // ~0.75-0.8 for the generator's default
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/status.h"

namespace continuum {

struct Calibration {
  // Every targets.csv measure that could be computed, under its name there, plus:
  //   person_years, events_per_person_year, prescription_issues_per_person_year,
  //   emergency_auc_simple_score, emergency_auc_logistic (two or more financial years),
  //   emergency_auc_latent (with a truth file).
  std::map<std::string, double> values;

  double Value(const std::string& measure) const {
    auto it = values.find(measure);
    return it == values.end() ? -1.0 : it->second;
  }
};

// `truth_path` (optional) is the generator's truth file of latent risks.
Result<Calibration> MeasureFolder(const std::string& folder, const std::string& truth_path = "");

// Area under the ROC curve of `scores` for binary `outcomes` (ties count a half).
double AreaUnderCurve(const std::vector<double>& scores, const std::vector<int>& outcomes);

}  // namespace continuum
