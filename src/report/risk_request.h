// `continuum risk` as one function the command line and the Python package both call: the risk
// model fitted (or read) and validated for an ICO, its pyramid and case-finding list rendered.
//
//   Result<std::string> json =
//       RiskReportText(population, "ico.db", {.ico = "ZICO1", .top = 50}, OutputFormat::kJson);
#pragma once

#include <string>

#include "engine/population.h"
#include "report/output_format.h"

namespace continuum {

struct RiskReportRequest {
  std::string ico;         // empty: the only ICO
  std::string year;        // validation year, "2024-25" or "2024"; empty: the last complete one
  std::string practice;    // one member practice's pyramid and list
  std::string model;       // read the coefficients from this file instead of fitting them
  std::string save_model;  // also write the fitted coefficients here
  int top = 20;            // patients in the case-finding list
};

Result<std::string> RiskReportText(const Population& population, const std::string& workspace_path,
                                   const RiskReportRequest& request, OutputFormat format);

}  // namespace continuum
