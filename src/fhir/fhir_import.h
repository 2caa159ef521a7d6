// FHIR R4 import: reads a folder of bulk-export NDJSON files and Bundles, maps each resource to
// rows of the interchange tables (docs/fhir.md, fhir/fhir_mapping.h), and imports them through
// the CSV importer, so that every row meets the same checks and the import is all or nothing
// (or quarantined) as a CSV import is. Every problem is told against the resource: its file, line
// (or Bundle entry), resource type and id, the element and the reason.
//
//   auto result = ImportFhir("export/", workspace, options, [&](auto& folder, auto& o) {
//     return ImportWithSnapshot(folder, workspace, o);
//   });
//   for (auto& issue : result->report.issues) ...  // "Patient.ndjson line 3, Patient/17, ..."
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/status.h"
#include "ingest/importer.h"
#include "ingest/staged_tables.h"
#include "store/workspace.h"

namespace continuum {

// Reads `folder`, stages its rows beside the workspace (in WORKSPACE.fhir-staging, removed
// afterwards) and imports them with `import`. With options.quarantine the rejects file lists each
// rejected resource as file,line,resource,element,reason.
Result<TranslatedImport> ImportFhir(const std::string& folder, Workspace& workspace,
                                    const std::string& staging_folder, ImportOptions options,
                                    const StagedImport& import);

}  // namespace continuum
