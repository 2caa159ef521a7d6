// The risk model against the generator's planted truth: on a generated ICO, fitted on one year
// and validated on the next, it must beat a model of age and sex alone and may not beat the
// truth itself (each patient's expected admission rate before chance) by more than noise.
#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <unordered_map>

#include "clinical/risk_run.h"
#include "core/csv.h"
#include "engine/engine.h"
#include "generate/generated_ico.h"
#include "generate/test_folder.h"
#include "ingest/importer.h"

namespace continuum {
namespace {

namespace fs = std::filesystem;

// patient_id -> expected_emergency from the generator's truth file.
std::unordered_map<int64_t, double> ReadTruth(const std::string& path) {
  std::unordered_map<int64_t, double> truth;
  auto file = CsvFile::Read(path);
  EXPECT_TRUE(file.ok());
  if (!file.ok()) return truth;
  CsvCursor cursor(*file);
  std::vector<std::string_view> fields;
  size_t column = 0;
  if (cursor.Next(&fields)) {
    for (size_t i = 0; i < fields.size(); ++i)
      if (fields[i] == "expected_emergency") column = i;
  }
  EXPECT_GT(column, 0u);
  while (cursor.Next(&fields)) {
    int64_t id = 0;
    double rate = 0;
    std::from_chars(fields[0].data(), fields[0].data() + fields[0].size(), id);
    std::from_chars(fields[column].data(), fields[column].data() + fields[column].size(), rate);
    truth[id] = rate;
  }
  return truth;
}

TEST(RiskTruth, ModelBeatsAgeAndSexAndStaysBelowThePlantedTruth) {
  const fs::path dir = TestFolder("risk_truth");
  GeneratorOptions options;
  options.patients = 40000;
  options.practices = 8;
  options.years = 3;
  options.seed = 17;
  options.truth_path = (dir / "truth.csv").string();
  fs::create_directories(dir);
  auto generated = GenerateAndLoad(dir.string(), options);
  ASSERT_TRUE(generated.ok()) << generated.status().message();
  const Population& p = (*generated)->population();
  std::vector<uint8_t> member(p.organisations.size(), 0);
  for (uint32_t o = 0; o < p.organisations.size(); ++o) {
    member[o] = p.organisations.kind[o] == static_cast<uint8_t>(OrgKind::kPractice);
  }

  auto run = RunRisk(p, member, {.top = 10});
  ASSERT_TRUE(run.ok()) << run.status().message();
  ASSERT_TRUE(run->validated) << run->not_validated;
  const RiskValidation& v = run->validation;
  EXPECT_EQ(v.year, 2024);
  EXPECT_EQ(run->fit_year, 2023);

  // The truth on the same people: each one's chance of at least one admission at their planted
  // rate, 1 - exp(-rate), for the validation year (the truth file's year).
  const std::unordered_map<int64_t, double> truth = ReadTruth(options.truth_path);
  const RiskFeatures validation =
      BuildRiskFeatures(p, member, FinancialYearStart(2024), RiskOutcome::kMeasure);
  std::vector<double> planted;
  for (uint32_t patient : validation.patient) {
    const auto it = truth.find(p.patients.id[patient]);
    ASSERT_NE(it, truth.end());
    planted.push_back(1 - std::exp(-it->second));
  }
  auto ranking = RiskRanking::Make(planted, validation.outcome);
  ASSERT_TRUE(ranking.ok());
  const double truth_c = *CStatistic(*ranking);

  EXPECT_GT(v.c_statistic, v.age_sex_c_statistic + 0.03)
      << "model " << v.c_statistic << ", age and sex " << v.age_sex_c_statistic;
  EXPECT_LE(v.c_statistic, truth_c + 0.01) << "model " << v.c_statistic << ", truth " << truth_c;
  EXPECT_GT(v.c_statistic, 0.70);
  EXPECT_GT(truth_c, 0.75);
  EXPECT_LT(truth_c, 0.90);
  // Calibrated in the large: the expected count within 10% of the admitted.
  double expected = 0;
  int64_t admitted = 0;
  for (const CalibrationGroup& d : v.deciles) {
    expected += d.expected;
    admitted += d.events;
  }
  EXPECT_NEAR(expected / admitted, 1.0, 0.1);
  // The top 1% are admitted far more often than the ICO's patients as a whole.
  EXPECT_GT(v.top[1].ppv, 3.0 * admitted / v.coverage.scored);
  EXPECT_EQ(run->cases.size(), 10u);
  EXPECT_FALSE(run->cases[0].factors.empty());
}

}  // namespace
}  // namespace continuum
