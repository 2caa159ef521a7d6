// `continuum pathways` as one function the command line and the Python package both call: the
// shipped pathways and any given as files, followed over a period as at a day, reported for the
// ICOs or one of them, or one practice, or the worklist of overdue steps.
//
//   Result<std::string> json = PathwaysReportText(population, {.pathway = "copd"},
//                                                 OutputFormat::kJson);
#pragma once

#include <string>
#include <vector>

#include "engine/population.h"
#include "report/output_format.h"

namespace continuum {

struct PathwaysRequest {
  std::vector<std::string> definitions;  // pathway files of one's own
  std::string pathway;                   // only this pathway
  std::string practice, ico;             // only this practice, only this ICO
  std::string year;                      // episodes entered in this financial year ("2024-25")
  std::string from, to;                  // ... or between these days
  std::string as_of;                     // status at the end of this day
  bool worklist = false;                 // the overdue steps instead
};

Result<std::string> PathwaysReportText(const Population& population, const PathwaysRequest& request,
                                       OutputFormat format);

}  // namespace continuum
