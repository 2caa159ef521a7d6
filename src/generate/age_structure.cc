#include "generate/age_structure.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>

#include "core/embedded.h"

namespace continuum {

AgeStructure::AgeStructure(const std::array<std::array<double, kAges>, 2>& people) {
  double total = 0;
  for (int s = 0; s < 2; ++s) {
    for (int a = 0; a < kAges; ++a) {
      total += people[s][a];
      cumulative_[s * kAges + a] = total;
    }
  }
}

std::pair<int, bool> AgeStructure::Draw(Random& rng) const {
  const double target = rng.Uniform() * cumulative_.back();
  const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), target);
  const int index = std::min<int>(static_cast<int>(it - cumulative_.begin()), 2 * kAges - 1);
  return {index % kAges, index < kAges};
}

void SpreadTopBand(double people, int top, std::array<double, AgeStructure::kAges>* ages) {
  double weight_sum = 0;
  for (int a = top; a < AgeStructure::kAges; ++a) weight_sum += std::pow(0.5, (a - top) / 3.0);
  for (int a = top; a < AgeStructure::kAges; ++a) {
    (*ages)[a] += people * std::pow(0.5, (a - top) / 3.0) / weight_sum;
  }
}

AgeStructure EnglandAgeStructure() {
  std::array<std::array<double, AgeStructure::kAges>, 2> people{};
  std::string_view text = EmbeddedFile("data/generate/england_age_sex.csv");
  bool header = true;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    const std::string line(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (header || line.empty()) {
      header = false;
      continue;
    }
    int from = 0, to = 0;
    double female = 0, male = 0;
    if (std::sscanf(line.c_str(), "%d,%d,%lf,%lf", &from, &to, &female, &male) != 4) continue;
    if (to >= 90) {
      SpreadTopBand(female, from, &people[0]);
      SpreadTopBand(male, from, &people[1]);
      continue;
    }
    for (int a = from; a <= to; ++a) {
      people[0][a] += female / (to - from + 1);
      people[1][a] += male / (to - from + 1);
    }
  }
  return AgeStructure(people);
}

}  // namespace continuum
