// A file a user wrote by hand, held as its text and the name messages give it: read from disk
// (--contract FILE) or from the workspace, where it was stored (continuum contract add).
//
//   Result<NamedText> file = ReadNamedText("data/contracts/nelson_vale.json");
//   ParseContract(file->text, file->name);   // messages say "nelson_vale.json, field ..."
#pragma once

#include <string>

#include "core/status.h"

namespace continuum {

struct NamedText {
  std::string name;  // the file name without its folder, or a stored version's name
  std::string text;
};

// The whole file at `path`, named without its folder; NotFound or IoError naming it.
Result<NamedText> ReadNamedText(const std::string& path);

}  // namespace continuum
