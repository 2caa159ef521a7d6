// The synthetic ICO: writes a commissioner's whole world — organisations, staff, patients,
// registrations, conditions, observations, activity in every setting, deaths and referrals —
// in the interchange format, calibrated to published English figures (docs/calibration.md).
//
//   GeneratorOptions options;            // the Nelson case study: 14 practices, 150,000 patients
//   Result<GeneratorReport> report = GenerateIco(options, "demo/data");
//
// The same options and seed give the same bytes, whatever the number of threads.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"

namespace continuum {

struct GeneratorOptions {
  int64_t patients = 150000;  // registered patients per ICO at the start of the data
  int practices = 14;         // member practices per ICO
  int icos = 1;               // pilot ICOs under the one commissioner
  int control_practices = 0;  // practices under the commissioner outside any ICO
  int years = 3;              // financial years of care, the last ending on 31 March 2025
  uint64_t seed = 2008;
  std::string area_dir;  // ONS/NHS area data laid out like shared/data/trafford-opendata
  int threads = 0;       // 0: every core
  // Set when the user gave --patients / --practices; with an area, unset ones come from it.
  bool patients_given = false, practices_given = false;
};

struct GeneratorReport {
  int64_t patients = 0;
  int64_t events = 0;
  std::vector<std::pair<std::string, int64_t>> rows;  // file name, rows written
};

Result<GeneratorReport> GenerateIco(const GeneratorOptions& options, const std::string& out_dir);

}  // namespace continuum
