// Synthea import: reads the CSV output of Synthea, the open-source synthetic patient generator
// (its CSV File Data Dictionary: patients, encounters, conditions, observations, procedures,
// medications, organizations, providers, claims), maps it to the interchange tables as
// docs/synthea.md describes, and imports the rows through the CSV importer, so that every row
// meets the same checks and every problem is told against the Synthea file, line and column.
//
//   auto result = ImportSynthea("output/csv", workspace, "ws.db.synthea-staging", options,
//                               SyntheaOptions{}, [&](auto& folder, auto& o) { ... });
#pragma once

#include <string>

#include "core/status.h"
#include "ingest/importer.h"
#include "ingest/staged_tables.h"
#include "store/workspace.h"

namespace continuum {

// What Synthea's output does not say and Continuum needs (docs/synthea.md).
struct SyntheaOptions {
  // The commissioner and the ICO the practices are members of.
  std::string commissioner = "SYNQ", commissioner_name = "Synthea commissioner";
  std::string ico = "SYNICO", ico_name = "Synthea ICO";
  // Synthea's addresses are American: every patient is given this English area.
  std::string lsoa = "E01000001";
  int imd_decile = 5;
};

Result<TranslatedImport> ImportSynthea(const std::string& folder, Workspace& workspace,
                                       const std::string& staging_folder,
                                       const ImportOptions& options, const SyntheaOptions& synthea,
                                       const StagedImport& import);

}  // namespace continuum
