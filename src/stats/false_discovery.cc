#include "stats/false_discovery.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace continuum {

std::vector<double> BenjaminiHochbergQValues(std::span<const double> p_values) {
  std::vector<double> q(p_values.size(), std::numeric_limits<double>::quiet_NaN());
  std::vector<size_t> order;
  for (size_t i = 0; i < p_values.size(); ++i) {
    if (!std::isnan(p_values[i])) order.push_back(i);
  }
  // Ascending, ties in the order given, so that the result does not depend on the sort.
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return p_values[a] < p_values[b]; });
  const double m = static_cast<double>(order.size());
  double running = 1;
  for (size_t k = order.size(); k-- > 0;) {
    running = std::min(running, p_values[order[k]] * m / static_cast<double>(k + 1));
    q[order[k]] = running;
  }
  return q;
}

}  // namespace continuum
