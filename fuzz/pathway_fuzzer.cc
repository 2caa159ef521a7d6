// A care pathway definition (docs/clinical.md) as `continuum pathways --definition` reads it:
// parsed, followed through the hand-made ICO and reported as text and JSON with its worklist.
#include "clinical/pathway_definition.h"
#include "clinical/pathway_engine.h"
#include "clinical/pathway_report.h"
#include "fuzz_support.h"
#include "report/pathways_render.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  continuum::Fixture();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace continuum;
  Result<PathwayDefinition> pathway = ParsePathwayDefinition(FuzzText(data, size), "pathway.json");
  CheckMessage(pathway.status());
  if (!pathway.ok()) return 0;
  const Population& population = Fixture().population();
  const std::vector<PathwayDefinition> definitions = {std::move(*pathway)};
  PathwayOptions options = DefaultPathwayOptions(population);
  options.threads = 1;
  const PathwayRun run = FollowPathways(population, definitions, options);
  const PathwaysReport report = ReportPathways(population, definitions, run, {});
  RenderPathways(report, OutputFormat::kText);
  CheckUtf8(RenderPathways(report, OutputFormat::kJson));
  RenderWorklist(report, OutputFormat::kCsv);
  return 0;
}
