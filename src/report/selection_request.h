// `continuum selection` as one function the command line and the Python package both call: the
// events costed with the workspace's tariffs, each ICO's selection measures against its
// commissioner's controls, rendered.
//
//   Result<std::string> csv = SelectionReportText(population, "ico.db", {.ico = "ZICO1"},
//                                                 OutputFormat::kCsv);
#pragma once

#include <string>

#include "engine/population.h"
#include "report/output_format.h"
#include "report/report_inputs.h"

namespace continuum {

struct SelectionRequest {
  std::string ico, commissioner;  // only this ICO's measures; only this commissioner's ICOs
  std::string from, to;           // the period, YYYY-MM-DD
  std::string outside_budget;     // setting codes, comma-separated, when given
  bool outside_budget_given = false;
  TariffArgs tariffs;
};

Result<std::string> SelectionReportText(const Population& population,
                                        const std::string& workspace_path,
                                        const SelectionRequest& request, OutputFormat format);

}  // namespace continuum
