// A quality indicator definition (docs/clinical.md) as `continuum quality --definition` reads
// it: parsed, checked against the shipped surveys, counted on the hand-made ICO and reported as
// text and JSON.
#include "clinical/indicator.h"
#include "clinical/quality_run.h"
#include "clinical/survey.h"
#include "fuzz_support.h"
#include "report/quality_render.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  continuum::Fixture();
  continuum::Surveys();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace continuum;
  Result<Indicator> indicator = ParseIndicator(FuzzText(data, size), "indicator.json");
  CheckMessage(indicator.status());
  if (!indicator.ok()) return 0;
  std::vector<Indicator> indicators = {std::move(*indicator)};
  const Status fits = CheckIndicatorsAgainstSurveys(indicators, Surveys());
  CheckMessage(fits);
  if (!fits.ok()) return 0;
  const FixtureIco& ico = Fixture();
  auto run = RunQuality(ico.population(), ico.ico, std::move(indicators),
                        DefaultQualityYear(ico.population()));
  CheckMessage(run.status());
  if (!run.ok()) return 0;
  RenderQuality((*run)->report, OutputFormat::kText, "");
  CheckUtf8(RenderQuality((*run)->report, OutputFormat::kJson, ""));
  return 0;
}
