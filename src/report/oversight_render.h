// The commissioner's oversight report for people (text tables), spreadsheets (one long CSV
// table) and programs (JSON). The CSV's columns, in this order, are kOversightCsvColumns; each
// row is one measure of one ICO in one month (docs/oversight.md lists the measures).
//
//   std::string out = RenderOversight(*oversight, OutputFormat::kCsv);
#pragma once

#include <string>
#include <string_view>

#include "report/output_format.h"
#include "report/oversight.h"

namespace continuum {

inline constexpr std::string_view kOversightCsvColumns =
    "ico,month,measure,value,lower,upper,numerator,denominator,score,segment,band,alert";

std::string RenderOversight(const Oversight& oversight, OutputFormat format);

}  // namespace continuum
