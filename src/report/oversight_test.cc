#include "report/oversight.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "engine/engine.h"
#include "generate/test_folder.h"
#include "ingest/importer.h"
#include "report/oversight_render.h"

namespace continuum {
namespace {

const std::string kSource = CONTINUUM_SOURCE_DIR;

// Two rules, so that the segment can be worked by hand: the forecast variance by fixed
// thresholds and one quality indicator by quartile.
SegmentationRules TwoRules() {
  SegmentationRules rules;
  rules.max_average = {1.5, 2.5, 3.5};
  rules.override_best_segment = 3;
  rules.metrics = {{.measure = "finance:forecast_variance_pct",
                    .direction = Polarity::kLowerIsBetter,
                    .scoring = Scoring::kThresholds,
                    .thresholds = {0, 1, 2}},
                   {.measure = "quality:smoking_status_recorded",
                    .direction = Polarity::kHigherIsBetter,
                    .scoring = Scoring::kQuartile}};
  return rules;
}

// The hand-made ICO (tests/cases/import/valid: ICO1 of COM1, with one control practice) under
// its contract (tests/cases/finance/fixture_contract.json: budget £10,000.00 for 2024-25; the
// ICO bears the first 2% of an overspend and half the rest, keeps all of an underspend; above
// £3,000.00 a patient-year the partner meets 80%).
class OversightOfFixture : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    // Of this process alone (ctest runs each test as a process of its own, side by side).
    const std::string folder = TestFolder("oversight_fixture");
    std::filesystem::create_directories(folder);
    const std::string path = folder + "/workspace.db";
    auto ws = Workspace::Open(path, Workspace::kCreate);
    ASSERT_TRUE(ws.ok());
    auto report = ImportFolder(kSource + "/tests/cases/import/valid", **ws, {});
    ASSERT_TRUE(report.ok() && report->committed);
    auto engine = Engine::Open(**ws);
    ASSERT_TRUE(engine.ok());
    workspace_ = std::move(*ws);
    engine_ = std::move(*engine);
  }
  static void TearDownTestSuite() {
    engine_.reset();
    workspace_.reset();
  }

  static Result<Oversight> Run(int month) {
    return RunOversight(
        engine_->population(),
        {.month = month,
         .contracts = {*ReadNamedText(kSource + "/tests/cases/finance/fixture_contract.json")},
         .rules = TwoRules()});
  }
  static inline std::unique_ptr<Workspace> workspace_;
  static inline std::unique_ptr<Engine> engine_;
};

const OversightAlert* Find(const OversightMonth& m, OversightAlert::Kind kind) {
  const OversightAlert* found = nullptr;
  for (const OversightAlert& a : m.alerts) {
    if (a.kind == kind) {
      EXPECT_EQ(found, nullptr) << "two alerts of one kind";
      found = &a;
    }
  }
  return found;
}

// Worked by hand. April and May 2024: the ICO's patients cost nothing yet, so the forecast is £0
// and the whole budget an underspend (the one open underspend band, "from 0%"), the ICO keeping
// £10,000.00: the forecast variance of -100% scores 1 (at or below 0), and the lone ICO's
// smoking-status value is its own quartiles, scoring 1: average 1, segment 1.
//
// June 2024: patient 1's emergency admission (£2,800.00, 10 June) and end-of-life care (£250.00,
// 12 June) make £3,050.00 to date. With no earlier year wholly in the data (it starts on
// 3 April 2023), the budget is phased by days, 91 of 365 by the end of June, so the forecast is
// 305,000p × 365 / 91 = 1,223,352p. Patient 1 is £50.00 above the stop-loss threshold; grown by
// 365 / 91 that is 20,055p of excess, of which the partner meets 80%, 16,044p. The variance is
// 1,223,352 - 16,044 - 1,000,000 = 207,308p (20.7308% of the budget): beyond the first band's
// 2% (20,000p), so "overspend from 2%". The ICO bears 20,000p and half of the other 187,308p,
// 93,654p: a result of -113,654p, a deficit. Scores: 20.73% is above the last threshold (2), so
// 4; smoking status 1; average 2.5, segment 2 by the thresholds, held to 3 by the deficit.
// The lists: patient 1 (P001) died on 15 June, leaving patients 2, 3 and 4 on ICO1's lists at
// the end of June (4 at the end of May); no one joined. Patient 5 is at the control practice.
// Alerts in June: the band changed from "underspend from 0%" to "overspend from 2%" and the
// segment from 1 to 3.
TEST_F(OversightOfFixture, HandWorkedSegmentOverrideAndAlerts) {
  const int june = MonthIndex(*ParseDate("2024-06-01"));
  auto o = Run(june);
  ASSERT_TRUE(o.ok()) << o.status().message();
  EXPECT_EQ(o->commissioner_id, "COM1");
  EXPECT_EQ(FormatMonth(o->first_month), "2024-04");
  ASSERT_EQ(o->icos.size(), 1u);
  const IcoOversight& ico = o->icos[0];
  EXPECT_EQ(ico.id, "ICO1");
  ASSERT_EQ(ico.months.size(), 3u);

  for (int i : {0, 1}) {
    const OversightMonth& m = ico.months[i];
    ASSERT_TRUE(m.finance);
    EXPECT_EQ(m.finance->forecast, 0);
    EXPECT_EQ(m.finance->band.label, "underspend from 0%");
    EXPECT_EQ(m.finance->ico_result, 1'000'000);
    EXPECT_FALSE(m.finance->Deficit());
    ASSERT_EQ(m.scores.size(), 2u);
    EXPECT_EQ(m.scores[0].score, 1);
    EXPECT_EQ(m.scores[1].score, 1);
    EXPECT_EQ(m.segment.segment, 1);
    EXPECT_TRUE(m.segment.reasons.empty());
  }
  EXPECT_EQ(Find(ico.months[1], OversightAlert::Kind::kBand), nullptr);
  EXPECT_EQ(Find(ico.months[1], OversightAlert::Kind::kSegment), nullptr);

  EXPECT_EQ(ico.months[1].registered, 4);
  EXPECT_EQ(ico.months[1].turnover_year.Left(), 0);
  const OversightMonth& june_figures = ico.months[2];
  EXPECT_EQ(june_figures.registered, 3);
  EXPECT_EQ(june_figures.turnover_month.left[static_cast<int>(RegistrationEnd::kDeath)], 1);
  EXPECT_EQ(june_figures.turnover_month.Left(), 1);
  EXPECT_EQ(june_figures.turnover_month.Joined(), 0);
  EXPECT_EQ(june_figures.turnover_year.Left(), 1);
  ASSERT_TRUE(june_figures.finance);
  const FinanceMonth& f = *june_figures.finance;
  EXPECT_EQ(f.actual_to_date, 305'000);
  EXPECT_EQ(f.forecast, 1'223'352);
  EXPECT_EQ(f.stop_loss_recovery, 16'044);
  EXPECT_EQ(f.settlement_variance, 207'308);
  EXPECT_NEAR(f.forecast_variance_pct, 20.7308, 1e-9);
  EXPECT_EQ(f.band.label, "overspend from 2%");
  EXPECT_EQ(f.band.side, 1);
  EXPECT_EQ(f.band.band, 1);
  EXPECT_EQ(f.ico_result, -113'654);
  EXPECT_EQ(f.net_payment, 16'044 + 93'654);
  EXPECT_TRUE(f.Deficit());
  ASSERT_EQ(june_figures.scores.size(), 2u);
  EXPECT_EQ(june_figures.scores[0].measure, "finance:forecast_variance_pct");
  EXPECT_EQ(june_figures.scores[0].score, 4);
  EXPECT_EQ(june_figures.scores[1].score, 1);
  EXPECT_EQ(june_figures.segment.average, 2.5);
  EXPECT_EQ(june_figures.segment.segment_before_override, 2);
  EXPECT_EQ(june_figures.segment.segment, 3);
  EXPECT_TRUE(june_figures.segment.financial_override);
  ASSERT_EQ(june_figures.segment.reasons.size(), 2u);
  EXPECT_EQ(june_figures.segment.reasons[0], "finance:forecast_variance_pct scored 4");
  EXPECT_EQ(june_figures.segment.reasons[1],
            "financial override: a deficit forecast after risk sharing holds segment 2 to "
            "segment 3");
  const OversightAlert* band = Find(june_figures, OversightAlert::Kind::kBand);
  ASSERT_NE(band, nullptr);
  EXPECT_EQ(band->from, "underspend from 0%");
  EXPECT_EQ(band->to, "overspend from 2%");
  const OversightAlert* segment = Find(june_figures, OversightAlert::Kind::kSegment);
  ASSERT_NE(segment, nullptr);
  EXPECT_EQ(segment->from, "1");
  EXPECT_EQ(segment->to, "3");

  // The CSV carries the same: the segment row of June with its alerts.
  const std::string csv = RenderOversight(*o, OutputFormat::kCsv);
  EXPECT_EQ(csv.substr(0, csv.find('\n')), kOversightCsvColumns);
  EXPECT_NE(csv.find("\nICO1,2024-06,segment,2.5,,,,,,3,overspend from 2%,corridor band changed "
                     "from underspend from 0% to overspend from 2%; segment changed from 1 to 3\n"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find("\nICO1,2024-06,finance:forecast_variance_pct,20.7308,,,,,4,3,"),
            std::string::npos)
      << csv;
}

// The history is the data as each month's end would have given it: June's figures are the same
// whether June is the month reported on or a month of the history before a later one.
TEST_F(OversightOfFixture, HistoryMonthsMatchTheReportOfThatMonth) {
  auto june = Run(MonthIndex(*ParseDate("2024-06-01")));
  auto september = Run(MonthIndex(*ParseDate("2024-09-01")));
  ASSERT_TRUE(june.ok() && september.ok());
  const OversightMonth& a = june->icos[0].months[2];
  const OversightMonth& b = september->icos[0].months[2];
  EXPECT_EQ(FormatMonth(b.month), "2024-06");
  EXPECT_EQ(a.finance->forecast, b.finance->forecast);
  EXPECT_EQ(a.segment.segment, b.segment.segment);
  ASSERT_EQ(a.quality.size(), b.quality.size());
  for (size_t i = 0; i < a.quality.size(); ++i) {
    EXPECT_EQ(a.quality[i].numerator, b.quality[i].numerator) << a.quality[i].indicator;
    EXPECT_EQ(a.quality[i].variation, b.quality[i].variation) << a.quality[i].indicator;
  }
}

TEST(CorridorPosition, AVarianceOnAnEdgeLiesInTheBandBelow) {
  Contract c;
  c.overspend = {{.from = 0, .to = 20'000, .ico_share = kWhole},
                 {.from = 20'000, .to = 50'000, .ico_share = kWhole / 2}};
  c.underspend = {{.from = 0, .to = std::nullopt, .ico_share = kWhole}};
  // 2% of £10,000.00 is 20,000p; 5% is 50,000p.
  EXPECT_EQ(CorridorPositionOf(c, 1'000'000, 20'000).label, "overspend 0%-2%");
  EXPECT_EQ(CorridorPositionOf(c, 1'000'000, 20'001).label, "overspend 2%-5%");
  EXPECT_EQ(CorridorPositionOf(c, 1'000'000, 50'000).band, 1);
  const CorridorPosition beyond = CorridorPositionOf(c, 1'000'000, 50'001);
  EXPECT_EQ(beyond.label, "overspend beyond 5%");
  EXPECT_EQ(beyond.band, 2);
  EXPECT_EQ(CorridorPositionOf(c, 1'000'000, -7).label, "underspend from 0%");
  EXPECT_EQ(CorridorPositionOf(c, 1'000'000, 0).label, "on budget");
}

TEST(OversightRun, ErrorsNameWhatIsWrong) {
  const std::string folder = TestFolder("oversight_errors");
  std::filesystem::create_directories(folder);
  const std::string path = folder + "/workspace.db";
  auto ws = Workspace::Open(path, Workspace::kCreate);
  ASSERT_TRUE(ws.ok());
  ASSERT_TRUE(ImportFolder(kSource + "/tests/cases/import/valid", **ws, {}).ok());
  auto engine = Engine::Open(**ws);
  ASSERT_TRUE(engine.ok());
  const Population& p = (*engine)->population();
  auto not_commissioner = RunOversight(p, {.commissioner = "ICO1", .rules = TwoRules()});
  EXPECT_EQ(not_commissioner.status().message(), "--commissioner 'ICO1': not a commissioner");
  auto late = RunOversight(p, {.month = MonthIndex(*ParseDate("2025-04-01")), .rules = TwoRules()});
  EXPECT_EQ(late.status().message(),
            "--month 2025-04: the data cover whole months from 2023-05 to 2025-03");
  SegmentationRules unknown = TwoRules();
  unknown.metrics[1].measure = "quality:smoking_status";
  auto misnamed = RunOversight(p, {.rules = unknown});
  EXPECT_EQ(misnamed.status().message(),
            "segmentation rules, measure 'quality:smoking_status': no quality indicator has the id "
            "'smoking_status'");
  const NamedText contract = *ReadNamedText(kSource + "/tests/cases/finance/fixture_contract.json");
  auto twice = RunOversight(p, {.contracts = {contract, contract}, .rules = TwoRules()});
  EXPECT_EQ(twice.status().message(),
            "fixture_contract.json, field ico: 'ICO1' already has a contract, "
            "fixture_contract.json; give one contract an ICO");
}

}  // namespace
}  // namespace continuum
