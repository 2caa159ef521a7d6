// Export: writes a workspace back out in the interchange format, one CSV file per table in the
// order rows were loaded, and its survey responses in the order recorded. Import, voice import
// and export reproduce the generator's files byte for byte.
//
//   Result<ExportCounts> written = ExportFolder(workspace, "out/");
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"
#include "store/workspace.h"

namespace continuum {

struct ExportCounts {
  int64_t rows = 0;              // of the nine tables
  int64_t survey_responses = 0;  // in voice_responses.csv
};

// Writes the nine files and voice_responses.csv (the survey responses, in the layout `continuum
// voice import` reads, header only when there are none) into `folder` (created if missing).
Result<ExportCounts> ExportFolder(Workspace& workspace, const std::string& folder);

}  // namespace continuum
