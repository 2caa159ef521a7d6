// The codelists as `continuum codelists` prints them: one line per codelist (file, code system,
// condition, codes, version, source) as a table, CSV or JSON; and what one code records.
#pragma once

#include <string>

#include "clinical/codelist.h"
#include "report/output_format.h"

namespace continuum {

std::string RenderCodelists(const CodelistCatalogue& catalogue, OutputFormat format);

// The conditions `code` records in `system`, as a sentence, or JSON.
std::string RenderCodeLookup(const CodelistCatalogue& catalogue, CodelistSystem system,
                             const std::string& code, OutputFormat format);

}  // namespace continuum
