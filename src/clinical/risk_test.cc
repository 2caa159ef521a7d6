// The risk model's parts worked by hand on a small population: who is on the lists and who is
// left out, each feature of one patient, the columns and words they give, the pyramid's bands,
// the factors chosen for a patient, and the model file.
#include <gtest/gtest.h>

#include <cmath>

#include "clinical/risk_columns.h"
#include "clinical/risk_features.h"
#include "clinical/risk_model.h"
#include "clinical/risk_pyramid.h"
#include "finance/finance_fixture.h"

namespace continuum {
namespace {

// ICO1 with practices P1 and P2, and C1, a practice outside it. The index day is 2024-04-01:
// the features look back to 2023-04-01 (admissions to 2022-04-01), the outcome year runs to
// 2025-03-31.
class RiskFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    f_.Organisation("COM", OrgKind::kCommissioner);
    f_.Organisation("ICO1", OrgKind::kIco, "COM");
    p1_ = f_.Organisation("P1", OrgKind::kPractice, "ICO1");
    f_.Organisation("P2", OrgKind::kPractice, "ICO1");
    f_.Organisation("C1", OrgKind::kPractice, "COM");
    f_.Organisation("RAX", OrgKind::kAcuteTrust, "COM");

    // A woman of 83 with heart failure, twice admitted last year (once in the last 3 months),
    // once the year before, and admitted again in the outcome year.
    a_ = f_.Patient("P1", "2000-01-01");
    f_.Born(a_, "1940-05-10", Sex::kFemale);
    f_.Register(a_, Condition::kHeartFailure, "2020-02-01");
    f_.Register(a_, Condition::kCopd, "2015-03-01", "2023-01-01");  // resolved: not counted
    f_.Event(a_, "2022-04-20", Setting::kEmergency, "RAX", 2500, "J44.1", 3);
    f_.Event(a_, "2023-05-10", Setting::kEmergency, "RAX", 3100, "J44.1", 6);
    f_.Event(a_, "2023-05-10", Setting::kAe, "RAX", 160);
    f_.Event(a_, "2024-02-15", Setting::kEmergency, "RAX", 2800, "I50.0", 4);
    for (const char* day : {"2023-06-01", "2023-09-01", "2024-03-31"}) {
      f_.Event(a_, day, Setting::kGp, "P1", 39);
    }
    f_.Event(a_, "2023-07-01", Setting::kPrescription, "P1", 8);
    f_.Event(a_, "2023-08-01", Setting::kPrescription, "P1", 8);
    f_.Event(a_, "2024-04-01", Setting::kGp, "P1", 39);  // the index day: outcome year, not history
    f_.Event(a_, "2024-06-10", Setting::kEmergency, "RAX", 2800, "I50.0", 5);

    // A man of 44 who joined P1 in January: new to the list; nothing happens to him.
    b_ = f_.Patient("P1", "2024-01-15");
    f_.Born(b_, "1980-01-01", Sex::kMale);
    f_.Event(b_, "2025-04-02", Setting::kEmergency, "RAX", 2000);  // after the outcome year

    // Leaves P2 in September without an admission: excluded, the outcome is not known.
    c_ = f_.Patient("P2", "2000-01-01", "2024-09-30");
    // Leaves P2 in September after an admission in July: kept, admitted.
    d_ = f_.Patient("P2", "2000-01-01", "2024-09-30");
    f_.Event(d_, "2024-07-01", Setting::kEmergency, "RAX", 2000);
    // Dies in December without an admission: kept, not admitted.
    e_ = f_.Patient("P2", "2000-01-01");
    f_.Died(e_, "2024-12-01", PlaceOfDeath::kHome);
    // On a list outside the ICO, and joining P1 after the index day: not on the lists.
    f_.Patient("C1", "2000-01-01");
    f_.Patient("P1", "2025-01-01");
    // Born in January and registered at birth: not new to the list.
    h_ = f_.Patient("P1", "2024-01-05");
    f_.Born(h_, "2024-01-01", Sex::kFemale);
    f_.Finish();
    member_.assign(f_.population.organisations.size(), 0);
    for (const char* id : {"P1", "P2"}) member_[f_.population.organisations.ids.Find(id)] = 1;
  }

  RiskFeatures Build(RiskOutcome outcome = RiskOutcome::kMeasure) {
    return BuildRiskFeatures(f_.population, member_, *ParseDate("2024-04-01"), outcome);
  }
  int RowOf(const RiskFeatures& f, uint32_t patient) {
    for (size_t row = 0; row < f.size(); ++row)
      if (f.patient[row] == patient) return static_cast<int>(row);
    return -1;
  }

  FinanceFixture f_;
  std::vector<uint8_t> member_;
  uint32_t p1_ = 0, a_ = 0, b_ = 0, c_ = 0, d_ = 0, e_ = 0, h_ = 0;
};

TEST_F(RiskFixture, CoverageKeepsDeathsAndExcludesLeaversWithoutAnAdmission) {
  const RiskFeatures f = Build();
  const RiskCoverage& c = f.coverage;
  EXPECT_EQ(c.registered, 6);  // a, b, c, d, e, h
  EXPECT_EQ(c.scored, 5);
  EXPECT_EQ(c.excluded_left, 1);
  EXPECT_EQ(c.left_admitted, 1);
  EXPECT_EQ(c.died, 1);
  EXPECT_EQ(c.died_admitted, 0);
  EXPECT_EQ(c.admitted, 2);
  EXPECT_EQ(c.new_to_list, 1);
  EXPECT_EQ(RowOf(f, c_), -1);
  EXPECT_EQ(f.outcome[RowOf(f, a_)], 1);
  EXPECT_EQ(f.outcome[RowOf(f, b_)], 0);  // his admission falls after the outcome year
  EXPECT_EQ(f.outcome[RowOf(f, d_)], 1);
  EXPECT_EQ(f.outcome[RowOf(f, e_)], 0);
  EXPECT_EQ(f.new_to_list[RowOf(f, b_)], 1);
  EXPECT_EQ(f.new_to_list[RowOf(f, h_)], 0);
  EXPECT_TRUE(f.history_complete);
  EXPECT_TRUE(f.year_before_complete);

  // Scoring without an outcome leaves no one out.
  const RiskFeatures now = Build(RiskOutcome::kNone);
  EXPECT_EQ(now.coverage.scored, 6);
  EXPECT_TRUE(now.outcome.empty());
}

TEST_F(RiskFixture, FeaturesOfOnePatientByHand) {
  const RiskFeatures f = Build();
  const int row = RowOf(f, a_);
  ASSERT_GE(row, 0);
  EXPECT_EQ(f.age[row], 83);
  EXPECT_EQ(f.practice[row], p1_);
  EXPECT_EQ(f.registers[row], 1u << static_cast<int>(Condition::kHeartFailure));
  EXPECT_EQ(f.Count(row, RiskCount::kEmergency), 2);
  EXPECT_EQ(f.Count(row, RiskCount::kRecentEmergency), 1);
  EXPECT_EQ(f.Count(row, RiskCount::kEmergencyYearBefore), 1);
  EXPECT_EQ(f.Count(row, RiskCount::kBedDays), 10);
  EXPECT_EQ(f.Count(row, RiskCount::kAe), 1);
  EXPECT_EQ(f.Count(row, RiskCount::kGp), 3);
  EXPECT_EQ(f.Count(row, RiskCount::kPrescriptionItems), 2);
  EXPECT_EQ(f.Count(row, RiskCount::kOutpatientFirst), 0);

  // Heart failure (I50.0) and COPD (J44.1, coded in 2022 and 2023) among the Charlson conditions.
  std::vector<std::string> names;
  for (uint16_t column : ActiveRiskColumns(f, row)) names.push_back(RiskColumns()[column].name);
  EXPECT_EQ(names, (std::vector<std::string>{
                       "age_sex:F_80-84", "imd:quintile_3", "register:heart_failure",
                       "charlson:chf", "charlson:chronic_pulmonary", "emergency_12m:2",
                       "emergency_13_24m:1", "emergency_3m:1+", "ae_12m:1", "bed_days_12m:7-20",
                       "gp_12m:3-5", "prescription_items_12m:1-9"}));
  EXPECT_EQ(RiskFactorWords(f, row, FindRiskColumn("emergency_12m:2")),
            "2 emergency admissions in the last 12 months");
  EXPECT_EQ(RiskFactorWords(f, row, FindRiskColumn("emergency_3m:1+")),
            "an emergency admission in the last 3 months");
  EXPECT_EQ(RiskFactorWords(f, row, FindRiskColumn("bed_days_12m:7-20")),
            "10 days in hospital in the last 12 months");
  EXPECT_EQ(RiskFactorWords(f, row, FindRiskColumn("register:heart_failure")), "heart failure");
  EXPECT_EQ(RiskFactorWords(f, row, FindRiskColumn("age_sex:F_80-84")), "aged 83");

  const int b = RowOf(f, b_);
  names.clear();
  for (uint16_t column : ActiveRiskColumns(f, b)) names.push_back(RiskColumns()[column].name);
  // A man of 44 in quintile 3, new to the list, with nothing else.
  EXPECT_EQ(names, (std::vector<std::string>{"age_sex:M_35-44", "imd:quintile_3", "new_to_list"}));
}

TEST(RiskColumns, CatalogueNamesAreUniqueAndTheReferenceIsLeftOut) {
  const auto& columns = RiskColumns();
  for (size_t i = 0; i < columns.size(); ++i) {
    EXPECT_EQ(FindRiskColumn(columns[i].name), static_cast<int>(i)) << columns[i].name;
  }
  EXPECT_EQ(FindRiskColumn("age_sex:M_25-34"), -1);
  EXPECT_EQ(FindRiskColumn("imd:quintile_5"), -1);
  EXPECT_EQ(RiskModelColumns(RiskColumnSet::kAgeSex, true).size(), 25u);
  EXPECT_EQ(RiskModelColumns(RiskColumnSet::kFull, true).size(),
            RiskModelColumns(RiskColumnSet::kFull, false).size() + 2);
  EXPECT_EQ(RiskColumns()[FindRiskColumn("emergency_12m:3+")].label,
            "3+ emergency admissions in the last 12 months");
}

// The factors of a hand-made model for the woman of 83: age (1.5), two admissions (1.2) and
// heart failure (0.8) raise her risk; three GP visits (0.05, an odds ratio below 1.1) and her
// deprivation quintile (negative) do not count.
TEST_F(RiskFixture, FactorsAreThePositiveContributionsLargestFirst) {
  const RiskFeatures f = Build();
  RiskModel model;
  for (const char* name : {"emergency_12m:2", "register:heart_failure", "age_sex:F_80-84",
                           "gp_12m:3-5", "imd:quintile_3"}) {
    model.columns.push_back(FindRiskColumn(name));
    model.logistic.column_names.push_back(name);
  }
  model.logistic.coefficient = {1.2, 0.8, 1.5, 0.05, -0.3};
  model.logistic.intercept = -4;
  const RiskScoring s = ScoreRiskModel(model, f);
  const int row = RowOf(f, a_);
  const double log_odds = -4 + 1.2 + 0.8 + 1.5 + 0.05 - 0.3;
  EXPECT_NEAR(s.scores.probability[row], 1 / (1 + std::exp(-log_odds)), 1e-6);
  const std::vector<RiskFactor> factors = TopRiskFactors(model, s.x, f, row);
  ASSERT_EQ(factors.size(), 3u);
  EXPECT_EQ(factors[0].words, "aged 83");
  EXPECT_EQ(factors[1].words, "2 emergency admissions in the last 12 months");
  EXPECT_EQ(factors[2].words, "heart failure");
  EXPECT_NEAR(factors[0].log_odds, 1.5, 1e-6);
  EXPECT_EQ(TopRiskFactors(model, s.x, f, row, 2).size(), 2u);
}

TEST(RiskPyramid, BandsAreCutOnTheIcoRanking) {
  // 200 patients, risk falling with the row, alternately at practices 7 and 9: the bands hold
  // ranks 0, 1, 2-9, 10-39 and 40-199.
  std::vector<double> probability;
  std::vector<uint32_t> practice;
  std::vector<uint8_t> outcome;
  for (int i = 0; i < 200; ++i) {
    probability.push_back((200 - i) / 1000.0);
    practice.push_back(i % 2 ? 9 : 7);
    outcome.push_back(i < 10 ? 1 : 0);
  }
  const RiskPyramid p = BuildRiskPyramid(probability, practice, outcome);
  const int64_t expected_counts[kRiskBands] = {1, 1, 8, 30, 160};
  for (int b = 0; b < kRiskBands; ++b) EXPECT_EQ(p.all.bands[b].patients, expected_counts[b]);
  EXPECT_NEAR(p.all.bands[0].expected, 0.2, 1e-12);
  EXPECT_NEAR(p.all.bands[2].expected, (198 + 191) * 8 / 2 / 1000.0, 1e-12);
  EXPECT_EQ(p.all.bands[2].observed, 8);
  EXPECT_EQ(p.all.bands[3].observed, 0);
  EXPECT_DOUBLE_EQ(p.lowest[1], 0.199);
  ASSERT_EQ(p.practices.size(), 2u);
  EXPECT_EQ(p.practices[0].practice, 7u);
  EXPECT_EQ(p.practices[0].bands[0].patients, 1);
  EXPECT_EQ(p.practices[0].bands[1].patients, 0);
  EXPECT_EQ(p.practices[1].bands[1].patients, 1);
  EXPECT_EQ(p.practices[1].bands[2].patients, 4);
  EXPECT_EQ(p.practices[1].bands[4].patients, 80);
  EXPECT_EQ(TopRanks(200, 0.5), 1);
  EXPECT_EQ(TopRanks(300, 0.5), 2);  // 1.5 rounds up
}

TEST(RiskModelFile, RoundTripsAndNamesWhatIsWrong) {
  RiskModel model;
  for (const char* name : {"emergency_12m:3+", "register:copd"}) {
    model.columns.push_back(FindRiskColumn(name));
    model.logistic.column_names.push_back(name);
  }
  model.logistic.coefficient = {1.75, 0.1234567891234};
  model.logistic.intercept = -3.5;
  model.source = "fitted on index day 2023-04-01 (outcome 2023-24)";
  const std::string text = FormatRiskModel(model);
  auto read = ParseRiskModel(text, "m.csv");
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(read->columns, model.columns);
  EXPECT_EQ(read->logistic.coefficient, model.logistic.coefficient);
  EXPECT_EQ(read->logistic.intercept, -3.5);
  EXPECT_EQ(read->source, model.source);

  auto twice = ParseRiskModel(text + "register:copd,1\n", "m.csv");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.status().message(),
            "m.csv line 7, field column: 'register:copd' appears twice (first on line 6)");
  auto unknown = ParseRiskModel("column,coefficient\nintercept,1\nregister:gout,2\n", "m.csv");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("line 3, field column: 'register:gout' is not"),
            std::string::npos)
      << unknown.status().message();
  auto no_intercept = ParseRiskModel("column,coefficient\nregister:copd,2\n", "m.csv");
  ASSERT_FALSE(no_intercept.ok());
  EXPECT_EQ(no_intercept.status().message(), "m.csv: no 'intercept' row; the model needs one");
  auto bad_number = ParseRiskModel("column,coefficient\nintercept,x\n", "m.csv");
  ASSERT_FALSE(bad_number.ok());
  EXPECT_EQ(bad_number.status().message(),
            "m.csv line 2, field coefficient: 'x' is not a number (log-odds)");
}

}  // namespace
}  // namespace continuum
