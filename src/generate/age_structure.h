// Who lives in the area: a distribution over single years of age (0 to 99) and sex, drawn
// from to give each synthetic person an age. The default is England's (ONS mid-year
// estimates, data/generate/england_age_sex.csv); an area's own comes from its ONS file.
//
//   AgeStructure england = EnglandAgeStructure();
//   auto [age, female] = england.Draw(rng);
#pragma once

#include <array>
#include <utility>

#include "generate/random.h"

namespace continuum {

class AgeStructure {
 public:
  static constexpr int kAges = 100;
  // people[sex][age]: sex 0 female, 1 male.
  explicit AgeStructure(const std::array<std::array<double, kAges>, 2>& people);

  // An age in years and whether female.
  std::pair<int, bool> Draw(Random& rng) const;
  double Total() const { return cumulative_.back(); }

 private:
  std::array<double, 2 * kAges> cumulative_;
};

AgeStructure EnglandAgeStructure();

// Spreads an open-ended top band (e.g. ONS "90+") over ages top..99, halving every 3 years.
void SpreadTopBand(double people, int top, std::array<double, AgeStructure::kAges>* ages);

}  // namespace continuum
