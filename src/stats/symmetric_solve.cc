// Eigen is included here only: the one home of the linear algebra.
#include "stats/symmetric_solve.h"

#include <Eigen/Dense>
#include <cassert>
#include <cmath>
#include <limits>

namespace continuum {

Result<std::vector<double>> SolveSymmetric(std::span<const double> a, std::span<const double> b) {
  const Eigen::Index n = static_cast<Eigen::Index>(b.size());
  assert(a.size() == b.size() * b.size());
  Eigen::MatrixXd matrix(n, n);
  Eigen::VectorXd rhs(n);
  bool finite = true;
  for (Eigen::Index i = 0; i < n; ++i) {
    rhs(i) = b[i];
    finite = finite && std::isfinite(b[i]);
    for (Eigen::Index j = i; j < n; ++j) {
      matrix(i, j) = matrix(j, i) = a[i * n + j];
      finite = finite && std::isfinite(a[i * n + j]);
    }
  }
  if (!finite) return Status::InvalidInput("the system to solve holds a NaN or infinite number");
  if (n == 0) return std::vector<double>();

  Eigen::VectorXd x;
  const Eigen::LDLT<Eigen::MatrixXd> ldlt(matrix);
  const Eigen::VectorXd pivots = ldlt.vectorD();
  // Positive definite to working precision: every pivot clearly above rounding of the largest.
  const double floor = n * std::numeric_limits<double>::epsilon() * pivots.cwiseAbs().maxCoeff();
  if (ldlt.info() == Eigen::Success && pivots.minCoeff() > floor) {
    x = ldlt.solve(rhs);
  } else {
    // Rank-revealing, so a singular system still gets its minimum-norm solution.
    x = matrix.completeOrthogonalDecomposition().solve(rhs);
  }
  return std::vector<double>(x.data(), x.data() + n);
}

}  // namespace continuum
