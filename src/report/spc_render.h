// The SPC report as people, spreadsheets and programs read it.
//
//   CSV, one row per point, the columns other tools read:
//     series_id,date,value,mean,lower_limit,upper_limit,special_cause,rule
//   JSON: the rules, each series' direction, segments (limits) and points.
//   Text: a line per series and segment, then each point that signals.
#pragma once

#include <string>

#include "report/output_format.h"
#include "report/spc_report.h"

namespace continuum {

std::string RenderSpc(const SpcReport& report, OutputFormat format);

}  // namespace continuum
