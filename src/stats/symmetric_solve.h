// Solving a symmetric positive (semi)definite system A x = b, such as the normal equations of
// least squares or a Newton step's Hessian. This is the one place Continuum calls Eigen.
//
//   std::vector<double> a = {4, 2,
//                            2, 3};                     // row-major; the upper triangle is read
//   Result<std::vector<double>> x = SolveSymmetric(a, {2, 1});   // {0.5, 0}
#pragma once

#include <span>
#include <vector>

#include "core/status.h"

namespace continuum {

// Solves A x = b for the n × n symmetric positive semidefinite A given row-major in `a` (only
// entries on or above the diagonal are read), n = b.size(). A positive definite A is solved by
// an LDLᵀ factorisation with pivoting; a singular one (exactly collinear columns, a column of
// zeros) gets the minimum-norm least-squares solution. InvalidInput when an entry is NaN or
// infinite.
Result<std::vector<double>> SolveSymmetric(std::span<const double> a, std::span<const double> b);

}  // namespace continuum
