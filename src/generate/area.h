// A real area to shape the synthetic ICO: population by LSOA, sex and single year of age, GP
// practice list sizes, and the local authority's deprivation, read from a folder laid out like
// ONS/NHS open data (e.g. shared/data/trafford-opendata).
//
//   Result<Area> area = LoadArea("../shared/data/trafford-opendata");
//   area->lsoas.size()       // 139 for Trafford
//   area->practices[0].code  // "P91003"
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "generate/age_structure.h"

namespace continuum {

struct AreaLsoa {
  std::string code;  // E01...
  AgeSexTable population;
};

struct AreaPractice {
  std::string code;  // ODS practice code
  std::string name;
  int64_t list_size = 0;
};

struct Area {
  std::string la_code;                  // local authority, when a file names it
  std::vector<AreaLsoa> lsoas;          // empty when the folder has no LSOA file
  AgeSexTable population;               // the whole area (sum of LSOAs, or the LA file)
  std::vector<AreaPractice> practices;  // empty when the folder has no list sizes
  // Population-weighted mean deprivation percentile of the area's LSOAs (0 least, 1 most
  // deprived), from the LA's IMD average rank; 0.5 when the folder has no deprivation file.
  double deprivation = 0.5;
  bool has_deprivation = false;

  int64_t TotalListSize() const;
};

// Reads, from `folder` (files recognised by name):
//   *population_estimates_lsoa*.csv             area_code, sex, 0 .. 89, 90+ (Females/Males rows)
//   *population_estimates_local_authority*.csv  the same for the LA (used without LSOAs)
//   *gp_patient_registrations*.csv              practice_code, practice_name, registered_patients
//   indices_of_deprivation*_lad*.csv            area_code, index_domain, average_rank
// At least one population file is required. Errors name the file and line.
Result<Area> LoadArea(const std::string& folder);

}  // namespace continuum
