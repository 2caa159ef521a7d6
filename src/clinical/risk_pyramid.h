// The risk pyramid: an ICO's scored patients in bands of rank (the highest-risk 0.5%, the next
// 0.5%, then 1-5%, 5-20% and the rest), counted by member practice with the admissions each band
// is expected to have (the sum of its probabilities) and, when the outcome is known, had. The
// bands are cut on the whole ICO's ranking, so a practice with sicker patients has more of them
// in the top bands.
//
//   RiskPyramid p = BuildRiskPyramid(scores.probability, features.practice, {});
//   p.all.bands[0].patients, p.practices[k].bands[4].expected
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace continuum {

inline constexpr int kRiskBands = 5;
// Each band's upper end, as a percentage of the ranking: 0.5, 1, 5, 20, 100.
inline constexpr double kRiskBandTop[kRiskBands] = {0.5, 1, 5, 20, 100};
inline constexpr std::string_view kRiskBandNames[kRiskBands] = {"top 0.5%", "0.5-1%", "1-5%",
                                                                "5-20%", "rest"};

struct RiskBandCell {
  int64_t patients = 0;
  double expected = 0;   // the sum of their probabilities: patients expected to be admitted
  int64_t observed = 0;  // of them, admitted (when the outcome is known)
};

struct RiskPyramidRow {
  uint32_t practice = 0;  // organisation index (the ICO's own row: UINT32_MAX)
  std::array<RiskBandCell, kRiskBands> bands;
};

struct RiskPyramid {
  std::vector<RiskPyramidRow> practices;  // by organisation index
  RiskPyramidRow all{.practice = UINT32_MAX};
  // The lowest probability in each band of the whole ranking (1 when the band is empty).
  std::array<double, kRiskBands> lowest{};
  bool observed = false;  // true when outcomes were given
};

// The number of the highest ranks in the top `percent` of `n`: round(n × percent / 100), halves
// up, as FlagTopRisk counts them.
int64_t TopRanks(size_t n, double percent);

// Bands every row by its rank in `probability` (highest first; ties by row order) and counts
// them by `practice`. `outcome` is empty or parallel to `probability`.
RiskPyramid BuildRiskPyramid(std::span<const double> probability,
                             std::span<const uint32_t> practice, std::span<const uint8_t> outcome);

// Rows in order of risk, highest first, ties by row order.
std::vector<uint32_t> RankByRisk(std::span<const double> probability);

}  // namespace continuum
