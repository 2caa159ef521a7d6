// `continuum quality` as one function the command line and the Python package both call: the
// indicators chosen (shipped, and any given as files), the ICO and year, the survey responses the
// workspace has recorded, and the report or the commissioner's comparison rendered.
//
//   QualityRequest r{.ico = "ZICO1", .indicators = {"diabetes_hba1c"}};
//   Result<std::string> json = QualityReportText(population, "ico.db", r, OutputFormat::kJson);
#pragma once

#include <string>
#include <vector>

#include "engine/population.h"
#include "report/output_format.h"

namespace continuum {

struct QualityRequest {
  std::string ico;                      // empty: the only ICO
  std::string practice;                 // text: that member practice's months
  std::string commissioner;             // every ICO and control practice the commissioner contracts
  int year = 0;                         // financial year by its first year; 0: the last of the data
  std::vector<std::string> indicators;  // ids; empty: every indicator
  std::vector<std::string> definitions;  // files of further indicators
  bool summary = false;                  // text: one line an indicator
  bool overdispersion = false;
};

// The report in `format` (text or JSON). `population` is the workspace's (or the shard that
// answers for the ICO or commissioner); the workspace at `workspace_path` gives the survey
// responses recorded through the server's voice form.
Result<std::string> QualityReportText(const Population& population,
                                      const std::string& workspace_path,
                                      const QualityRequest& request, OutputFormat format);

}  // namespace continuum
