// FHIR resources as `continuum import --format fhir` reads them: an NDJSON file mapped to
// interchange rows and staged (the CSV import those rows then meet is fuzzed by import_rows).
// Every problem must be told as a message a user can read.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "fhir/fhir_import.h"
#include "fuzz_support.h"

namespace {
std::filesystem::path folder;
std::unique_ptr<continuum::Workspace> workspace;
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  folder =
      std::filesystem::temp_directory_path() / ("continuum_fhir_fuzz_" + std::to_string(getpid()));
  std::filesystem::create_directories(folder / "in");
  auto opened =
      continuum::Workspace::Open((folder / "ws.db").string(), continuum::Workspace::kCreate);
  if (!opened.ok()) abort();
  workspace = std::move(*opened);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace continuum;
  std::ofstream(folder / "in" / "Fuzz.ndjson", std::ios::binary)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  auto result = ImportFhir((folder / "in").string(), *workspace, (folder / "staging").string(),
                           ImportOptions{}, [](const std::string&, const ImportOptions&) {
                             return Result<ImportReport>(ImportReport{});
                           });
  CheckMessage(result.status());
  if (!result.ok()) return 0;
  for (const ImportIssue& issue : result->report.issues) CheckMessage(FormatIssue(issue));
  return 0;
}
