// Import that keeps the engine's snapshot current: the rows being imported are added to the
// workspace's existing population as they are checked, and the new snapshot is stored in the
// same transaction as the rows, so the next open loads it at once.
//
//   auto report = ImportWithSnapshot("demo/data", workspace, options);
#pragma once

#include <string>

#include "ingest/importer.h"

namespace continuum {

// As ImportFolder; options.on_row and options.before_commit are taken for the snapshot.
Result<ImportReport> ImportWithSnapshot(const std::string& folder, Workspace& workspace,
                                        ImportOptions options);

}  // namespace continuum
