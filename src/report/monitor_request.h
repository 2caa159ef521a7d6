// `continuum monitor` as one function the command line and the Python package both call: the
// contract opened (a file, or the workspace's in force), spend against its phased budget to a
// month with the year-end forecast, rendered.
//
//   Result<std::string> json = MonitorReportText({.workspace = "ico.db"}, "2024-09", 8,
//                                                OutputFormat::kJson);
#pragma once

#include <string>

#include "report/contract_context.h"
#include "report/output_format.h"

namespace continuum {

// To the end of `month` (YYYY-MM; empty: the last month with activity in the contract's year),
// with `top` lines in each breakdown.
Result<std::string> MonitorReportText(const ContractArgs& contract, const std::string& month,
                                      int top, OutputFormat format);

}  // namespace continuum
