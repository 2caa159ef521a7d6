#include "clinical/risk_pyramid.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace continuum {

int64_t TopRanks(size_t n, double percent) {
  return static_cast<int64_t>(std::floor(static_cast<double>(n) * percent / 100 + 0.5));
}

std::vector<uint32_t> RankByRisk(std::span<const double> probability) {
  std::vector<uint32_t> order(probability.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return probability[a] > probability[b]; });
  return order;
}

RiskPyramid BuildRiskPyramid(std::span<const double> probability,
                             std::span<const uint32_t> practice, std::span<const uint8_t> outcome) {
  RiskPyramid out;
  out.observed = !outcome.empty();
  out.lowest.fill(1.0);
  const std::vector<uint32_t> order = RankByRisk(probability);
  std::vector<int64_t> ends(kRiskBands);
  for (int b = 0; b < kRiskBands; ++b) ends[b] = TopRanks(order.size(), kRiskBandTop[b]);
  std::vector<size_t> row_of_practice;  // practice -> index in out.practices + 1 (0: none yet)
  int band = 0;
  for (size_t rank = 0; rank < order.size(); ++rank) {
    while (band + 1 < kRiskBands && static_cast<int64_t>(rank) >= ends[band]) ++band;
    const uint32_t row = order[rank];
    if (practice[row] >= row_of_practice.size()) row_of_practice.resize(practice[row] + 1, 0);
    if (row_of_practice[practice[row]] == 0) {
      out.practices.push_back({.practice = practice[row]});
      row_of_practice[practice[row]] = out.practices.size();
    }
    const uint8_t admitted = out.observed ? outcome[row] : 0;
    for (RiskBandCell* cell :
         {&out.all.bands[band], &out.practices[row_of_practice[practice[row]] - 1].bands[band]}) {
      ++cell->patients;
      cell->expected += probability[row];
      cell->observed += admitted;
    }
    out.lowest[band] = std::min(out.lowest[band], probability[row]);
  }
  std::sort(
      out.practices.begin(), out.practices.end(),
      [](const RiskPyramidRow& a, const RiskPyramidRow& b) { return a.practice < b.practice; });
  return out;
}

}  // namespace continuum
