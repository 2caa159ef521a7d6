// The synthetic ICO or programme: the commissioners, their pilot ICOs and member practices,
// control practices, the trusts, social care and third-sector providers around them, and a
// calibrated population with registrations, conditions, observations, activity in every setting,
// deaths and referrals, written as the CSV files of the interchange format (docs/data-format.md). A
// programme (more than one ICO or commissioner) also gets memberships.csv: ICOs going live on
// staggered days and a few practices that switch or leave (memberships.h).
//
//   GeneratorOptions options;            // the Nelson case study: 14 practices, 100 GPs,
//   options.seed = 7;                    // 150,000 patients, 3 financial years to 2025-03-31
//   Result<GeneratorReport> report = GenerateIco(options, "demo/data");
//
// The same options give the same bytes whatever the thread count. docs/calibration.md lists
// what the output is calibrated to and the signals planted in it.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "generate/plants.h"

namespace continuum {

struct GeneratorOptions {
  int64_t patients = 150000;  // registered patients per ICO at the start of the window
  int practices = 14;         // member practices per ICO
  int gps = 0;                // GPs per ICO; 0 = round(patients / 1500), i.e. 100 by default
  int icos = 1;               // pilot ICOs, spread over the commissioners in contiguous blocks
  int commissioners = 1;      // each contracts a block of the ICOs (CommissionerOf)
  int control_practices = 0;  // non-pilot practices of each commissioner (per commissioner)
  int years = 3;              // financial years of activity, the last ending 2025-03-31
  uint64_t seed = 2008;
  // Optional folder laid out like shared/data/trafford-opendata: LSOAs with their age/sex
  // structure, practice list sizes and deprivation. With it, `patients` left at 150000 becomes
  // the area's total list size and `practices` left at 14 the area's practice count.
  std::string area_dir;
  int threads = 0;  // 0 = hardware concurrency; never changes the output
  // When set, also writes this CSV of each patient's planted latent truth (not part of the
  // interchange format; for testing risk models): patient_id, frailty, propensity,
  // case_managed, expected_emergency (the model's admission rate a year, before chance).
  std::string truth_path;
  // Whether to plant the effects of the programme (docs/calibration.md, planted truth 4): false
  // generates a programme with no effect at all, whose ICOs still find their cases (the truth
  // file marks them) but leave their care unchanged.
  bool plant_effects = true;
  // When set, also writes this CSV of the effects planted: ico, patients, from, outcome, ratio
  // (ratio 1 where none is planted), and of the risk selection planted (outcome
  // removed_share, the ratio the share of the top need decile each ICO removes) and coding
  // intensity (outcome recorded_conditions, the ratio 1 + the percentage / 100).
  std::string effects_path;
  // Risk selection and coding intensity to plant (selection.h): none by default.
  std::vector<SelectionPlant> plant_selection;
  std::vector<UpcodingPlant> plant_upcoding;
  std::vector<UpcodingPlant> plant_exceptions;  // ICO and percentage more care adjustments
};

struct GeneratorReport {
  int64_t patients = 0;  // rows of patients.csv (the starting list plus births and arrivals)
  int64_t events = 0;    // rows of activity.csv
  std::vector<std::pair<std::string, int64_t>> rows;  // rows per file, in load order
  std::vector<PlantedPractice> planted;               // the practices with planted truths
  int64_t voice_responses = 0;  // responses in voice_responses.csv (for `continuum voice import`)
};

// Writes the nine CSV files into out_dir (created if missing), each through a temporary name
// renamed when complete. Bad options come back as InvalidInput, unreadable area files as
// InvalidInput or NotFound naming the file and line, write failures as IoError.
Result<GeneratorReport> GenerateIco(const GeneratorOptions& options, const std::string& out_dir);

}  // namespace continuum
