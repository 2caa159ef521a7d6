#include "stats/logistic.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "core/random.h"

namespace continuum {
namespace {

// Two groups told apart by one flag: 100 people without it, 20 of whom have the outcome, and
// 50 with it, 30 of whom do. Without a penalty the fitted probabilities are the groups' rates:
// intercept log(20/80) and flag coefficient log(30/20) - log(20/80) = log 6.
struct TwoGroups {
  DesignMatrix x{{"flag"}};
  std::vector<uint8_t> outcome;
  TwoGroups() {
    for (int i = 0; i < 150; ++i) {
      if (i >= 100) x.Add(0);
      x.EndRow();
      outcome.push_back(i < 100 ? i < 20 : i < 130);
    }
  }
};

// The penalised objective's gradient at a model, summed plainly row by row (intercept first).
std::vector<double> NaiveGradient(const LogisticModel& model, const DesignMatrix& x,
                                  const std::vector<uint8_t>& outcome) {
  std::vector<double> gradient(x.columns() + 1, 0);
  for (size_t row = 0; row < x.rows(); ++row) {
    double eta = model.intercept;
    for (const auto [column, value] : x.Row(row)) eta += model.coefficient[column] * value;
    const double residual = 1 / (1 + std::exp(-eta)) - outcome[row];
    gradient[0] += residual;
    for (const auto [column, value] : x.Row(row)) gradient[column + 1] += residual * value;
  }
  for (size_t j = 0; j < x.columns(); ++j) gradient[j + 1] += model.coefficient[j] / model.c;
  return gradient;
}

double LargestMagnitude(const std::vector<double>& values) {
  double largest = 0;
  for (double v : values) largest = std::max(largest, std::abs(v));
  return largest;
}

// Sparse rows like a risk model's: five age bands (one-hot, the first the reference), eight
// condition flags, and a capped count of earlier admissions; outcomes drawn from planted
// coefficients with core/random.h, one stream a row.
struct PlantedRows {
  static constexpr double kIntercept = -2.5;
  static constexpr double kAge[] = {0, 0.3, 0.6, 0.9, 1.2};
  static constexpr double kCondition[] = {0.8, 0.5, 0.4, 0.3, 0.2, 0.1, 0.0, -0.3};
  static constexpr double kAdmissions = 0.45;
  DesignMatrix x{{"age:1", "age:2", "age:3", "age:4", "condition:0", "condition:1", "condition:2",
                  "condition:3", "condition:4", "condition:5", "condition:6", "condition:7",
                  "admissions"}};
  std::vector<uint8_t> outcome;

  explicit PlantedRows(size_t rows) {
    for (size_t row = 0; row < rows; ++row) {
      Rng rng = Rng::ForStream(7, row);
      const int age = rng.Between(0, 4);
      double eta = kIntercept + kAge[age];
      if (age > 0) x.Add(age - 1);
      for (int c = 0; c < 8; ++c) {
        if (rng.Chance(0.05 + 0.04 * age)) {
          x.Add(4 + c);
          eta += kCondition[c];
        }
      }
      const int admissions = std::min(rng.Poisson(0.1 + 0.1 * age), 5);
      x.Add(12, static_cast<float>(admissions));
      eta += kAdmissions * admissions;
      x.EndRow();
      outcome.push_back(rng.Chance(1 / (1 + std::exp(-eta))));
    }
  }
};

TEST(Logistic, UnpenalisedTwoGroupsGiveTheGroupLogOdds) {
  TwoGroups data;
  auto model = FitLogistic(data.x, data.outcome, {.c = INFINITY});
  ASSERT_TRUE(model.ok()) << model.status().message();
  EXPECT_NEAR(model->intercept, std::log(20.0 / 80), 1e-9);
  EXPECT_NEAR(model->coefficient[0], std::log(6.0), 1e-9);
  // The log-likelihood at the group rates: 20 log 0.2 + 80 log 0.8 + 30 log 0.6 + 20 log 0.4.
  const double loss =
      -(20 * std::log(0.2) + 80 * std::log(0.8) + 30 * std::log(0.6) + 20 * std::log(0.4));
  EXPECT_NEAR(model->objective, loss, 1e-9);
  EXPECT_EQ(model->rows, 150);
  EXPECT_GT(model->iterations, 0);
  EXPECT_NEAR(model->Probability(data.x, 0), 0.2, 1e-9);
  EXPECT_NEAR(model->Probability(data.x, 149), 0.6, 1e-9);
}

TEST(Logistic, LargeCApproachesTheUnpenalisedFit) {
  TwoGroups data;
  auto model = FitLogistic(data.x, data.outcome, {.c = 1e9});
  ASSERT_TRUE(model.ok());
  EXPECT_NEAR(model->intercept, std::log(20.0 / 80), 1e-6);
  EXPECT_NEAR(model->coefficient[0], std::log(6.0), 1e-6);
}

TEST(Logistic, PenalisedFitZeroesTheObjectivesGradient) {
  TwoGroups data;
  for (double c : {1.0, 0.01}) {
    auto model = FitLogistic(data.x, data.outcome, {.c = c});
    ASSERT_TRUE(model.ok());
    EXPECT_LT(LargestMagnitude(NaiveGradient(*model, data.x, data.outcome)), 1e-9) << c;
    // The penalty pulls the flag's coefficient towards 0, the more so the smaller C.
    EXPECT_GT(model->coefficient[0], 0);
    EXPECT_LT(model->coefficient[0], std::log(6.0));
    EXPECT_LE(model->max_gradient, 1e-8);
  }
  PlantedRows planted(20000);
  auto model = FitLogistic(planted.x, planted.outcome);
  ASSERT_TRUE(model.ok());
  const std::vector<double> gradient = NaiveGradient(*model, planted.x, planted.outcome);
  EXPECT_LT(LargestMagnitude(gradient), 1e-8 * 20000);
}

TEST(Logistic, RecoversPlantedCoefficients) {
  PlantedRows planted(200000);
  auto model = FitLogistic(planted.x, planted.outcome);
  ASSERT_TRUE(model.ok()) << model.status().message();
  EXPECT_NEAR(model->intercept, PlantedRows::kIntercept, 0.05);
  for (int age = 1; age < 5; ++age) {
    EXPECT_NEAR(model->coefficient[age - 1], PlantedRows::kAge[age], 0.07) << age;
  }
  for (int c = 0; c < 8; ++c) {
    EXPECT_NEAR(model->coefficient[4 + c], PlantedRows::kCondition[c], 0.07) << c;
  }
  EXPECT_NEAR(model->coefficient[12], PlantedRows::kAdmissions, 0.03);
  EXPECT_LT(model->iterations, 10);
}

TEST(Logistic, SeparationIsHandledByThePenalty) {
  // Everyone with the flag has the outcome: without a penalty its coefficient has no finite
  // maximum; with one it is finite and the gradient is zero there.
  DesignMatrix x({"flag", "other"});
  std::vector<uint8_t> outcome;
  for (int i = 0; i < 200; ++i) {
    if (i < 40) x.Add(0);
    if (i % 3 == 0) x.Add(1);
    x.EndRow();
    outcome.push_back(i < 40 || i % 4 == 0);
  }
  auto model = FitLogistic(x, outcome, {.c = 1});
  ASSERT_TRUE(model.ok()) << model.status().message();
  EXPECT_GT(model->coefficient[0], 2);
  EXPECT_LT(model->coefficient[0], 10);
  EXPECT_LT(LargestMagnitude(NaiveGradient(*model, x, outcome)), 1e-9);
}

TEST(Logistic, SameFitWhateverTheThreads) {
  PlantedRows planted(60000);  // 15 blocks of rows
  auto one = FitLogistic(planted.x, planted.outcome, {.threads = 1});
  ASSERT_TRUE(one.ok());
  for (int threads : {2, 3, 8}) {
    auto many = FitLogistic(planted.x, planted.outcome, {.threads = threads});
    ASSERT_TRUE(many.ok());
    EXPECT_EQ(many->intercept, one->intercept) << threads;
    EXPECT_EQ(many->coefficient, one->coefficient) << threads;
    EXPECT_EQ(many->objective, one->objective) << threads;
    EXPECT_EQ(ScoreLogistic(*many, planted.x, threads).probability,
              ScoreLogistic(*one, planted.x, 1).probability);
  }
}

TEST(Logistic, ScoresAndContributions) {
  PlantedRows planted(1000);
  auto model = FitLogistic(planted.x, planted.outcome);
  ASSERT_TRUE(model.ok());
  const RiskScores scores = ScoreLogistic(*model, planted.x);
  ASSERT_EQ(scores.probability.size(), 1000u);
  for (size_t row = 0; row < 1000; ++row) {
    EXPECT_DOUBLE_EQ(scores.linear_predictor[row], model->LinearPredictor(planted.x, row));
    EXPECT_DOUBLE_EQ(scores.probability[row], model->Probability(planted.x, row));
    const std::vector<Contribution> parts = Contributions(*model, planted.x, row);
    ASSERT_EQ(parts.size(), planted.x.Row(row).size());
    double sum = model->intercept;
    for (size_t i = 0; i < parts.size(); ++i) {
      sum += parts[i].log_odds;
      if (i > 0) {
        EXPECT_GE(parts[i - 1].log_odds, parts[i].log_odds);
      }
    }
    EXPECT_NEAR(sum, scores.linear_predictor[row], 1e-12);
  }
  // With the planted coefficients, someone in the oldest band with condition 0 and two
  // admissions: age (1.2) first, then the admissions (2 × 0.45), then the condition (0.8).
  LogisticModel planted_model;
  planted_model.intercept = PlantedRows::kIntercept;
  planted_model.coefficient = {0.3, 0.6, 0.9, 1.2, 0.8, 0.5, 0.4, 0.3, 0.2, 0.1, 0, -0.3, 0.45};
  DesignMatrix one(planted.x.column_names());
  one.Add(3);
  one.Add(4);
  one.Add(12, 2);
  one.EndRow();
  const std::vector<Contribution> top = Contributions(planted_model, one, 0);
  ASSERT_EQ(top.size(), 3u);
  EXPECT_EQ(top[0].column, 3u);
  EXPECT_EQ(top[1].column, 12u);
  EXPECT_EQ(top[2].column, 4u);
  EXPECT_DOUBLE_EQ(top[1].log_odds, 0.9);
}

TEST(Logistic, ErrorsTheDataCanCause) {
  DesignMatrix x({"flag"});
  for (int i = 0; i < 4; ++i) {
    x.Add(0, static_cast<float>(i));
    x.EndRow();
  }
  auto single = FitLogistic(x, std::vector<uint8_t>{1, 1, 1, 1});
  ASSERT_FALSE(single.ok());
  EXPECT_EQ(single.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(single.status().message(),
            "every row has outcome 1, so there is nothing to tell apart: a model needs rows with "
            "each outcome");
  EXPECT_FALSE(FitLogistic(x, std::vector<uint8_t>{0, 0, 0, 0}).ok());
  auto not_binary = FitLogistic(x, std::vector<uint8_t>{0, 1, 2, 0});
  ASSERT_FALSE(not_binary.ok());
  EXPECT_EQ(not_binary.status().message(), "row 2: the outcome is 2, not 0 or 1");
  EXPECT_FALSE(FitLogistic(x, std::vector<uint8_t>{0, 1, 1, 0}, {.c = 0}).ok());
  EXPECT_FALSE(FitLogistic(x, std::vector<uint8_t>{0, 1, 1, 0}, {.c = NAN}).ok());
  auto empty = FitLogistic(DesignMatrix({"flag"}), {});
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().message(), "there are no rows to fit a model to");

  x.Add(0, NAN);
  x.EndRow();
  auto nan = FitLogistic(x, std::vector<uint8_t>{0, 1, 1, 0, 1});
  ASSERT_FALSE(nan.ok());
  EXPECT_EQ(nan.status().message(), "row 4, column flag: nan is not a finite number");

  TwoGroups data;
  auto stopped = FitLogistic(data.x, data.outcome, {.max_iterations = 1});
  ASSERT_FALSE(stopped.ok());
  EXPECT_EQ(stopped.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(stopped.status().message().find("did not converge in 1 Newton steps"),
            std::string::npos)
      << stopped.status().message();
}

}  // namespace
}  // namespace continuum
