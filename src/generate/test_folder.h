// A scratch folder for a test, unique to the process so that tests run in parallel (ctest -j)
// never share one, and removed when the process exits (a suite's shared fixture, made once and
// never destroyed, would otherwise leave its generated ICO behind on every run).
//
//   const std::string folder = TestFolder("rules");   // /tmp/continuum_generate_rules_4242
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

namespace continuum {

inline std::string TestFolder(const std::string& name) {
  const std::filesystem::path folder =
      std::filesystem::temp_directory_path() /
      ("continuum_generate_" + name + "_" + std::to_string(getpid()));
  std::filesystem::remove_all(folder);
  static std::mutex mutex;
  static std::vector<std::filesystem::path>* made = [] {
    std::atexit([] {
      std::error_code ignored;
      for (const std::filesystem::path& path : *made) std::filesystem::remove_all(path, ignored);
    });
    return new std::vector<std::filesystem::path>;
  }();
  std::lock_guard lock(mutex);
  made->push_back(folder);
  return folder.string();
}

}  // namespace continuum
