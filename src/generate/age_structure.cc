#include "generate/age_structure.h"

#include <algorithm>
#include <string>

#include "core/csv.h"
#include "core/embedded.h"

namespace continuum {

double AgeSexTable::Total() const {
  double total = 0;
  for (const auto& ages : count) {
    for (double c : ages) total += c;
  }
  return total;
}

void AgeSexTable::Add(const AgeSexTable& other, double weight) {
  for (int s = 0; s < 2; ++s) {
    for (int a = 0; a <= kMaxAge; ++a) count[s][a] += weight * other.count[s][a];
  }
}

void SpreadBand(double total, int from, int to, std::array<double, kMaxAge + 1>* ages) {
  const bool open_top = to == kMaxAge && from < kMaxAge;
  double weights = 0;
  double w = 1;
  for (int a = from; a <= to; ++a, w *= open_top ? 0.8 : 1.0) weights += w;
  w = 1;
  for (int a = from; a <= to; ++a, w *= open_top ? 0.8 : 1.0) (*ages)[a] += total * w / weights;
}

Result<AgeSexTable> EnglandAgeStructure() {
  static constexpr const char* kPath = "data/population/england_age_sex.csv";
  const CsvFile file = CsvFile::FromText("england_age_sex.csv", std::string(EmbeddedFile(kPath)));
  CsvCursor cursor(file);
  std::vector<std::string_view> fields;
  AgeSexTable table;
  bool header = true;
  while (cursor.Next(&fields)) {
    if (header) {
      header = false;
      continue;
    }
    auto bad = [&] {
      return Status::Internal(std::string(kPath) + " line " + std::to_string(cursor.line()) +
                              ": expected age_from,age_to,females,males");
    };
    if (fields.size() != 4) return bad();
    int from, to;
    double females, males;
    try {
      from = std::stoi(std::string(fields[0]));
      to = std::stoi(std::string(fields[1]));
      females = std::stod(std::string(fields[2]));
      males = std::stod(std::string(fields[3]));
    } catch (...) {
      return bad();
    }
    if (from < 0 || to > kMaxAge || from > to) return bad();
    SpreadBand(females, from, to, &table.count[0]);
    SpreadBand(males, from, to, &table.count[1]);
  }
  if (!cursor.status().ok() || table.Total() <= 0) {
    return Status::Internal(std::string(kPath) + " is missing or malformed");
  }
  return table;
}

AgeSexSampler::AgeSexSampler(const AgeSexTable& table) {
  cumulative_.reserve(2 * (kMaxAge + 1));
  double running = 0;
  for (int s = 0; s < 2; ++s) {
    for (int a = 0; a <= kMaxAge; ++a) {
      running += std::max(0.0, table.count[s][a]);
      cumulative_.push_back(running);
    }
  }
}

std::pair<Sex, int> AgeSexSampler::Draw(double u) const {
  const double target = u * cumulative_.back();
  const size_t cell =
      std::upper_bound(cumulative_.begin(), cumulative_.end(), target) - cumulative_.begin();
  const size_t index = std::min(cell, cumulative_.size() - 1);
  return {static_cast<Sex>(index / (kMaxAge + 1)), static_cast<int>(index % (kMaxAge + 1))};
}

}  // namespace continuum
