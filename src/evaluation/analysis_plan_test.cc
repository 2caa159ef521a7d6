#include "evaluation/analysis_plan.h"

#include <gtest/gtest.h>

namespace continuum {
namespace {

Result<AnalysisPlan> Read(const std::string& text) {
  static const std::vector<OutcomeDefinition> catalogue = *OutcomeCatalogue();
  auto document = JsonDocument::Parse(text, "plan.json");
  if (!document.ok()) return document.status();
  return ReadAnalysisPlan(*document, catalogue);
}

std::string ErrorOf(const std::string& text) {
  auto plan = Read(text);
  EXPECT_FALSE(plan.ok());
  return plan.ok() ? "" : plan.status().message();
}

constexpr char kPlan[] = R"({
  "name": "test",
  "pilots": [{"ico": "ZICO1", "start": "2023-04-01"}],
  "periods": {"from": "2022-04-01", "to": "2025-03-31"},
  "outcomes": ["emergency_admissions", "continuity_bice_boxerman"]
})";

TEST(AnalysisPlan, ReadsAPlanWithItsDefaults) {
  auto plan = Read(kPlan);
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  EXPECT_EQ(plan->pilots.size(), 1u);
  EXPECT_EQ(plan->period_months, 3);
  EXPECT_EQ(plan->PeriodStarts().size(), 13u);  // 12 quarters and the day after the last
  EXPECT_EQ(plan->outcomes[1]->id, "continuity_bice_boxerman");
  EXPECT_EQ(plan->replicates, 999);
  EXPECT_EQ(plan->match_on.size(), 6u);
  EXPECT_TRUE(plan->placebo_in_space);
}

TEST(AnalysisPlan, NamesTheFieldOfEachMistake) {
  std::string text = kPlan;
  auto with = [&](const std::string& from, const std::string& to) {
    std::string t = text;
    t.replace(t.find(from), from.size(), to);
    return ErrorOf(t);
  };
  EXPECT_NE(with("\"emergency_admissions\"", "\"admissions\"")
                .find("plan.json, field outcomes[0]: 'admissions' is not an outcome Continuum "
                      "measures; it knows cost_per_head"),
            std::string::npos);
  EXPECT_NE(with("2023-04-01", "2023-05-01")
                .find("field pilots[0].start: a pilot must start on "
                      "the first day of a period after the first"),
            std::string::npos);
  EXPECT_NE(with("2025-03-31", "2025-03-30")
                .find("field periods.to: the periods run 3 months at a time from 2022-04-01"),
            std::string::npos);
  // The period end nearest the day given, and never one less than two periods on.
  EXPECT_NE(with("2025-03-31", "2025-03-30").find("the nearest to 2025-03-30 is 2025-03-31"),
            std::string::npos);
  EXPECT_NE(with("2025-03-31", "2025-02-10").find("the nearest to 2025-02-10 is 2024-12-31"),
            std::string::npos);
  EXPECT_NE(with("2025-03-31", "2022-05-20").find("the nearest to 2022-05-20 is 2022-09-30"),
            std::string::npos);
  EXPECT_NE(with("\"outcomes\"", "\"outcome\"").find("outcome"), std::string::npos);
  EXPECT_NE(
      with("\"start\": \"2023-04-01\"", "\"start\": \"2022-04-01\"").find("a period before it"),
      std::string::npos);
  EXPECT_NE(with("\"continuity_bice_boxerman\"", "\"emergency_admissions\"")
                .find("field outcomes[1]: 'emergency_admissions' is named twice"),
            std::string::npos);
  EXPECT_NE(with("\"outcomes\"", "\"comparison\": {\"match_on\": []}, \"outcomes\"")
                .find("field comparison.match_on: names nothing to match on"),
            std::string::npos);
  const std::string twice = with(R"([{"ico": "ZICO1", "start": "2023-04-01"}])",
                                 R"([{"ico": "ZICO1", "start": "2023-04-01"},
                                     {"ico": "ZICO1", "start": "2023-07-01"}])");
  EXPECT_NE(twice.find("names a pilot twice"), std::string::npos) << twice;
}

// The shipped plans read: the demo's, which `make demo` runs, and the programme's, which the
// programme benchmark runs.
TEST(AnalysisPlan, TheShippedPlansRead) {
  for (const char* name : {"nelson_vale_plan.json", "programme_plan.json"}) {
    auto document =
        JsonDocument::Read(std::string(CONTINUUM_SOURCE_DIR) + "/data/evaluation/" + name);
    ASSERT_TRUE(document.ok()) << document.status().message();
    auto plan = ReadAnalysisPlan(*document, *OutcomeCatalogue());
    ASSERT_TRUE(plan.ok()) << plan.status().message();
    EXPECT_EQ(plan->outcomes.size(), 17u);
  }
}

}  // namespace
}  // namespace continuum
