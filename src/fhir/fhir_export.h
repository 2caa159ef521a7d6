// FHIR R4 export: writes a workspace as FHIR Bulk Data files, one NDJSON file per resource type
// (Patient.ndjson, Encounter.ndjson, ...) with a manifest, each resource in the UK Core shape
// that docs/fhir.md maps column by column. `continuum import --format fhir` reads it back to the
// same workspace.
//
//   Result<FhirExportCounts> written = ExportFhir(workspace, "out/fhir");
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "core/status.h"
#include "store/workspace.h"

namespace continuum {

struct FhirExportCounts {
  std::map<std::string, int64_t> resources;  // by resource type
  int64_t Total() const;
};

// Writes the NDJSON files and manifest.json into `folder` (created if missing).
Result<FhirExportCounts> ExportFhir(Workspace& workspace, const std::string& folder);

}  // namespace continuum
