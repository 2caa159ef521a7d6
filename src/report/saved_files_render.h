// The versions of the contracts, tariffs or scenarios stored in a workspace, for
// `continuum contract list` (and tariff, scenario): a table, CSV or JSON.
//
//   std::string text = RenderSavedFiles(SavedKind::kContract, *saved.List(kind),
//   OutputFormat::kText);
#pragma once

#include <string>
#include <vector>

#include "report/output_format.h"
#include "store/saved_files.h"

namespace continuum {

std::string RenderSavedFiles(SavedKind kind, const std::vector<SavedFile>& files,
                             OutputFormat format);

}  // namespace continuum
