#include "report/quality_request.h"

#include "clinical/comparison.h"
#include "clinical/quality_run.h"
#include "clinical/survey.h"
#include "core/quoted.h"
#include "report/comparison_render.h"
#include "report/quality_render.h"
#include "report/report_inputs.h"
#include "store/voice.h"

namespace continuum {
namespace {

Result<std::vector<Indicator>> ChooseIndicators(const QualityRequest& args) {
  Result<std::vector<Indicator>> shipped = ShippedIndicators();
  if (!shipped.ok()) return shipped.status();
  std::vector<Indicator> all = std::move(*shipped);
  for (const std::string& path : args.definitions) {
    Result<Indicator> ind = ReadIndicator(path);
    if (!ind.ok()) return ind.status();
    for (const Indicator& other : all) {
      if (other.id == ind->id)
        return Status::InvalidInput(ind->file + ", field id: " + Quoted(ind->id) +
                                    " is already the id of " + other.file);
    }
    all.push_back(std::move(*ind));
  }
  // An indicator of responses must name a survey, question and answers that exist, as the server
  // checks before it serves them.
  Result<std::vector<Survey>> surveys = ShippedSurveys();
  if (!surveys.ok()) return surveys.status();
  CONTINUUM_RETURN_IF_ERROR(CheckIndicatorsAgainstSurveys(all, *surveys));
  if (args.indicators.empty()) return all;
  std::vector<Indicator> chosen;
  for (const std::string& id : args.indicators) {
    bool found = false;
    for (const Indicator& ind : all) {
      if (ind.id == id) {
        chosen.push_back(ind);
        found = true;
      }
    }
    if (!found) {
      std::string ids;
      for (const Indicator& ind : all) ids += (ids.empty() ? "" : ", ") + ind.id;
      return Status::NotFound("--indicator " + id + ": no such indicator (" + ids + ")");
    }
  }
  return chosen;
}

}  // namespace

Result<std::string> QualityReportText(const Population& p, const std::string& workspace_path,
                                      const QualityRequest& args, OutputFormat format) {
  Result<std::vector<Indicator>> indicators = ChooseIndicators(args);
  if (!indicators.ok()) return indicators.status();
  Result<uint32_t> ico = ChooseIco(p, args.ico);
  if (!ico.ok()) return ico.status();
  const int year = args.year != 0 ? args.year : DefaultQualityYear(p);
  if (!args.practice.empty()) {
    const uint32_t org = p.organisations.ids.Find(args.practice);
    const QualityScope scope =
        QualityScopeOf(p, *ico, FinancialYearStart(year), FinancialYearEnd(year));
    if (org == Dictionary::kMissing || scope.unit_of[org] == UINT32_MAX)
      return Status::NotFound("--practice " + args.practice + ": not a member practice of " +
                              p.organisations.ids.Value(*ico));
  }
  // The survey responses recorded through the server's voice form.
  auto workspace = Workspace::Open(workspace_path, Workspace::kReadOnly);
  if (!workspace.ok()) return workspace.status();
  Result<std::vector<VoiceResponse>> responses = VoiceStore(**workspace).All();
  if (!responses.ok()) return responses.status();
  if (!args.commissioner.empty()) {
    const uint32_t org = p.organisations.ids.Find(args.commissioner);
    if (org == Dictionary::kMissing)
      return Status::NotFound("--commissioner " + args.commissioner + ": no such organisation");
    Result<Comparison> compared = RunComparison(p, org, std::move(*indicators), year, *responses);
    if (!compared.ok()) return compared.status();
    return format == OutputFormat::kJson
               ? RenderComparisonJson(p, *compared, Disclosure::kExact)
               : RenderQuality(compared->quality->report, OutputFormat::kText, "", args.summary);
  }
  Result<std::unique_ptr<QualityRun>> run =
      RunQuality(p, *ico, std::move(*indicators), year, args.overdispersion, *responses);
  if (!run.ok()) return run.status();
  return RenderQuality((*run)->report, format, args.practice, args.summary);
}

}  // namespace continuum
