// Data files compiled into the binary (code lists, calibration targets), so that
// build/continuum runs from any folder. The files stay data under data/; CMake embeds them.
//
//   std::string_view csv = EmbeddedFile("data/codes/specialties.csv");
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace continuum {

// The contents of a file listed in CMakeLists.txt's continuum_embed(); empty if unknown.
std::string_view EmbeddedFile(std::string_view path);
// The paths of the embedded files in `folder` ("data/indicators"), in the order listed.
std::vector<std::string_view> EmbeddedFiles(std::string_view folder);

// Each embedded file of `folder` parsed by `parse(text, file name)` (a Result<T>), in the order
// listed; the first error is returned as it is.
template <typename T, typename Parse>
Result<std::vector<T>> ParseEmbeddedFiles(std::string_view folder, Parse parse) {
  std::vector<T> out;
  for (std::string_view path : EmbeddedFiles(folder)) {
    Result<T> one = parse(EmbeddedFile(path), std::string(path.substr(path.rfind('/') + 1)));
    if (!one.ok()) return one.status();
    out.push_back(std::move(*one));
  }
  return out;
}

}  // namespace continuum
