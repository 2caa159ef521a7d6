// A whole emergency-admission risk run, as `continuum risk` does it: fit the model on the lists
// of the year before the validation year (or read it from a file), validate it on the
// validation year's lists, a year it did not see, beside a model of age and sex alone; then
// score everyone on the member lists the day after the data's last complete year, for the risk
// pyramid by practice and the case-finding list.
//
//   auto run = RunRisk(population, scope.member, {.top = 20});
//   run->validation.c_statistic, run->pyramid.all.bands[0], run->cases[0].factors[0].words
#pragma once

#include <span>
#include <string>
#include <vector>

#include "clinical/risk_features.h"
#include "clinical/risk_model.h"
#include "clinical/risk_pyramid.h"
#include "stats/discrimination.h"

namespace continuum {

struct RiskRequest {
  int validation_year = 0;         // financial year, by its starting year; 0: the last complete one
  std::string model_path;          // read the model from here instead of fitting it
  uint32_t practice = UINT32_MAX;  // organisation index: list this member practice's patients only
  int top = 20;                    // patients in the case-finding list
  LogisticOptions options;
};

inline constexpr double kTopPercents[] = {0.5, 1, 5};

struct RiskValidation {
  int year = 0;  // the outcome year; the lists are those of its first day
  RiskCoverage coverage;
  bool history_complete = true, outcome_complete = true;
  double c_statistic = 0;
  double age_sex_c_statistic = 0;  // the age-and-sex model on the same people (0: not fitted)
  double brier = 0;
  std::vector<CalibrationGroup> deciles;  // from the lowest risk
  HosmerLemeshow hosmer_lemeshow;
  std::vector<TopRisk> top;  // at kTopPercents
  RiskPyramid pyramid;       // the bands with what they were expected to have and had
};

// One patient on the case-finding list.
struct RiskCase {
  int64_t patient_id = 0;  // pseudonymous
  uint32_t practice = 0;   // organisation index
  int age = 0;
  uint8_t sex = 0;  // Sex
  double probability = 0;
  std::vector<RiskFactor> factors;  // what raises their risk most
};

struct RiskReport {
  RiskModel model;
  std::string model_path;  // the file read, or empty for a model fitted here
  int fit_year = 0;        // the fit's outcome year (0 for a model read from a file)
  RiskCoverage fit_coverage;
  bool fit_history_complete = true;
  bool fit_year_before = true;  // false: admissions 13-24 months before were left out
  bool validated = false;
  std::string not_validated;  // why not, when not
  RiskValidation validation;
  // The lists the day after the data's last complete year, predicting the year ahead.
  Day scoring_day = 0;
  RiskCoverage scoring_coverage;
  bool scoring_history_complete = true;
  RiskPyramid pyramid;
  std::vector<RiskCase> cases;  // highest risk first
};

// Every patient's probability of an emergency admission in the 12 months from `day`, by
// population index (NaN for those not on the member lists that day), from a model fitted on the
// lists of 12 months before with their outcomes up to `day`: how a savings scenario's case
// management finds its patients. InvalidInput when the data do not cover that year and the one
// before it.
Result<std::vector<double>> RiskByPatient(const Population& population,
                                          std::span<const uint8_t> member_practice, Day day,
                                          const LogisticOptions& options = {});

// InvalidInput when the data hold no complete year to validate on (and, when fitting, the year
// before it), naming the years they do hold; NotFound when there are no events at all.
Result<RiskReport> RunRisk(const Population& population, std::span<const uint8_t> member_practice,
                           const RiskRequest& request);

}  // namespace continuum
