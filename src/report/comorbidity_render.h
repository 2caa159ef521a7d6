// What `continuum comorbidity` prints: a row per person with a 0/1 column per condition
// (charlson_mi ... elix_depression, in the data files' order) and the three scores
// (charlson_score, charlson_quan_score, elixhauser_vw_score), as CSV or as JSON objects with the
// same fields in the same order.
//
//   std::string csv = RenderComorbidities(people, OutputFormat::kCsv);
#pragma once

#include <string>

#include "clinical/comorbidity_file.h"
#include "report/output_format.h"

namespace continuum {

// kText renders as CSV: the rows are too wide for a terminal table.
std::string RenderComorbidities(const PersonComorbidities& people, OutputFormat format);

}  // namespace continuum
