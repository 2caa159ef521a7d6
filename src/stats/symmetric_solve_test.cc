#include "stats/symmetric_solve.h"

#include <gtest/gtest.h>

#include <cmath>

namespace continuum {
namespace {

TEST(SymmetricSolve, SolvesAPositiveDefiniteSystem) {
  // [4 2; 2 3] x = [2; 1]: the inverse is [3 -2; -2 4] / 8, so x = [0.5; 0].
  auto x = SolveSymmetric(std::vector<double>{4, 2, 2, 3}, std::vector<double>{2, 1});
  ASSERT_TRUE(x.ok()) << x.status().message();
  ASSERT_EQ(x->size(), 2u);
  EXPECT_NEAR((*x)[0], 0.5, 1e-15);
  EXPECT_NEAR((*x)[1], 0, 1e-15);
}

TEST(SymmetricSolve, ReadsTheUpperTriangleOnly) {
  auto x = SolveSymmetric(std::vector<double>{4, 2, -99, 3}, std::vector<double>{2, 1});
  ASSERT_TRUE(x.ok());
  EXPECT_NEAR((*x)[0], 0.5, 1e-15);
  EXPECT_NEAR((*x)[1], 0, 1e-15);
}

TEST(SymmetricSolve, SingularSystemsGetTheMinimumNormSolution) {
  // Two identical columns: x1 + x2 = 2 on both rows, and the shortest such x is [1; 1].
  auto collinear = SolveSymmetric(std::vector<double>{1, 1, 1, 1}, std::vector<double>{2, 2});
  ASSERT_TRUE(collinear.ok());
  EXPECT_NEAR((*collinear)[0], 1, 1e-12);
  EXPECT_NEAR((*collinear)[1], 1, 1e-12);
  // A column of zeros leaves its unknown at 0.
  auto zero = SolveSymmetric(std::vector<double>{2, 0, 0, 0}, std::vector<double>{4, 0});
  ASSERT_TRUE(zero.ok());
  EXPECT_NEAR((*zero)[0], 2, 1e-12);
  EXPECT_EQ((*zero)[1], 0);
}

TEST(SymmetricSolve, EmptyAndNonFiniteSystems) {
  auto empty = SolveSymmetric({}, {});
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
  auto nan = SolveSymmetric(std::vector<double>{1, NAN, 0, 1}, std::vector<double>{1, 1});
  ASSERT_FALSE(nan.ok());
  EXPECT_EQ(nan.status().code(), StatusCode::kInvalidInput);
  EXPECT_FALSE(SolveSymmetric(std::vector<double>{1}, std::vector<double>{INFINITY}).ok());
}

}  // namespace
}  // namespace continuum
