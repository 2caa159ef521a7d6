// A savings scenario file (docs/finance.md) as `continuum scenario` reads it.
#include "finance/scenario.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace continuum;
  Result<Scenario> scenario = ParseScenario(FuzzText(data, size), "scenario.json");
  CheckMessage(scenario.status());
  return 0;
}
