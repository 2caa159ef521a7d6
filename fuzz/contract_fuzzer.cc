// A risk-share contract file (docs/finance.md) as `continuum settle --contract` reads it.
#include "finance/contract.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace continuum;
  Result<Contract> contract = ParseContract(FuzzText(data, size), "contract.json");
  CheckMessage(contract.status());
  return 0;
}
