// What an import did, for people (text) or programs (JSON): rows loaded and rejected per file,
// the problems found, files ignored.
//
//   std::string text = RenderImportReport(report, "ws.db", "", 20, OutputFormat::kText);
#pragma once

#include <string>

#include "ingest/importer.h"
#include "ingest/staged_tables.h"
#include "report/output_format.h"

namespace continuum {

// `rejects` is the reject file when quarantining (else empty); `problems_shown` bounds the text.
// `source`, for an import translated from another format (FHIR, Synthea), says what was read and
// what gave no row.
std::string RenderImportReport(const ImportReport& report, const std::string& workspace,
                               const std::string& rejects, size_t problems_shown,
                               OutputFormat format, const SourceSummary* source = nullptr);

}  // namespace continuum
