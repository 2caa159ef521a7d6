// An analysis plan run on a generated ICO with control practices: the matched comparison, every
// kind of outcome, the per-practice figures against an independent count, the tests that try to
// break a finding, and the plan's mistakes that only the workspace can reveal.
#include "evaluation/plan_evaluation.h"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/registered_on.h"
#include "evaluation/practice_outcomes.h"
#include "generate/generated_ico.h"
#include "generate/test_folder.h"

namespace continuum {
namespace {

const GeneratedIco& Ico() {
  static const std::unique_ptr<GeneratedIco> ico = [] {
    GeneratorOptions options;
    options.patients = 24000;
    options.practices = 6;
    options.control_practices = 6;
    options.years = 3;
    options.seed = 41;
    auto generated = GenerateAndLoad(TestFolder("plan_evaluation"), options);
    EXPECT_TRUE(generated.ok()) << generated.status().message();
    return std::move(*generated);
  }();
  return *ico;
}

const std::vector<OutcomeDefinition>& Catalogue() {
  static const std::vector<OutcomeDefinition> catalogue = *OutcomeCatalogue();
  return catalogue;
}

Result<AnalysisPlan> Plan(const std::string& pilots, const std::string& comparison = "") {
  const std::string text = R"({"name": "test", "pilots": )" + pilots +
                           R"(, "periods": {"from": "2022-04-01", "to": "2025-03-31"},)" +
                           comparison + R"( "outcomes": ["emergency_admissions", "cost_per_head",
                           "acsc_emergency_admissions", "continuity_bice_boxerman",
                           "distinct_providers"], "estimator": {"replicates": 199}})";
  auto document = JsonDocument::Parse(text, "plan.json");
  if (!document.ok()) return document.status();
  return ReadAnalysisPlan(*document, Catalogue());
}

constexpr char kPilot[] = R"([{"ico": "ZICO1", "start": "2023-04-01"}])";
constexpr char kWide[] = R"( "comparison": {"caliper": 10},)";

TEST(PlanEvaluation, RunsEveryOutcomeWithItsTests) {
  auto plan = Plan(kPilot, kWide);
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  auto result = EvaluatePlan(Ico().population(), *plan, Catalogue());
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->pilot_practices.size(), 6u);
  EXPECT_EQ(result->pool_practices.size(), 6u);
  EXPECT_FALSE(result->comparison_practices.empty());
  EXPECT_EQ(result->balance.size(), 6u);
  ASSERT_EQ(result->outcomes.size(), 5u);
  for (const OutcomeEstimate& o : result->outcomes) {
    ASSERT_TRUE(o.not_estimated.empty()) << o.outcome->id << ": " << o.not_estimated;
    EXPECT_TRUE(std::isfinite(o.programme.estimate)) << o.outcome->id;
    EXPECT_LT(o.programme.ci_low, o.programme.ci_high);
    EXPECT_EQ(o.event_study.size(), 11u);  // periods 2 to 12 against the start in period 5
    EXPECT_TRUE(o.placebo_in_time.has_value()) << o.outcome->id;
    EXPECT_TRUE(o.placebo_in_space.has_value()) << o.outcome->id;
    EXPECT_FALSE(o.summary.empty());
  }
  // Cost per head carries the spend against the comparison: the effect times the pilots'
  // patient-years since the start (six practices of about 4,000 patients over eight quarters).
  const OutcomeEstimate& cost = result->outcomes[1];
  ASSERT_TRUE(cost.spend_against_comparison.has_value());
  const double years = cost.spend_against_comparison->estimate / cost.programme.estimate;
  EXPECT_NEAR(cost.spend_against_comparison->ci_low / cost.programme.ci_low, years, 1e-6 * years);
  EXPECT_GT(years, 6 * 3000 * 2);
  EXPECT_LT(years, 6 * 5000 * 2);
  EXPECT_FALSE(result->outcomes[0].spend_against_comparison.has_value());
  EXPECT_EQ(result->commissioner_benefit.size(), 2u);
  // The same plan on the same workspace: the same answer.
  auto again = EvaluatePlan(Ico().population(), *plan, Catalogue());
  EXPECT_EQ(again->outcomes[0].programme.ci_low, result->outcomes[0].programme.ci_low);
}

// Emergency admissions per 1,000 patient-years of one practice in one quarter, counted here
// from the rows without the measurement code: events on the practice's list in the quarter over
// the days its patients were registered.
TEST(PlanEvaluation, PracticeRatesAgreeWithACountFromTheRows) {
  const Population& p = Ico().population();
  const uint32_t practice = p.organisations.ids.Find("ZP0002");
  ASSERT_NE(practice, Dictionary::kMissing);
  const Day from = DayFromCivil(2023, 7, 1), to = DayFromCivil(2023, 10, 1);
  double admissions = 0, days = 0;
  for (size_t e = 0; e < p.events.size(); ++e) {
    if (p.events.practice[e] == practice && p.events.setting[e] == 8 && p.events.day[e] >= from &&
        p.events.day[e] < to) {
      admissions += 1;
    }
  }
  for (Day d = from; d < to; ++d) {
    for (size_t r = 0; r < p.registrations.size(); ++r) {
      if (p.registrations.practice[r] == practice && RegistrationOn(p, r, d)) days += 1;
    }
  }
  const OutcomeDefinition* emergency = FindOutcome(Catalogue(), "emergency_admissions");
  const std::vector<Day> starts = {from, to};
  const uint32_t practices[] = {practice};
  const OutcomeDefinition* outcomes[] = {emergency};
  auto measured = MeasurePracticeOutcomes(p, practices, starts, outcomes);
  ASSERT_TRUE(measured.ok());
  EXPECT_NEAR(measured->value(0, 0, 0), admissions / (days / 365.25) * 1000, 1e-9);
}

TEST(PlanEvaluation, MistakesOnlyTheWorkspaceRevealsNameTheField) {
  auto not_ico = Plan(R"([{"ico": "ZP0001", "start": "2023-04-01"}])", kWide);
  ASSERT_TRUE(not_ico.ok());
  auto refused = EvaluatePlan(Ico().population(), *not_ico, Catalogue());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().message(),
            "plan.json, field pilots[0].ico: 'ZP0001' is not an ICO in the workspace; its ICOs "
            "are ZICO1");
  auto narrow = Plan(kPilot, R"( "comparison": {"caliper": 0.001},)");
  ASSERT_TRUE(narrow.ok());
  auto none = EvaluatePlan(Ico().population(), *narrow, Catalogue());
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().message().find("no comparison practice lies within the caliper"),
            std::string::npos)
      << none.status().message();
}

// Two ICOs of `practices` practices under one commissioner with 5 control practices.
Result<std::unique_ptr<GeneratedIco>> TwoIcos(const std::string& folder, int64_t patients,
                                              int practices) {
  return GenerateAndLoad(TestFolder(folder), {.patients = patients,
                                              .practices = practices,
                                              .icos = 2,
                                              .control_practices = 5,
                                              .years = 3,
                                              .seed = 5});
}

// "every_ico": each ICO from the day its first member joined (memberships.csv); one live from the
// first period has nothing before it to compare with and is left out, saying so.
TEST(PlanEvaluation, EveryIcoStartsEachOnItsGoLiveDay) {
  auto programme = TwoIcos("plan_every_ico", 8000, 3);
  ASSERT_TRUE(programme.ok()) << programme.status().message();
  auto plan = Plan(R"("every_ico")", kWide);
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  EXPECT_TRUE(plan->every_ico);
  auto result = EvaluatePlan((*programme)->population(), *plan, Catalogue());
  ASSERT_TRUE(result.ok()) << result.status().message();
  ASSERT_EQ(result->pilots.size(), 1u);
  EXPECT_EQ(result->pilots[0].ico, "ZICO2");
  EXPECT_EQ(FormatDate(result->pilots[0].start), "2023-04-01");
  ASSERT_FALSE(result->warnings.empty());
  EXPECT_NE(result->warnings[0].find("ZICO1 is left out: it was live from 2022-04-01"),
            std::string::npos)
      << result->warnings[0];
}

// A pilot whose own estimate cannot be made (one practice and its two matches are too few
// practices for the bootstrap) keeps its row, with why, in the per-pilot and leave-one-out rows
// (the outputs show it: plan_evaluation_render_test.cc); the programme's estimate over both
// pilots is still made.
TEST(PlanEvaluation, APilotTooSmallToEstimateAloneKeepsItsRowWithWhy) {
  auto programme = TwoIcos("plan_small_pilots", 4000, 1);
  ASSERT_TRUE(programme.ok()) << programme.status().message();
  auto plan = Plan(R"([{"ico": "ZICO1", "start": "2023-04-01"},
                       {"ico": "ZICO2", "start": "2023-04-01"}])",
                   R"( "comparison": {"caliper": 10, "matches": 2},)");
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  auto result = EvaluatePlan((*programme)->population(), *plan, Catalogue());
  ASSERT_TRUE(result.ok()) << result.status().message();
  const OutcomeEstimate& o = result->outcomes[0];
  ASSERT_TRUE(o.not_estimated.empty()) << o.not_estimated;
  EXPECT_TRUE(std::isfinite(o.programme.estimate));
  ASSERT_EQ(o.pilots.size(), 2u);
  ASSERT_EQ(o.leave_one_out.size(), 2u);
  for (const std::vector<PilotEffect>* rows : {&o.pilots, &o.leave_one_out}) {
    for (const PilotEffect& p : *rows) {
      EXPECT_EQ(p.not_estimated, "fewer than 4 practices to compare") << p.ico;
      EXPECT_TRUE(std::isnan(p.effect.estimate));
    }
  }
  EXPECT_NE(o.summary.find("Leaving out one pilot at a time could not be estimated"),
            std::string::npos)
      << o.summary;
}

// Each outcome's panel, written as evaluate --panels writes it and read as evaluate --panel reads
// it, gives the programme's estimate again to the last bit: another implementation can be run on
// the very panel the plan estimated.
TEST(PlanEvaluation, EachOutcomesPanelReadsBackToTheSameEstimate) {
  auto plan = Plan(kPilot, kWide);
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  auto result = EvaluatePlan(Ico().population(), *plan, Catalogue());
  ASSERT_TRUE(result.ok()) << result.status().message();
  int checked = 0;
  for (const OutcomeEstimate& o : result->outcomes) {
    if (!o.not_estimated.empty()) continue;
    const std::string text = PanelFileText(o.panel);
    EXPECT_EQ(text.substr(0, text.find('\n')), "unit,cluster,period,first_treated,outcome");
    auto read = ReadPanelFile(CsvFile::FromText(o.outcome->id + ".csv", text));
    ASSERT_TRUE(read.ok()) << read.status().message();
    EXPECT_EQ(read->unit_names, o.panel.unit_names);
    PanelEvaluationOptions options;
    options.comparison = plan->comparison;
    options.bootstrap.replicates = plan->replicates;
    options.bootstrap.seed = plan->seed;
    auto again = EvaluatePanel(*read, options);
    ASSERT_TRUE(again.ok()) << again.status().message();
    const EstimateRow& row = again->estimates.back();
    EXPECT_EQ(row.estimate, o.programme.estimate) << o.outcome->id;
    EXPECT_EQ(row.std_error, o.programme.std_error) << o.outcome->id;
    EXPECT_EQ(row.ci_low, o.programme.ci_low) << o.outcome->id;
    EXPECT_EQ(row.ci_high, o.programme.ci_high) << o.outcome->id;
    ++checked;
  }
  EXPECT_GE(checked, 4);
}

}  // namespace
}  // namespace continuum
