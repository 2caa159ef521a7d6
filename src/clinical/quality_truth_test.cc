// The quality report and the pathways find what the generator planted: the member practice with
// the poorest primary care stands outside the funnel's 99.8% limit, on the worse side, on the
// indicators its care moves, and the practice with the best care never falls below on any of
// them; the practice with a slow heart failure service waits far longer for echocardiograms.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "clinical/pathway_report.h"
#include "clinical/quality_report.h"
#include "clinical/voice_file.h"
#include "generate/generated_ico.h"
#include "generate/plants.h"
#include "generate/test_folder.h"

namespace continuum {
namespace {

namespace fs = std::filesystem;

// Member practices in the order the generator lays them out (generate/plants.h).
constexpr size_t kPoorPractice = kPoorCarePractice, kGoodPractice = kGoodCarePractice;

TEST(QualityTruth, ThePlantedPracticesStandOut) {
  const fs::path dir = TestFolder("quality_truth");
  GeneratorOptions options;
  options.patients = 36000;
  options.practices = 10;
  options.years = 2;
  options.seed = 17;
  auto generated = GenerateAndLoad(dir.string(), options);
  ASSERT_TRUE(generated.ok()) << generated.status().message();
  const Population& p = (*generated)->population();
  uint32_t ico = 0;
  while (p.organisations.kind[ico] != static_cast<uint8_t>(OrgKind::kIco)) ++ico;
  const QualityScope scope =
      QualityScopeOf(p, ico, FinancialYearStart(2024), FinancialYearEnd(2024));
  ASSERT_EQ(scope.practices.size(), 10u);
  auto shipped = ShippedIndicators();
  ASSERT_TRUE(shipped.ok());
  auto evaluation = EvaluateIndicators(p, *shipped, scope);
  ASSERT_TRUE(evaluation.ok()) << evaluation.status().message();
  auto report = BuildQualityReport(p, *evaluation, scope);
  ASSERT_TRUE(report.ok()) << report.status().message();
  for (const IndicatorQuality& q : report->indicators) {
    const Polarity polarity = q.indicator->polarity;
    const UnitQuality& poor = q.units[kPoorPractice];
    const UnitQuality& good = q.units[kGoodPractice];
    if (q.indicator->id == "diabetes_hba1c" || q.indicator->id == "hypertension_bp_under_80") {
      ASSERT_TRUE(poor.funnel.has_value()) << q.indicator->id;
      EXPECT_EQ(FunnelVerdict(poor.funnel_position, polarity, true), -1)
          << q.indicator->id << ": " << poor.value->value << " against the ICO's "
          << q.units.back().value->value;
    }
    // Primary care quality moves these; hospital use follows other planted propensities.
    const bool primary_care =
        q.indicator->group == "long-term conditions" || q.indicator->group == "prevention";
    if (primary_care && good.funnel) {
      EXPECT_NE(FunnelVerdict(good.funnel_position, polarity, true), -1) << q.indicator->id;
    }
  }
  // Allowing for the practices' over-dispersion, the poor practice still stands out.
  auto widened = BuildQualityReport(p, *evaluation, scope, true);
  ASSERT_TRUE(widened.ok());
  for (const IndicatorQuality& q : widened->indicators) {
    if (q.indicator->id != "diabetes_hba1c") continue;
    EXPECT_GT(q.overdispersion, 1);
    EXPECT_EQ(FunnelVerdict(q.units[kPoorPractice].funnel_position, q.indicator->polarity, false),
              -1);
  }
  // The practice planted with a slow heart failure service waits far longer for echocardiograms
  // than the ICO as a whole (the pathway engine on the same data; pathway_truth_test.cc follows
  // a larger ICO for its adherence).
  auto pathways = ShippedPathways();
  ASSERT_TRUE(pathways.ok());
  const PathwayOptions window{.from = FinancialYearStart(2023),
                              .to = FinancialYearEnd(2024),
                              .as_of = FinancialYearEnd(2024)};
  const PathwayRun run = FollowPathways(p, *pathways, window);
  const PathwaysReport followed = ReportPathways(p, *pathways, run, {});
  const std::string planted =
      p.organisations.ids.Value(scope.practices[kDelayedHeartFailurePathwayPractice]);
  for (const PathwayFigures& f : followed.pathways) {
    if (f.definition->id != "suspected_heart_failure") continue;
    std::optional<double> ico_median, planted_median;
    for (const UnitFigures& u : f.units) {
      if (u.kind == UnitKind::kIco) ico_median = u.steps[0].median_days;
      if (u.id == planted) planted_median = u.steps[0].median_days;
    }
    ASSERT_TRUE(ico_median && planted_median);
    EXPECT_GE(*planted_median, 21);
    EXPECT_GT(*planted_median, 2 * *ico_median);
  }
  // The survey responses written beside the data: the poor practice's patients are the least
  // content, and the ICO's shares are the published ones (90% positive in the Friends and Family
  // Test; 61.1% and 65.0% of staff agreeing in the NHS Staff Survey 2023).
  auto surveys = ShippedSurveys();
  ASSERT_TRUE(surveys.ok());
  auto voice_csv = CsvFile::Read(((*generated)->folder / "data" / "voice_responses.csv").string());
  ASSERT_TRUE(voice_csv.ok()) << voice_csv.status().message();
  VoiceFileContext context{.surveys = *surveys, .today = FinancialYearEnd(2024)};
  for (uint32_t org = 0; org < p.organisations.size(); ++org)
    if (p.organisations.kind[org] == static_cast<uint8_t>(OrgKind::kPractice))
      context.practices.emplace(p.organisations.ids.Value(org));
  auto responses = ReadVoiceFile(*voice_csv, context);
  ASSERT_TRUE(responses.ok()) << responses.status().message();
  auto voice = EvaluateIndicators(p, *shipped, scope, *responses);
  ASSERT_TRUE(voice.ok()) << voice.status().message();
  auto heard = BuildQualityReport(p, *voice, scope);
  ASSERT_TRUE(heard.ok());
  const std::map<std::string, std::pair<double, double>> expected = {
      {"patient_fft_positive", {0.88, 0.92}},
      {"staff_recommend_place_to_work", {0.50, 0.72}},
      {"staff_recommend_care", {0.54, 0.76}}};
  for (const IndicatorQuality& q : heard->indicators) {
    auto range = expected.find(q.indicator->id);
    if (range == expected.end()) continue;
    const UnitQuality& ico = q.units.back();
    ASSERT_TRUE(ico.value) << q.indicator->id;
    EXPECT_GE(ico.value->value, range->second.first) << q.indicator->id;
    EXPECT_LE(ico.value->value, range->second.second) << q.indicator->id;
    if (q.indicator->id == "patient_fft_positive") {
      EXPECT_GT(ico.period.denominator, 3000);  // about 1.1% of the lists each month
      EXPECT_EQ(FunnelVerdict(q.units[kPoorPractice].funnel_position, q.indicator->polarity, true),
                -1);
      EXPECT_NE(FunnelVerdict(q.units[kGoodPractice].funnel_position, q.indicator->polarity, true),
                -1);
    }
  }
}

}  // namespace
}  // namespace continuum
