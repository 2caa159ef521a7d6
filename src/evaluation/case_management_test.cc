// The case-management evaluation on generated ICOs of the demo's size: the patients it finds are
// exactly those the generator case-managed (its truth file, an independent record), the effects
// the generator planted (RAND Europe and Ernst & Young, 2012) lie inside its intervals, a
// programme with no effect shows none, and the plan's mistakes name their field.
#include "evaluation/case_management.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "evaluation/plan_evaluation.h"
#include "generate/generated_ico.h"
#include "generate/test_folder.h"

namespace continuum {
namespace {

const std::vector<OutcomeDefinition>& Catalogue() {
  static const std::vector<OutcomeDefinition> catalogue = *OutcomeCatalogue();
  return catalogue;
}

Result<AnalysisPlan> Plan(const std::string& case_management) {
  const std::string text =
      R"({"name": "case management", "pilots": [{"ico": "ZICO1", "start": "2023-04-01"}],
          "periods": {"from": "2022-04-01", "to": "2025-03-31"},
          "outcomes": ["emergency_admissions"], "estimator": {"replicates": 99},
          "tests": {"placebo_periods_before": 0, "placebo_in_space": false,
                    "leave_one_pilot_out": false, "e_value": false},
          "case_management": )" +
      case_management + "}";
  auto document = JsonDocument::Parse(text, "plan.json");
  if (!document.ok()) return document.status();
  return ReadAnalysisPlan(*document, Catalogue());
}

// A generated ICO with the patients its truth file marks case-managed.
struct Demo {
  std::unique_ptr<GeneratedIco> ico;
  std::set<int64_t> case_managed;  // patient ids
};

// The demo's ICO (`make demo`: 150,000 patients in 14 practices, 6 control practices, seed 2008)
// with or without the planted effects, or a smaller one for the tests of what the rule finds.
Demo Generate(bool effects, bool small = false) {
  GeneratorOptions options;
  options.control_practices = 6;
  options.plant_effects = effects;
  if (small) {
    options.patients = 40000;
    options.practices = 6;
  }
  const std::string folder = TestFolder(small     ? "case_management_small"
                                        : effects ? "case_management"
                                                  : "case_management_null");
  options.truth_path = folder + "_truth.csv";
  auto generated = GenerateAndLoad(folder, options);
  EXPECT_TRUE(generated.ok()) << generated.status().message();
  Demo demo{std::move(*generated), {}};
  std::ifstream truth(options.truth_path);
  std::string line;
  std::getline(truth, line);
  while (std::getline(truth, line)) {
    std::stringstream row(line);
    std::string id, frailty, propensity, managed;
    std::getline(row, id, ',');
    std::getline(row, frailty, ',');
    std::getline(row, propensity, ',');
    std::getline(row, managed, ',');
    if (managed == "1") demo.case_managed.insert(std::stoll(id));
  }
  std::filesystem::remove(options.truth_path);
  return demo;
}

const Demo& Small() {
  static const Demo demo = Generate(true, true);
  return demo;
}

TEST(CaseManagement, FindsExactlyThePatientsTheIcoCaseManaged) {
  const Population& p = Small().ico->population();
  auto plan = Plan(R"({"min_age": 65, "min_emergency_admissions": 2})");
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  auto result = EvaluatePlan(p, *plan, Catalogue());
  ASSERT_TRUE(result.ok()) << result.status().message();
  ASSERT_TRUE(result->case_management);
  const CaseManagementEvaluation& cm = *result->case_management;
  ASSERT_EQ(cm.found_on.size(), 1u);
  EXPECT_EQ(FormatDate(cm.found_on[0].second), "2024-04-01");
  // The generator case-managed these; the evaluation keeps those registered in the baseline year
  // (from 2022-04-01, the data's first day, to 2023-03-31).
  const Day baseline_end = *ParseDate("2023-03-31");
  std::vector<char> registered(p.patients.size(), 0);
  for (size_t r = 0; r < p.registrations.size(); ++r) {
    if (p.registrations.start[r] <= baseline_end) registered[p.registrations.patient[r]] = 1;
  }
  int32_t expected = 0;
  for (uint32_t patient = 0; patient < p.patients.size(); ++patient) {
    expected += registered[patient] && Small().case_managed.count(p.patients.id[patient]);
  }
  EXPECT_GT(expected, 200);
  EXPECT_EQ(cm.cases, expected);
  EXPECT_GT(cm.comparison_patients, 200);
}

TEST(CaseManagement, RecoversThePlantedEffectsOnTheDemo) {
  const Demo demo = Generate(true);
  auto plan = Plan(R"({})");
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  auto result = EvaluatePlan(demo.ico->population(), *plan, Catalogue());
  ASSERT_TRUE(result.ok()) << result.status().message();
  const CaseManagementEvaluation& cm = *result->case_management;
  ASSERT_EQ(cm.outcomes.size(), 3u);
  // RAND Europe and Ernst & Young (2012): emergency +9%, elective -21%, outpatients -22%.
  const double planted[] = {1.09, 0.79, 0.78};
  for (size_t o = 0; o < 3; ++o) {
    const CaseManagementOutcome& out = cm.outcomes[o];
    EXPECT_LE(out.ci_low, planted[o]) << out.outcome->id;
    EXPECT_GE(out.ci_high, planted[o]) << out.outcome->id;
    EXPECT_LT(out.ci_high / out.ci_low, 1.6) << out.outcome->id << ": too wide to mean much";
    EXPECT_FALSE(out.summary.empty());
  }
  // Planned care falls by more than chance would give.
  EXPECT_LT(cm.outcomes[2].ci_high, 1.0);
}

TEST(CaseManagement, FindsNoEffectInAProgrammeWithNone) {
  const Demo null = Generate(false);
  auto plan = Plan(R"({})");
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  auto result = EvaluatePlan(null.ico->population(), *plan, Catalogue());
  ASSERT_TRUE(result.ok()) << result.status().message();
  const CaseManagementEvaluation& cm = *result->case_management;
  // The ICO still finds its cases; their care is unchanged.
  EXPECT_GT(cm.cases, 1000);
  for (const CaseManagementOutcome& out : cm.outcomes) {
    EXPECT_LE(out.ci_low, 1.0) << out.outcome->id;
    EXPECT_GE(out.ci_high, 1.0) << out.outcome->id;
  }
}

TEST(CaseManagement, MistakesNameTheField) {
  auto continuity = Plan(R"({"outcomes": ["continuity_usual_provider"]})");
  ASSERT_FALSE(continuity.ok());
  EXPECT_NE(continuity.status().message().find("case_management.outcomes[0]"), std::string::npos)
      << continuity.status().message();
  EXPECT_NE(continuity.status().message().find("not a patient's activity or cost outcome"),
            std::string::npos);
  auto unknown = Plan(R"({"min_age": 65, "threshold": 3})");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("threshold"), std::string::npos);
  auto outside = Plan(R"({"found_on": "2026-04-01"})");
  ASSERT_FALSE(outside.ok());
  EXPECT_NE(outside.status().message().find("case_management.found_on"), std::string::npos)
      << outside.status().message();
  // Too early for the two years of activity the rule and the baseline need.
  auto early = Plan(R"({"found_on": "2023-04-01"})");
  ASSERT_TRUE(early.ok()) << early.status().message();
  auto run = EvaluatePlan(Small().ico->population(), *early, Catalogue());
  ASSERT_FALSE(run.ok());
  EXPECT_NE(run.status().message().find("needs two years of activity before it"), std::string::npos)
      << run.status().message();
}

TEST(CaseManagement, DefaultCaseFindingDayIsTheNextAprilAYearOnWithTwoYearsBefore) {
  const Day data = *ParseDate("2022-04-01");
  EXPECT_EQ(FormatDate(DefaultCaseFindingDay(*ParseDate("2023-04-01"), data)), "2024-04-01");
  EXPECT_EQ(FormatDate(DefaultCaseFindingDay(*ParseDate("2023-01-01"), data)), "2024-04-01");
  EXPECT_EQ(FormatDate(DefaultCaseFindingDay(*ParseDate("2023-07-01"), data)), "2025-04-01");
  EXPECT_EQ(FormatDate(DefaultCaseFindingDay(*ParseDate("2022-04-01"), data)), "2024-04-01");
}

}  // namespace
}  // namespace continuum
