// A real area's published figures, read from a folder laid out like Trafford's open data
// (shared/data/trafford-opendata): ONS mid-year population estimates by LSOA, single year of
// age and sex (mid-year_*_population_estimates_lsoa.csv), and registered patients by GP
// practice (*_gp_patient_registrations.csv).
//
//   Result<Area> area = ReadArea("../shared/data/trafford-opendata");
#pragma once

#include <array>
#include <string>
#include <vector>

#include "core/status.h"
#include "generate/age_structure.h"

namespace continuum {

struct AreaLsoa {
  std::string code;
  std::array<std::array<double, AgeStructure::kAges>, 2> people{};  // [female/male][age]
};

struct AreaPractice {
  std::string code, name;
  int64_t registered = 0;
};

struct Area {
  std::vector<AreaLsoa> lsoas;
  std::vector<AreaPractice> practices;
};

Result<Area> ReadArea(const std::string& folder);

}  // namespace continuum
