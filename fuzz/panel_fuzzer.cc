// The panel file of `continuum evaluate --panel`, evaluated (with few replicates) and written as
// text, CSV and JSON when it reads.
#include "evaluation/panel_evaluation.h"
#include "fuzz_support.h"
#include "report/evaluation_render.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace continuum;
  const CsvFile file = CsvFile::FromText("panel.csv", std::string(FuzzText(data, size)));
  Result<PanelFile> panel = ReadPanelFile(file);
  CheckMessage(panel.status());
  if (!panel.ok()) return 0;
  PanelEvaluationOptions options;
  options.bootstrap.replicates = 99;
  Result<PanelEvaluation> evaluation = EvaluatePanel(*panel, options);
  CheckMessage(evaluation.status());
  if (!evaluation.ok()) return 0;
  RenderPanelEvaluation(*evaluation, OutputFormat::kText);
  RenderPanelEvaluation(*evaluation, OutputFormat::kCsv);
  CheckUtf8(RenderPanelEvaluation(*evaluation, OutputFormat::kJson));
  return 0;
}
