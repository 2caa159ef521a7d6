// The files `continuum spc` reads: the series, one CSV row per point with the columns
// series_id,date,value and optionally improvement_direction (increase, decrease or neutral, the
// same on every row of a series; blank or absent: increase), in any order and any row order; and,
// optionally, the rebase file, series_id,rebase_date, one row for each date from which a series'
// limits are set afresh. Dates are YYYY-MM-DD. Any problem is reported with its file, line, column
// and reason, up to 20 at once, and nothing is charted.
//
//   Result<SpcInput> input = ReadSpcInput(*CsvFile::Read("series.csv"), &rebase_file);
#pragma once

#include "core/csv.h"
#include "core/status.h"
#include "report/spc_report.h"

namespace continuum {

// `rebase` may be null.
Result<SpcInput> ReadSpcInput(const CsvFile& series, const CsvFile* rebase);

// The direction named by NHSRplotthedots' improvement_direction: "increase", "decrease", "neutral".
std::optional<Polarity> ImprovementDirectionNamed(std::string_view name);

}  // namespace continuum
