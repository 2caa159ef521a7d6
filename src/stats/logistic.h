// L2-regularised logistic regression on a sparse design matrix: the probability of a 0/1
// outcome (an emergency admission in the next year) from each patient's features. Minimises
// the objective of scikit-learn's LogisticRegression(C=C, penalty='l2'):
//
//   Σᵢ [log(1 + exp(ηᵢ)) - yᵢ ηᵢ] + ‖w‖² / (2C),   ηᵢ = b + Σⱼ xᵢⱼ wⱼ,  intercept b unpenalised,
//
// by Newton's method with the Hessian summed over each row's few non-zero entries on threads.
//
//   Result<LogisticModel> model = FitLogistic(x, admitted);          // C = 1
//   RiskScores scores = ScoreLogistic(*model, x);                     // .probability[row]
//   for (const Contribution& c : Contributions(*model, x, row)) ...   // what raises the risk
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "stats/design_matrix.h"

namespace continuum {

struct LogisticOptions {
  // The inverse of the penalty's strength, as scikit-learn's C: larger is weaker, and infinity
  // fits without a penalty (the maximum-likelihood estimate, which does not exist when some
  // features separate the outcomes perfectly).
  double c = 1.0;
  // Converged when no component of the objective's gradient exceeds `tolerance` × rows, i.e.
  // the gradient of the mean log-loss is below `tolerance` everywhere (scikit-learn's lbfgs
  // stops at 1e-4 on the same scale).
  double tolerance = 1e-8;
  int max_iterations = 100;
  // Threads to use; 0 for one a core. The result is the same whatever the number.
  int threads = 0;
};

struct LogisticModel {
  std::vector<std::string> column_names;  // the design matrix's, one a coefficient
  double intercept = 0;                   // log-odds for a row with no features
  std::vector<double> coefficient;        // change in log-odds per unit of each column
  double c = 1.0;                         // the penalty it was fitted with

  // How the fit ended.
  int64_t rows = 0;
  int iterations = 0;       // Newton steps taken
  double objective = 0;     // the penalised objective above, at the solution
  double max_gradient = 0;  // the largest |component| of its gradient there, over rows

  // The log-odds (linear predictor) and probability for one row of `x`, which must have the
  // columns the model was fitted on.
  double LinearPredictor(const DesignMatrix& x, size_t row) const;
  double Probability(const DesignMatrix& x, size_t row) const;
};

// Fits the model to rows of `x` and their outcomes (0 or 1, one a row). InvalidInput when there
// are no rows, the outcome is not 0/1 or has one value only, a feature is NaN or infinite, C is
// not positive, or Newton's method does not converge within the options' iterations.
Result<LogisticModel> FitLogistic(const DesignMatrix& x, std::span<const uint8_t> outcome,
                                  const LogisticOptions& options = {});

// Linear predictor and probability for every row of `x`, on `threads` threads (0: one a core).
struct RiskScores {
  std::vector<double> linear_predictor;
  std::vector<double> probability;
};
RiskScores ScoreLogistic(const LogisticModel& model, const DesignMatrix& x, int threads = 0);

// One feature's part in a row's log-odds: coefficient × value. A report names the columns with
// the largest as the factors that put the patient at risk.
struct Contribution {
  uint32_t column;
  double log_odds;
};
// The contributions of a row's non-zero features, largest first (ties by column); the row's
// linear predictor is the intercept plus their sum.
std::vector<Contribution> Contributions(const LogisticModel& model, const DesignMatrix& x,
                                        size_t row);

}  // namespace continuum
