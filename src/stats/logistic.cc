#include "stats/logistic.h"

#include <algorithm>
#include <atomic>
#include <cassert>
#include <cmath>
#include <thread>

#include "stats/symmetric_solve.h"

namespace continuum {
namespace {

// log(1 + exp(eta)) without overflow.
double Softplus(double eta) {
  return eta > 0 ? eta + std::log1p(std::exp(-eta)) : std::log1p(std::exp(eta));
}

double Sigmoid(double eta) { return 1 / (1 + std::exp(-eta)); }

int ThreadCount(int requested) {
  return requested > 0 ? requested
                       : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

// Runs work(task) for every task in [0, tasks) on `threads` threads, each taking the next task
// not yet taken.
template <typename Work>
void RunTasks(size_t tasks, int threads, const Work& work) {
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t task = next++; task < tasks; task = next++) work(task);
  };
  std::vector<std::thread> helpers;
  for (int t = 1; t < std::min<int>(threads, static_cast<int>(tasks)); ++t) {
    helpers.emplace_back(worker);
  }
  worker();
  for (std::thread& helper : helpers) helper.join();
}

// Blocks of at least 4,096 rows, at most 64 of them, fewer when their partial Hessians (of
// `size` × `size`) would take more than 256 MiB.
size_t BlockCount(size_t rows, size_t size) {
  const size_t max_blocks = std::clamp<size_t>((size_t{256} << 20) / (size * size * 8), 1, 64);
  return std::clamp<size_t>((rows + 4095) / 4096, 1, max_blocks);
}

// The fitting problem. Coefficients are held as beta: the intercept first, then column j at
// j + 1. Sums over rows are taken in fixed blocks of rows, each into its own partial sums, which
// are then added in block order: the blocks depend on the data's size alone, so the sums (and
// the fit) are the same to the last bit whatever the number of threads.
class NewtonProblem {
 public:
  NewtonProblem(const DesignMatrix& x, std::span<const uint8_t> outcome,
                const LogisticOptions& options)
      : x_(x),
        outcome_(outcome),
        penalty_(1 / options.c),
        threads_(ThreadCount(options.threads)),
        size_(x.columns() + 1),
        blocks_(BlockCount(x.rows(), size_)) {}

  size_t size() const { return size_; }

  // The objective, its gradient and every row's linear predictor at `beta`.
  struct Evaluation {
    double objective = 0;
    std::vector<double> gradient;
    std::vector<double> linear_predictor;
    double MaxGradient() const {
      double largest = 0;
      for (double g : gradient) largest = std::max(largest, std::abs(g));
      return largest;
    }
  };
  Evaluation Evaluate(const std::vector<double>& beta) const {
    Evaluation e;
    e.linear_predictor.resize(x_.rows());
    // Each block's partial: the gradient, then the log-loss.
    std::vector<double> partial(blocks_ * (size_ + 1), 0);
    RunTasks(blocks_, threads_, [&](size_t block) {
      double* sums = &partial[block * (size_ + 1)];
      double loss = 0;
      ForRows(block, [&](size_t row, const uint32_t* columns, const float* values, size_t n) {
        const double eta = beta[0] + x_.Dot(row, &beta[1]);
        e.linear_predictor[row] = eta;
        const double y = outcome_[row];
        loss += Softplus(eta) - y * eta;
        const double residual = Sigmoid(eta) - y;
        sums[0] += residual;
        for (size_t i = 0; i < n; ++i) sums[columns[i] + 1] += residual * values[i];
      });
      sums[size_] = loss;
    });
    const std::vector<double> total = AddBlocks(partial, size_ + 1);
    e.gradient.assign(total.begin(), total.end() - 1);
    e.objective = total.back();
    for (size_t j = 1; j < size_; ++j) {
      e.objective += 0.5 * penalty_ * beta[j] * beta[j];
      e.gradient[j] += penalty_ * beta[j];
    }
    return e;
  }

  // The objective's Hessian at the linear predictors `eta`, row-major, upper triangle filled:
  // Σ p(1 - p) x xᵀ over rows (with the intercept's 1 in x), from each row's entries alone,
  // plus the penalty on the diagonal.
  std::vector<double> Hessian(const std::vector<double>& eta) const {
    const size_t area = size_ * size_;
    std::vector<double> partial(blocks_ * area, 0);
    RunTasks(blocks_, threads_, [&](size_t block) {
      double* h = &partial[block * area];
      ForRows(block, [&](size_t row, const uint32_t* columns, const float* values, size_t n) {
        const double p = Sigmoid(eta[row]), w = p * (1 - p);
        h[0] += w;
        // Entries are in ascending column order, so (i, j ≥ i) fills the upper triangle.
        for (size_t i = 0; i < n; ++i) {
          const double wx = w * values[i];
          const size_t a = columns[i] + 1;
          h[a] += wx;
          double* line = h + a * size_ + 1;
          for (size_t j = i; j < n; ++j) line[columns[j]] += wx * values[j];
        }
      });
    });
    std::vector<double> total = AddBlocks(partial, area);
    for (size_t j = 1; j < size_; ++j) total[j * size_ + j] += penalty_;
    return total;
  }

 private:
  // Calls visit(row, columns, values, entries) for each row of `block`.
  template <typename Visit>
  void ForRows(size_t block, const Visit& visit) const {
    const size_t rows = x_.rows();
    const size_t begin = rows * block / blocks_, end = rows * (block + 1) / blocks_;
    const std::span<const uint64_t> start = x_.row_starts();
    const uint32_t* columns = x_.column_indexes().data();
    const float* values = x_.values().data();
    for (size_t row = begin; row < end; ++row) {
      visit(row, columns + start[row], values + start[row], start[row + 1] - start[row]);
    }
  }

  // The blocks' partial sums (`width` numbers each) added in block order.
  std::vector<double> AddBlocks(const std::vector<double>& partial, size_t width) const {
    std::vector<double> total(partial.begin(), partial.begin() + width);
    for (size_t block = 1; block < blocks_; ++block) {
      const double* part = &partial[block * width];
      for (size_t k = 0; k < width; ++k) total[k] += part[k];
    }
    return total;
  }

  const DesignMatrix& x_;
  std::span<const uint8_t> outcome_;
  const double penalty_;  // 1/C, the weight of ‖w‖²/2
  const int threads_;
  const size_t size_;  // coefficients with the intercept
  const size_t blocks_;
};

Status CheckOutcome(std::span<const uint8_t> outcome) {
  int64_t events = 0;
  for (size_t row = 0; row < outcome.size(); ++row) {
    if (outcome[row] > 1) {
      return Status::InvalidInput("row " + std::to_string(row) + ": the outcome is " +
                                  std::to_string(outcome[row]) + ", not 0 or 1");
    }
    events += outcome[row];
  }
  if (events == 0 || events == static_cast<int64_t>(outcome.size())) {
    return Status::InvalidInput("every row has outcome " + std::to_string(events ? 1 : 0) +
                                ", so there is nothing to tell apart: a model needs rows with "
                                "each outcome");
  }
  return Status::Ok();
}

}  // namespace

double LogisticModel::LinearPredictor(const DesignMatrix& x, size_t row) const {
  assert(x.columns() == coefficient.size());
  return intercept + x.Dot(row, coefficient.data());
}

double LogisticModel::Probability(const DesignMatrix& x, size_t row) const {
  return Sigmoid(LinearPredictor(x, row));
}

Result<LogisticModel> FitLogistic(const DesignMatrix& x, std::span<const uint8_t> outcome,
                                  const LogisticOptions& options) {
  assert(outcome.size() == x.rows());
  if (x.rows() == 0) return Status::InvalidInput("there are no rows to fit a model to");
  if (!(options.c > 0)) {
    return Status::InvalidInput("C must be positive (infinity for no penalty), not " +
                                std::to_string(options.c));
  }
  CONTINUUM_RETURN_IF_ERROR(CheckOutcome(outcome));
  CONTINUUM_RETURN_IF_ERROR(x.CheckFinite());

  const NewtonProblem problem(x, outcome, options);
  const double rows = static_cast<double>(x.rows());
  // Start from the intercept-only model's maximum: the log-odds of the overall rate.
  std::vector<double> beta(problem.size(), 0);
  double events = 0;
  for (uint8_t y : outcome) events += y;
  beta[0] = std::log(events / (rows - events));

  NewtonProblem::Evaluation at = problem.Evaluate(beta);
  int iteration = 0;
  for (; at.MaxGradient() > options.tolerance * rows; ++iteration) {
    if (iteration == options.max_iterations) {
      return Status::InvalidInput(
          "the logistic regression did not converge in " + std::to_string(iteration) +
          " Newton steps (largest gradient component per row " +
          std::to_string(at.MaxGradient() / rows) + ", tolerance " +
          std::to_string(options.tolerance) +
          "); with a weak penalty, features that predict the outcome perfectly make the "
          "coefficients grow without end: use a smaller C");
    }
    std::vector<double> minus_gradient(at.gradient);
    for (double& g : minus_gradient) g = -g;
    auto step = SolveSymmetric(problem.Hessian(at.linear_predictor), minus_gradient);
    if (!step.ok()) return step.status().WithContext("Newton step " + std::to_string(iteration));
    // Backtracking: halve the step until the objective falls by at least a small part of what
    // the gradient promises (Armijo), allowing for rounding in a sum over every row.
    double slope = 0;
    for (size_t j = 0; j < beta.size(); ++j) slope += at.gradient[j] * (*step)[j];
    const double rounding = 1e-13 * std::abs(at.objective);
    bool accepted = false;
    for (double t = 1; t > 1e-10 && !accepted; t /= 2) {
      std::vector<double> trial(beta);
      for (size_t j = 0; j < beta.size(); ++j) trial[j] += t * (*step)[j];
      NewtonProblem::Evaluation next = problem.Evaluate(trial);
      if (next.objective <= at.objective + 1e-4 * t * slope + rounding) {
        beta = std::move(trial);
        at = std::move(next);
        accepted = true;
      }
    }
    if (!accepted) {
      return Status::InvalidInput("the logistic regression stopped at Newton step " +
                                  std::to_string(iteration) +
                                  ": no step along the Newton direction lowers the objective");
    }
  }

  LogisticModel model;
  model.column_names = x.column_names();
  model.intercept = beta[0];
  model.coefficient.assign(beta.begin() + 1, beta.end());
  model.c = options.c;
  model.rows = static_cast<int64_t>(x.rows());
  model.iterations = iteration;
  model.objective = at.objective;
  model.max_gradient = at.MaxGradient() / rows;
  return model;
}

RiskScores ScoreLogistic(const LogisticModel& model, const DesignMatrix& x, int threads) {
  assert(x.columns() == model.coefficient.size());
  const size_t rows = x.rows();
  RiskScores scores;
  scores.linear_predictor.resize(rows);
  scores.probability.resize(rows);
  // Independent rows: 64 contiguous slices, whichever thread takes them.
  constexpr size_t kSlices = 64;
  RunTasks(kSlices, ThreadCount(threads), [&](size_t slice) {
    for (size_t row = rows * slice / kSlices; row < rows * (slice + 1) / kSlices; ++row) {
      const double eta = model.intercept + x.Dot(row, model.coefficient.data());
      scores.linear_predictor[row] = eta;
      scores.probability[row] = Sigmoid(eta);
    }
  });
  return scores;
}

std::vector<Contribution> Contributions(const LogisticModel& model, const DesignMatrix& x,
                                        size_t row) {
  assert(x.columns() == model.coefficient.size());
  std::vector<Contribution> parts;
  for (const auto [column, value] : x.Row(row)) {
    parts.push_back({column, model.coefficient[column] * value});
  }
  std::sort(parts.begin(), parts.end(), [](const Contribution& a, const Contribution& b) {
    return a.log_odds != b.log_odds ? a.log_odds > b.log_odds : a.column < b.column;
  });
  return parts;
}

}  // namespace continuum
