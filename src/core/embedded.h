// Data files compiled into the binary (code lists, calibration targets), so that
// build/continuum runs from any folder. The files stay data under data/; CMake embeds them.
//
//   std::string_view csv = EmbeddedFile("data/codes/specialties.csv");
#pragma once

#include <string_view>
#include <vector>

namespace continuum {

// The contents of a file listed in CMakeLists.txt's continuum_embed(); empty if unknown.
std::string_view EmbeddedFile(std::string_view path);
// The paths of the embedded files in `folder` ("data/indicators"), in the order listed.
std::vector<std::string_view> EmbeddedFiles(std::string_view folder);

}  // namespace continuum
