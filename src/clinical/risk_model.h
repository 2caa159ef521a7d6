// An emergency-admission risk model: an L2-regularised logistic regression (stats/logistic.h)
// over columns of risk_columns.h, fitted on one index day's features and outcomes, scored on
// another's, with each patient's leading risk factors in words, and saved to or read from a
// coefficients file.
//
//   auto model = FitRiskModel(fit_features, RiskModelColumns(RiskColumnSet::kFull, true));
//   RiskScoring s = ScoreRiskModel(*model, features);         // s.scores.probability[row]
//   for (const RiskFactor& f : TopRiskFactors(*model, s.x, features, row)) ... f.words
//   Status saved = WriteRiskModel(*model, "risk-model.csv");  // ReadRiskModel("risk-model.csv")
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "clinical/risk_columns.h"
#include "core/status.h"
#include "stats/logistic.h"

namespace continuum {

struct RiskModel {
  std::vector<int> columns;  // indexes into RiskColumns(), parallel to logistic.coefficient
  LogisticModel logistic;
  // Where it came from: "fitted on index day 2023-04-01 (outcome 2023-24)", or the file's own
  // `# source:` line.
  std::string source;
  double fit_seconds = 0;  // wall time of the fit (0 for a model read from a file)
};

// Fits the model on `features` (which must carry outcomes) over `columns`. InvalidInput as
// FitLogistic gives it (no one on the lists, everyone with the same outcome).
Result<RiskModel> FitRiskModel(const RiskFeatures& features, std::vector<int> columns,
                               const LogisticOptions& options = {});

// The model's design matrix for `features` and every row's probability.
struct RiskScoring {
  DesignMatrix x;
  RiskScores scores;
};
RiskScoring ScoreRiskModel(const RiskModel& model, const RiskFeatures& features);

// One of the factors that raise a patient's risk most: a column of theirs and its part in their
// log-odds (coefficient × value), with what it says of them in words.
struct RiskFactor {
  int column;  // index into RiskColumns()
  double log_odds;
  std::string words;
};
// The patient's factors with a positive part of at least log(1.1) (an odds ratio of 1.1), the
// largest first, at most `most`.
std::vector<RiskFactor> TopRiskFactors(const RiskModel& model, const DesignMatrix& x,
                                       const RiskFeatures& features, size_t row, int most = 5);

// The coefficients file, as log-odds:
//   # continuum risk model
//   # source: fitted on index day 2023-04-01 (outcome 2023-24)
//   column,coefficient
//   intercept,-4.1207
//   age_sex:F_0-4,0.3561
// `intercept` is required; every other row names a column of RiskColumns() at most once, and
// the model has exactly the columns listed. `# source:` is optional; other `#` lines are
// comments. Errors name the file, line and field.
std::string FormatRiskModel(const RiskModel& model);
Result<RiskModel> ParseRiskModel(std::string_view text, const std::string& file_name);
Status WriteRiskModel(const RiskModel& model, const std::string& path);
Result<RiskModel> ReadRiskModel(const std::string& path);

}  // namespace continuum
