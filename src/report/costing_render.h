// Text and JSON renderings of a CostingReport: what the tariff priced and what it could not.
//
//   std::string text = RenderCosting(SummariseCosting(p, costing), p, OutputFormat::kText);
#pragma once

#include <string>

#include "finance/costing_report.h"
#include "report/output_format.h"

namespace continuum {

std::string RenderCosting(const CostingReport& report, const Population& population,
                          OutputFormat format);

}  // namespace continuum
