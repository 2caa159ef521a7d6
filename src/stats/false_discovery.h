// The false discovery rate across many tests: Benjamini and Hochberg's step-up procedure
// ("Controlling the false discovery rate", Journal of the Royal Statistical Society B 57:289,
// 1995), as q-values (adjusted p-values): flagging every test whose q-value is at most α keeps the
// expected share of false alarms among the flags at α or below, for independent or positively
// dependent tests.
//
//   std::vector<double> q = BenjaminiHochbergQValues({0.01, 0.04, 0.03, 0.2});
//   // {0.04, 0.0533, 0.0533, 0.2}: only the first is flagged at 0.05
//
// A p-value that is NaN (a measure that could not be tested) is not a test: its q-value is NaN and
// it does not count among the m tests.
#pragma once

#include <span>
#include <vector>

namespace continuum {

// q_(i) = min over j ≥ i of m p_(j) / j, for the p-values sorted ascending and m the number of
// them that are not NaN; at most 1. In the order given.
std::vector<double> BenjaminiHochbergQValues(std::span<const double> p_values);

}  // namespace continuum
