// A scratch folder for a test, unique to the process so that tests run in parallel (ctest -j)
// never share one.
//
//   const std::string folder = TestFolder("rules");   // /tmp/continuum_generate_rules_4242
#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>

namespace continuum {

inline std::string TestFolder(const std::string& name) {
  const std::filesystem::path folder =
      std::filesystem::temp_directory_path() /
      ("continuum_generate_" + name + "_" + std::to_string(getpid()));
  std::filesystem::remove_all(folder);
  return folder.string();
}

}  // namespace continuum
