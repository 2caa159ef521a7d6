// The panel file `continuum evaluate --panel` reads: one CSV row per unit and period, with the
// columns unit,cluster,period,first_treated,outcome in any order (periods as integers,
// first_treated empty for a unit never treated) and any further columns as numeric covariates.
// Every unit must have a row for every period, keep one cluster and one first_treated, and start
// (if it does) in a period of the data; a file that breaks any of this is refused with the line,
// column and reason of each problem, up to 20.
//
//   Result<PanelFile> file = ReadPanelFile(*CsvFile::Read("panel.csv"));
//   file->panel.units;  file->period_labels[file->panel.first_treated[0]];
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/csv.h"
#include "core/status.h"
#include "stats/balanced_panel.h"

namespace continuum {

struct PanelFile {
  std::string name;  // the file's name, for messages and reports
  BalancedPanel panel;
  std::vector<std::string> unit_names;     // in order of first appearance
  std::vector<std::string> cluster_names;  // in order of first appearance
  std::vector<int64_t> period_labels;      // the file's periods, ascending; index = panel period
  std::vector<std::string> covariate_names;
};

inline constexpr const char* kPanelColumns[] = {"unit", "cluster", "period", "first_treated",
                                                "outcome"};

Result<PanelFile> ReadPanelFile(const CsvFile& file);

// The panel as a CSV file ReadPanelFile reads back to the same panel: the five columns and its
// covariates, one row per unit and period in unit order, numbers to 17 significant figures.
std::string PanelFileText(const PanelFile& file);

}  // namespace continuum
