// What the fuzz targets share. Each target is one file defining LLVMFuzzerTestOneInput (and,
// when it needs something built once, LLVMFuzzerInitialize); libFuzzer supplies main().
//
//   extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
//     Result<Contract> c = ParseContract(FuzzText(data, size), "fuzz.json");
//     CheckMessage(c.status());   // aborts, so libFuzzer keeps the input, on a bad message
//     return 0;
//   }
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "clinical/survey.h"
#include "core/status.h"
#include "engine/engine.h"
#include "store/workspace.h"

namespace continuum {

inline std::string_view FuzzText(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Aborts unless an error message is one a user can read: at most kMostMessageBytes, UTF-8, and
// free of control characters but line breaks between its lines (each quoted value cut short and
// escaped, core/quoted.h). An ok status passes.
inline constexpr size_t kMostMessageBytes = 16 * 1024;
void CheckMessage(const Status& status);
void CheckMessage(std::string_view message);

// Aborts unless `text`, as a report writes it, is UTF-8 (JSON must be).
void CheckUtf8(std::string_view text);

// The surveys shipped in data/surveys, read once.
const std::vector<Survey>& Surveys();

// The hand-made ICO of tests/cases/import/valid, imported into a scratch workspace and loaded.
struct FixtureIco {
  std::string folder;
  std::unique_ptr<Workspace> workspace;
  std::unique_ptr<Engine> engine;
  const Population& population() const { return engine->population(); }
  uint32_t ico = 0;  // organisation index of ICO1
};
// Builds it once per process (in LLVMFuzzerInitialize); aborts when it cannot.
FixtureIco& Fixture();

}  // namespace continuum
