// Populations by sex and single year of age, and drawing people from them.
//
//   Result<AgeSexTable> england = EnglandAgeStructure();   // ONS mid-2019, embedded
//   AgeSexSampler sampler(*england);
//   auto [sex, age] = sampler.Draw(rng.Uniform());
#pragma once

#include <array>
#include <utility>
#include <vector>

#include "core/status.h"
#include "model/codes.h"

namespace continuum {

inline constexpr int kMaxAge = 100;  // the oldest single year; the open top band ends here

struct AgeSexTable {
  // Head counts (any scale) by sex (Sex::kFemale, Sex::kMale) and completed years of age.
  std::array<std::array<double, kMaxAge + 1>, 2> count{};

  double Total() const;
  void Add(const AgeSexTable& other, double weight);
};

// Spreads `total` over ages from..to: evenly, except an open top band (to == kMaxAge), whose
// numbers fall by a fifth with each year as survival does beyond 90.
void SpreadBand(double total, int from, int to, std::array<double, kMaxAge + 1>* ages);

// England by sex and single year of age (data/population/england_age_sex.csv: ONS mid-2019
// five-year bands spread over single years).
Result<AgeSexTable> EnglandAgeStructure();

// Draws (sex, age) in proportion to a table's counts.
class AgeSexSampler {
 public:
  AgeSexSampler() = default;
  explicit AgeSexSampler(const AgeSexTable& table);
  // u uniform in [0, 1).
  std::pair<Sex, int> Draw(double u) const;

 private:
  std::vector<double> cumulative_;  // over 2 * (kMaxAge + 1) cells, females first
};

}  // namespace continuum
