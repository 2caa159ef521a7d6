// Export: writes a workspace back out in the interchange format, one CSV file per table,
// in the order rows were loaded. Import then export reproduces the generator's files byte for
// byte.
//
//   Result<int64_t> rows = ExportFolder(workspace, "out/");
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"
#include "store/workspace.h"

namespace continuum {

// Writes the nine files into `folder` (created if missing); returns the number of rows written.
Result<int64_t> ExportFolder(Workspace& workspace, const std::string& folder);

}  // namespace continuum
