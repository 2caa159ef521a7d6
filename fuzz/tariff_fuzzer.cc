// A tariff file as `continuum costing --tariff` reads it: both of the formats it tells apart by
// their header, Continuum's own and the National Cost Collection's.
#include "finance/tariff.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace continuum;
  const std::string_view text = FuzzText(data, size);
  Result<Tariff> own = ParseTariff(text, "tariff.csv");
  CheckMessage(own.status());
  Result<Tariff> ncc = ParseNationalCostCollection(text, "ncc.csv");
  CheckMessage(ncc.status());
  return 0;
}
