// One headcount for one day through every report. The summary, the quality report (and the web
// overview drawn from it), the pathways report, the risk model's lists and the capitation budget's
// list all count who is registered on a day by engine/registered_on.h: on a population worked by
// hand around the boundary days (a registration's first and last day, the day of death), and on a
// generated ICO, they agree with the definition and with each other.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "clinical/pathway_definition.h"
#include "clinical/pathway_engine.h"
#include "clinical/pathway_report.h"
#include "clinical/quality_run.h"
#include "clinical/risk_features.h"
#include "clinical/risk_run.h"
#include "engine/registered_on.h"
#include "finance/capitation_features.h"
#include "finance/capitation_run.h"
#include "finance/finance_fixture.h"
#include "finance/ico_scope.h"
#include "generate/generated_ico.h"
#include "generate/test_folder.h"
#include "report/overview_render.h"
#include "report/summary.h"

namespace continuum {
namespace {

// ICO1 has practices P1 and P2; C1 is a control practice. Around `day`, worked by hand:
//   listed   P1 since 2020, open                        on the list on `day`
//   joined   P2 from `day`                              on it: its first day
//   later    P1 from the day after                      not yet
//   left     P2 to `day`                                on it: end_date is the last day on the list
//   gone     P1 to the day before                       no longer
//   died     P1, died on `day` (registration ends then) on it: the day of death is a day on the
//   list dead     P2, died the day before                    no longer unended  P1, open, but died
//   the day before          no longer: not alive on `day` control  C1, open on the workspace's
//   lists, not the ICO's
// So 4 on ICO1's lists and 5 in the workspace.
constexpr int64_t kIcoHeadcount = 4, kWorkspaceHeadcount = 5;

struct Boundary {
  FinanceFixture f;
  uint32_t listed, joined, later, left, gone, died, dead, unended, control;
};

std::unique_ptr<Boundary> BoundaryPopulation(Day day) {
  auto b = std::make_unique<Boundary>();
  FinanceFixture& f = b->f;
  f.Organisation("COM", OrgKind::kCommissioner);
  f.Organisation("ICO1", OrgKind::kIco, "COM");
  f.Organisation("P1", OrgKind::kPractice, "ICO1");
  f.Organisation("P2", OrgKind::kPractice, "ICO1");
  f.Organisation("C1", OrgKind::kPractice, "COM");
  f.Organisation("T1", OrgKind::kAcuteTrust, "COM");
  const std::string on = FormatDate(day), before = FormatDate(day - 1), after = FormatDate(day + 1);
  b->listed = f.Patient("P1", "2020-01-01");
  b->joined = f.Patient("P2", on);
  b->later = f.Patient("P1", after);
  b->left = f.Patient("P2", "2020-01-01", on);
  b->gone = f.Patient("P1", "2020-01-01", before);
  b->died = f.Patient("P1", "2020-01-01");
  f.Died(b->died, on, PlaceOfDeath::kHome);
  b->dead = f.Patient("P2", "2020-01-01");
  f.Died(b->dead, before, PlaceOfDeath::kHospital);
  b->unended = f.Patient("P1", "2020-01-01");
  f.population.patients.death[b->unended] = day - 1;
  b->control = f.Patient("C1", "2020-01-01");
  // The data run from two years before to `day`.
  f.Event(b->listed, FormatDate(day - 730), Setting::kGp, "P1", 39.00);
  f.Event(b->control, on, Setting::kGp, "C1", 39.00);
  f.Finish();
  return b;
}

uint32_t Org(const Population& p, std::string_view id) { return p.organisations.ids.Find(id); }

// Who is on `ico`'s member lists on `day`, by the definition, one patient at a time.
int64_t Headcount(const Population& p, const IcoScope& ico, Day day) {
  int64_t n = 0;
  for (uint32_t patient = 0; patient < p.patients.size(); ++patient) {
    const uint32_t practice = RegisteredPracticeOn(p, patient, day);
    n += practice != Dictionary::kMissing && ico.member[practice];
  }
  return n;
}

TEST(RegisteredOn, BoundaryDaysWorkedByHand) {
  const Day day = *ParseDate("2025-03-31");
  const auto b = BoundaryPopulation(day);
  const Population& p = b->f.population;
  const uint32_t p1 = Org(p, "P1"), p2 = Org(p, "P2");
  EXPECT_EQ(RegisteredPracticeOn(p, b->listed, day), p1);
  EXPECT_EQ(RegisteredPracticeOn(p, b->joined, day), p2);
  EXPECT_EQ(RegisteredPracticeOn(p, b->joined, day - 1), Dictionary::kMissing);
  EXPECT_EQ(RegisteredPracticeOn(p, b->later, day), Dictionary::kMissing);
  EXPECT_EQ(RegisteredPracticeOn(p, b->later, day + 1), p1);
  EXPECT_EQ(RegisteredPracticeOn(p, b->left, day), p2);
  EXPECT_EQ(RegisteredPracticeOn(p, b->left, day + 1), Dictionary::kMissing);
  EXPECT_EQ(RegisteredPracticeOn(p, b->gone, day - 1), p1);
  EXPECT_EQ(RegisteredPracticeOn(p, b->gone, day), Dictionary::kMissing);
  EXPECT_EQ(RegisteredPracticeOn(p, b->died, day), p1);
  EXPECT_EQ(RegisteredPracticeOn(p, b->died, day + 1), Dictionary::kMissing);
  EXPECT_EQ(RegisteredPracticeOn(p, b->dead, day - 1), p2);
  EXPECT_EQ(RegisteredPracticeOn(p, b->dead, day), Dictionary::kMissing);
  EXPECT_EQ(RegisteredPracticeOn(p, b->unended, day - 1), p1);
  EXPECT_EQ(RegisteredPracticeOn(p, b->unended, day), Dictionary::kMissing);
  // Person-time ends on the same last day: the end date, or the day of death when earlier.
  auto last_day = [&](uint32_t patient) {
    return LastDayOn(p, p.patients.first_registration[patient]);
  };
  EXPECT_EQ(last_day(b->listed), kNoDay);
  EXPECT_EQ(last_day(b->left), day);
  EXPECT_EQ(last_day(b->died), day);
  EXPECT_EQ(last_day(b->unended), day - 1);
  // By the registration: the same answers.
  int64_t on = 0;
  for (size_t r = 0; r < p.registrations.size(); ++r) on += RegistrationOn(p, r, day);
  EXPECT_EQ(on, kWorkspaceHeadcount);
  auto ico = IcoScopeOf(p, "ICO1", "test");
  ASSERT_TRUE(ico.ok()) << ico.status().message();
  EXPECT_EQ(Headcount(p, *ico, day), kIcoHeadcount);
  EXPECT_EQ(Headcount(p, *ico, day - 1), 6);  // listed, left, gone, died, dead, unended
  EXPECT_EQ(Headcount(p, *ico, day + 1), 3);  // listed, joined, later
}

TEST(RegisteredOn, EveryReportCountsTheBoundaryDaysAlike) {
  const Day day = *ParseDate("2025-03-31");
  const auto b = BoundaryPopulation(day);
  const Population& p = b->f.population;
  auto ico = IcoScopeOf(p, "ICO1", "test");
  ASSERT_TRUE(ico.ok()) << ico.status().message();

  // The summary, on the data's last day: every practice, and the ICO alone.
  const Summary pooled = Summarise(p, p.events.cost);
  ASSERT_EQ(pooled.as_at, day);
  EXPECT_EQ(pooled.registered, kWorkspaceHeadcount);
  int64_t members = 0;
  for (const PracticeSummary& row : pooled.practices) members += row.member ? row.list_size : 0;
  EXPECT_EQ(members, kIcoHeadcount);
  EXPECT_EQ(Summarise(p, p.events.cost, &*ico).registered, kIcoHeadcount);

  // The quality report, on its period's last day, and the web overview drawn from it.
  auto indicators = ShippedIndicators();
  ASSERT_TRUE(indicators.ok()) << indicators.status().message();
  auto quality = RunQuality(p, ico->ico, std::move(*indicators), 2024);
  ASSERT_TRUE(quality.ok()) << quality.status().message();
  const QualityReport& report = (*quality)->report;
  ASSERT_EQ(report.period_end, day);
  EXPECT_EQ(report.ico_registered, kIcoHeadcount);
  EXPECT_EQ(report.workspace_registered, kWorkspaceHeadcount);
  EXPECT_TRUE(report.by_commissioner);  // the ICO's commissioner's practices, here all of them
  const auto overview = nlohmann::json::parse(RenderOverviewJson(p, report, Disclosure::kExact));
  EXPECT_EQ(overview["registered"], kIcoHeadcount);
  int64_t listed = 0;
  for (const auto& practice : overview["practices"])
    listed += practice["registered"].get<int64_t>();
  EXPECT_EQ(listed, kIcoHeadcount);

  // The pathways report, on its status day.
  auto definitions = ShippedPathways();
  ASSERT_TRUE(definitions.ok()) << definitions.status().message();
  const PathwayOptions options{.from = FinancialYearStart(2024), .to = day, .as_of = day};
  const PathwaysReport pathways =
      ReportPathways(p, *definitions, FollowPathways(p, *definitions, options), {});
  ASSERT_EQ(pathways.list_day, day);
  const UnitFigures& ico_unit = pathways.pathways[0].units[0];
  ASSERT_EQ(ico_unit.id, "ICO1");
  EXPECT_EQ(ico_unit.registered, kIcoHeadcount);

  // The risk model's lists on an index day.
  EXPECT_EQ(static_cast<int64_t>(
                BuildRiskFeatures(p, ico->member, day, RiskOutcome::kNone).patient.size()),
            kIcoHeadcount);
}

// The capitation budget's list is those registered on 1 April.
TEST(RegisteredOn, TheCapitationListCountsTheBoundaryDaysAlike) {
  const Day day = FinancialYearStart(2025);
  const auto b = BoundaryPopulation(day);
  const Population& p = b->f.population;
  auto ico = IcoScopeOf(p, "ICO1", "test");
  ASSERT_TRUE(ico.ok()) << ico.status().message();
  const CapitationFeatures features = BuildCapitationFeatures(p, p.events.cost, 2025);
  ASSERT_EQ(features.list_day, day);
  int64_t members = 0;
  for (uint32_t practice : features.practice) members += ico->member[practice];
  EXPECT_EQ(members, kIcoHeadcount);
  EXPECT_EQ(static_cast<int64_t>(features.patient.size()), kWorkspaceHeadcount);
}

// On a generated ICO with control practices: every report's headcount is the definition's on its
// day, and the reports counted on the data's last day give one number.
TEST(RegisteredOn, EveryReportGivesOneHeadcountOnAGeneratedIco) {
  auto generated = GenerateAndLoad(
      TestFolder("headcount"),
      {.patients = 3000, .practices = 3, .control_practices = 2, .years = 2, .seed = 23});
  ASSERT_TRUE(generated.ok()) << generated.status().message();
  const Population& p = (*generated)->population();
  auto ico = IcoScopeOf(p, "ZICO1", "test");
  ASSERT_TRUE(ico.ok()) << ico.status().message();

  const Summary pooled = Summarise(p, p.events.cost);
  const Day day = pooled.as_at;
  const int64_t expected = Headcount(p, *ico, day);
  ASSERT_GT(expected, 0);
  int64_t members = 0;
  for (const PracticeSummary& row : pooled.practices) members += row.member ? row.list_size : 0;
  EXPECT_EQ(members, expected) << "summary";
  EXPECT_EQ(Summarise(p, p.events.cost, &*ico).registered, expected) << "summary --ico";

  auto indicators = ShippedIndicators();
  ASSERT_TRUE(indicators.ok());
  auto quality = RunQuality(p, ico->ico, std::move(*indicators), FinancialYearOf(day));
  ASSERT_TRUE(quality.ok()) << quality.status().message();
  const QualityReport& report = (*quality)->report;
  ASSERT_EQ(report.period_end, day);
  EXPECT_EQ(report.ico_registered, expected) << "quality";
  EXPECT_EQ(report.workspace_registered, pooled.registered) << "quality, the workspace";
  const auto overview = nlohmann::json::parse(RenderOverviewJson(p, report, Disclosure::kExact));
  EXPECT_EQ(overview["registered"], expected) << "overview";
  int64_t listed = 0;
  for (const auto& practice : overview["practices"])
    listed += practice["registered"].get<int64_t>();
  EXPECT_EQ(listed, expected) << "overview, its practices";

  auto definitions = ShippedPathways();
  ASSERT_TRUE(definitions.ok());
  const PathwaysReport pathways = ReportPathways(
      p, *definitions, FollowPathways(p, *definitions, DefaultPathwayOptions(p)), {});
  ASSERT_EQ(pathways.list_day, day);
  EXPECT_EQ(pathways.pathways[0].units[0].registered, expected) << "pathways";

  auto risk = RunRisk(p, ico->member, {.top = 0});
  ASSERT_TRUE(risk.ok()) << risk.status().message();
  EXPECT_EQ(risk->scoring_coverage.registered, Headcount(p, *ico, risk->scoring_day)) << "risk";
  EXPECT_EQ(static_cast<int64_t>(
                BuildRiskFeatures(p, ico->member, day, RiskOutcome::kNone).patient.size()),
            expected)
      << "risk, on the data's last day";

  auto budget = RunCapitation(p, p.events.cost, {});
  ASSERT_TRUE(budget.ok()) << budget.status().message();
  const BudgetLine* line = IcoBudget(*budget, "ZICO1");
  ASSERT_NE(line, nullptr);
  EXPECT_EQ(line->heads, Headcount(p, *ico, budget->budget.list_day)) << "capitation budget";
}

}  // namespace
}  // namespace continuum
