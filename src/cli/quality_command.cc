// continuum quality: every quality indicator by member practice and for the ICO over a financial
// year, with confidence intervals, funnel limits and SPC signals over the months of data.
#include <cstdio>

#include "cli/command.h"
#include "cli/open_engine.h"
#include "clinical/comparison.h"
#include "clinical/quality_run.h"
#include "clinical/survey.h"
#include "core/quoted.h"
#include "report/comparison_render.h"
#include "report/quality_render.h"
#include "store/voice.h"

namespace continuum {
namespace {

struct QualityArgs {
  std::string workspace, ico, practice, commissioner;
  int year = 0;
  std::vector<std::string> indicators, definitions;
  bool json = false, summary = false, overdispersion = false;
};

Result<std::vector<Indicator>> ChooseIndicators(const QualityArgs& args) {
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

Status RunQualityCommand(const QualityArgs& args) {
  Result<std::vector<Indicator>> indicators = ChooseIndicators(args);
  if (!indicators.ok()) return indicators.status();
  auto engine =
      OpenEngine(args.workspace, args.commissioner.empty() ? args.ico : args.commissioner);
  if (!engine.ok()) return engine.status();
  const Population& p = (*engine)->population();
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
  auto workspace = Workspace::Open(args.workspace, Workspace::kReadOnly);
  if (!workspace.ok()) return workspace.status();
  Result<std::vector<VoiceResponse>> responses = VoiceStore(**workspace).All();
  if (!responses.ok()) return responses.status();
  if (!args.commissioner.empty()) {
    const uint32_t org = p.organisations.ids.Find(args.commissioner);
    if (org == Dictionary::kMissing)
      return Status::NotFound("--commissioner " + args.commissioner + ": no such organisation");
    Result<Comparison> compared = RunComparison(p, org, std::move(*indicators), year, *responses);
    if (!compared.ok()) return compared.status();
    const std::string out =
        args.json ? RenderComparisonJson(p, *compared, Disclosure::kExact)
                  : RenderQuality(compared->quality->report, OutputFormat::kText, "", args.summary);
    std::fwrite(out.data(), 1, out.size(), stdout);
    return Status::Ok();
  }
  Result<std::unique_ptr<QualityRun>> run =
      RunQuality(p, *ico, std::move(*indicators), year, args.overdispersion, *responses);
  if (!run.ok()) return run.status();
  const QualityReport* report = &(*run)->report;
  const std::string out = RenderQuality(
      *report, args.json ? OutputFormat::kJson : OutputFormat::kText, args.practice, args.summary);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return Status::Ok();
}

CommandRegistration kQuality(
    "quality",
    "Quality indicators by member practice and for the ICO: values with 95% intervals, funnel "
    "limits at 95% and 99.8%, and SPC signals over the months (Making Data Count)",
    [](CLI::App& app) -> CommandRun {
      auto args = std::make_shared<QualityArgs>();
      AddWorkspaceOption(app, &args->workspace);
      AddJsonOption(app, &args->json);
      app.add_option("--ico", args->ico, "The ICO (default: the only one in the workspace)");
      app.add_option("--year", args->year,
                     "Financial year compared across practices, by its starting year (2024 = "
                     "2024-25); default the year of the last whole month of data");
      app.add_option("--indicator", args->indicators, "Only this indicator, by id (repeatable)");
      app.add_option("--definition", args->definitions,
                     "Also an indicator defined in this file (repeatable; see docs/clinical.md)");
      app.add_flag("--overdispersion", args->overdispersion,
                   "Widen each funnel by the practices' own over-dispersion (Spiegelhalter 2005)");
      app.add_flag("--summary", args->summary,
                   "One line an indicator: the ICO's value and the practices outside 99.8%");
      app.add_option("--practice", args->practice,
                     "Show one member practice's months, with each month's SPC signals");
      app.add_option("--commissioner", args->commissioner,
                     "Compare every ICO (its practices together) and control practice this "
                     "commissioner contracts, as the Commissioner page does")
          ->excludes("--practice");
      return [args] { return RunQualityCommand(*args); };
    });

}  // namespace
}  // namespace continuum
