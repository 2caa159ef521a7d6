#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>

#include "engine/engine.h"
#include "finance/capitation_budget.h"
#include "finance/capitation_features.h"
#include "finance/capitation_model.h"
#include "finance/contract_outturn.h"
#include "generate/generated_ico.h"
#include "generate/test_folder.h"
#include "ingest/importer.h"

namespace continuum {
namespace {

namespace fs = std::filesystem;

// A tiny commissioner built column by column: ICO1 with practices P1 and P2, and control
// practice C1. Every patient is registered from 2000 with one practice.
class TinyPopulation {
 public:
  TinyPopulation() {
    AddOrg("COM", OrgKind::kCommissioner, Dictionary::kMissing);
    AddOrg("ICO1", OrgKind::kIco, 0);
    AddOrg("P1", OrgKind::kPractice, 1);
    AddOrg("P2", OrgKind::kPractice, 1);
    AddOrg("C1", OrgKind::kPractice, 0);
  }
  static constexpr uint32_t kP1 = 2, kP2 = 3, kC1 = 4;

  uint32_t AddPatient(const char* birth, Sex sex, int imd_decile, uint32_t practice) {
    PatientColumns& c = p_.patients;
    const auto patient = static_cast<uint32_t>(c.size());
    c.id.push_back(patient + 1);
    c.birth.push_back(*ParseDate(birth));
    c.sex.push_back(static_cast<uint8_t>(sex));
    c.imd_decile.push_back(static_cast<uint8_t>(imd_decile));
    c.lsoa.push_back(0);
    c.death.push_back(kNoDay);
    c.death_place.push_back(kNoCode);
    c.preferred_place.push_back(kNoCode);
    RegistrationColumns& r = p_.registrations;
    r.patient.push_back(patient);
    r.practice.push_back(practice);
    r.start.push_back(*ParseDate("2000-01-01"));
    r.end.push_back(kNoDay);
    r.start_reason.push_back(kNoCode);
    r.end_reason.push_back(kNoCode);
    return patient;
  }
  void AddCondition(uint32_t patient, Condition condition, const char* onset,
                    const char* resolved = nullptr) {
    p_.conditions.patient.push_back(patient);
    p_.conditions.condition.push_back(static_cast<uint8_t>(condition));
    p_.conditions.onset.push_back(*ParseDate(onset));
    p_.conditions.resolved.push_back(resolved ? *ParseDate(resolved) : kNoDay);
  }
  // `pounds` < 0 adds an event that is not costed.
  void AddEvent(uint32_t patient, const char* day, Setting setting, double pounds) {
    EventColumns& e = p_.events;
    e.id.push_back(static_cast<int64_t>(e.size()) + 1);
    e.patient.push_back(patient);
    e.day.push_back(*ParseDate(day));
    e.setting.push_back(static_cast<uint8_t>(setting));
    e.cost.push_back(pounds < 0 ? kNoCost : static_cast<int32_t>(std::llround(pounds * 100)));
  }
  const Population& Build() {
    PatientColumns& c = p_.patients;
    c.first_registration.resize(c.size() + 1);
    for (uint32_t i = 0; i <= c.size(); ++i) c.first_registration[i] = i;
    EventColumns& e = p_.events;
    e.first_day = *std::min_element(e.day.begin(), e.day.end());
    e.last_day = *std::max_element(e.day.begin(), e.day.end());
    return p_;
  }

 private:
  void AddOrg(const char* id, OrgKind kind, uint32_t parent) {
    p_.organisations.ids.Intern(id);
    p_.organisations.name.push_back(std::string("Organisation ") + id);
    p_.organisations.kind.push_back(static_cast<uint8_t>(kind));
    p_.organisations.parent.push_back(parent);
  }
  Population p_;
};

// R² = 1 - SSE/SST, written out here independently of the production code.
double NaiveR2(const std::vector<double>& actual, const std::vector<double>& predicted,
               const std::vector<double>& weight) {
  double wsum = 0, mean = 0;
  for (size_t i = 0; i < actual.size(); ++i) {
    wsum += weight[i];
    mean += weight[i] * actual[i];
  }
  mean /= wsum;
  double sse = 0, sst = 0;
  for (size_t i = 0; i < actual.size(); ++i) {
    sse += weight[i] * std::pow(actual[i] - predicted[i], 2);
    sst += weight[i] * std::pow(actual[i] - mean, 2);
  }
  return 1 - sse / sst;
}

// Men and women aged 30 on 1 April 2024 with costs in 2024-25: men £100 and £300, women £200,
// £400 and £900. Age-sex OLS is then the group means: intercept (men 25-34, the reference)
// £200, age_sex:F_25-34 £500 - £200 = £300. Overall mean £380: SST = 280² + 80² + 180² + 20² +
// 520² = 388,000; SSE = 100² + 100² + 300² + 100² + 400² = 280,000; R² = 1 - 280/388.
TEST(Capitation, AgeSexFitIsTheGroupMeans) {
  TinyPopulation tiny;
  const double costs[] = {100, 300, 200, 400, 900};
  for (int i = 0; i < 5; ++i) {
    const uint32_t patient =
        tiny.AddPatient("1994-01-01", i < 2 ? Sex::kMale : Sex::kFemale, 5, TinyPopulation::kP1);
    tiny.AddEvent(patient, "2024-06-01", Setting::kGp, costs[i]);
  }
  const Population& p = tiny.Build();
  const CapitationFeatures f = BuildCapitationFeatures(p, p.events.cost, 2024);
  ASSERT_EQ(f.size(), 5u);
  auto model = FitCapitationModel(f, CapitationModelKind::kAgeSex);
  ASSERT_TRUE(model.ok()) << model.status().message();
  EXPECT_NEAR(model->coefficient[kInterceptTerm], 200, 1e-9);
  EXPECT_NEAR(model->coefficient[FindCapitationTerm("age_sex:F_25-34")], 300, 1e-9);
  EXPECT_EQ(model->coefficient[FindCapitationTerm("age_sex:F_85+")], 0);
  EXPECT_NEAR(model->fit_r2, 1 - 280000.0 / 388000.0, 1e-12);
  std::vector<double> actual(costs, costs + 5), predicted{200, 200, 500, 500, 500};
  EXPECT_NEAR(model->fit_r2, NaiveR2(actual, predicted, std::vector<double>(5, 1)), 1e-12);
}

// Cells whose mean costs are exactly additive (each a pair of ±£50 around the cell mean), so
// OLS recovers the additive effects: men 25-34 £200, women +£300, diabetes +£1,000, one
// emergency admission the year before +£700. Conditions that start after 1 April or were
// resolved before it do not count.
class AdditiveCells : public testing::Test {
 protected:
  void SetUp() override {
    auto add = [&](Sex sex, bool diabetes, bool emergency, double cost, uint32_t practice) {
      const uint32_t patient = tiny_.AddPatient("1990-05-05", sex, 10, practice);
      if (diabetes) tiny_.AddCondition(patient, Condition::kDiabetes, "2020-01-01");
      if (emergency) tiny_.AddEvent(patient, "2023-11-11", Setting::kEmergency, 2500);
      tiny_.AddEvent(patient, "2024-04-01", Setting::kGp, cost);
      tiny_.AddEvent(patient, "2025-03-31", Setting::kCommunity, -1);  // not costed
    };
    for (double noise : {-50.0, 50.0}) {
      add(Sex::kMale, false, false, 200 + noise, TinyPopulation::kP1);
      add(Sex::kFemale, false, false, 500 + noise, TinyPopulation::kP2);
      add(Sex::kMale, true, false, 1200 + noise, TinyPopulation::kP2);
      add(Sex::kFemale, true, false, 1500 + noise, TinyPopulation::kC1);
      add(Sex::kMale, false, true, 900 + noise, TinyPopulation::kC1);
    }
    tiny_.AddCondition(0, Condition::kAsthma, "2024-04-02");              // after 1 April
    tiny_.AddCondition(0, Condition::kCopd, "2019-01-01", "2024-04-01");  // resolved by then
    const Population& p = tiny_.Build();
    features_ = BuildCapitationFeatures(p, p.events.cost, 2024);
  }
  TinyPopulation tiny_;
  CapitationFeatures features_;
};

TEST_F(AdditiveCells, FeaturesAndTarget) {
  ASSERT_EQ(features_.size(), 10u);
  EXPECT_EQ(features_.conditions[0], 0);
  EXPECT_EQ(features_.conditions[2], 1u << static_cast<int>(Condition::kDiabetes));
  EXPECT_EQ(features_.prior[4], 1u << static_cast<int>(PriorMarker::kEmergency1));
  EXPECT_EQ(features_.cost[0], 15000);  // the 2023 admission is not in the target year
  EXPECT_EQ(features_.cost[4], 85000);
  EXPECT_EQ(features_.uncosted_events, 10);
  EXPECT_EQ(features_.imd_quintile[0], 5);
}

TEST_F(AdditiveCells, FullFitRecoversTheEffects) {
  auto model = FitCapitationModel(features_, CapitationModelKind::kFull);
  ASSERT_TRUE(model.ok());
  EXPECT_NEAR(model->coefficient[kInterceptTerm], 200, 1e-6);
  EXPECT_NEAR(model->coefficient[FindCapitationTerm("age_sex:F_25-34")], 300, 1e-6);
  EXPECT_NEAR(model->coefficient[FindCapitationTerm("condition:diabetes")], 1000, 1e-6);
  EXPECT_NEAR(model->coefficient[FindCapitationTerm("prior:emergency_1")], 700, 1e-6);
  EXPECT_EQ(model->coefficient[FindCapitationTerm("condition:asthma")], 0);
  EXPECT_EQ(model->dropped.size(), static_cast<size_t>(kTermCount - 4));
  // Every residual is ±£50: SSE = 10 × 50²; the costs' mean is £860.
  std::vector<double> actual, predicted;
  for (double noise : {-50.0, 50.0}) {
    for (double mean : {200.0, 500.0, 1200.0, 1500.0, 900.0}) {
      actual.push_back(mean + noise);
      predicted.push_back(mean);
    }
  }
  EXPECT_NEAR(model->fit_r2, NaiveR2(actual, predicted, std::vector<double>(10, 1)), 1e-9);
}

TEST_F(AdditiveCells, ValidationFiguresMatchTheirDefinitions) {
  // A model that misses: £300 for everyone but women (£400). Practices (per head, weighted by
  // list size, predictions scaled to the actual total): P1 has the two men at £200 each, P2 four
  // people, C1 four.
  CapitationModel model;
  model.kind = CapitationModelKind::kAgeSex;
  model.coefficient[kInterceptTerm] = 300;
  model.coefficient[FindCapitationTerm("age_sex:F_25-34")] = 100;
  const CapitationValidation v = ValidateCapitationModel(model, features_);
  std::vector<double> actual, predicted;
  for (size_t row = 0; row < features_.size(); ++row) {
    actual.push_back(features_.cost[row] / 100.0);
    predicted.push_back(features_.age_sex[row] < kAgeBandCount ? 400 : 300);
  }
  EXPECT_NEAR(v.person_r2, NaiveR2(actual, predicted, std::vector<double>(10, 1)), 1e-12);
  // By practice: P1 {200, 200} vs {300, 300}; P2 {500, 1200, 500, 1200} (noise cancels) vs
  // {400, 300, 400, 300}; C1 {1500, 900, 1500, 900} vs {400, 300, 400, 300}.
  const double scale = 8600.0 / (600 + 1400 + 1400);
  const std::vector<double> practice_actual{200, 850, 1200};
  const std::vector<double> practice_predicted{300 * scale, 350 * scale, 350 * scale};
  EXPECT_NEAR(v.practice_r2, NaiveR2(practice_actual, practice_predicted, {2, 4, 4}), 1e-12);
  EXPECT_EQ(v.practices, 3);
  // 300 × 2.53 = 758.8 vs 200; 885.3 vs 850 (4% off); 885.3 vs 1200.
  EXPECT_EQ(v.practices_off_by_10_percent, 2);
}

TEST_F(AdditiveCells, BudgetSharesSumToAllocation) {
  auto model = FitCapitationModel(features_, CapitationModelKind::kFull);
  ASSERT_TRUE(model.ok());
  const Population& p = tiny_.Build();
  BudgetOptions options{.year = 2024, .basis = AllocationBasis::kTotal, .amount = 1'000'000'01};
  auto budget = SetCapitationBudget(p, features_, *model, options);
  ASSERT_TRUE(budget.ok()) << budget.status().message();
  ASSERT_EQ(budget->groups.size(), 2u);
  EXPECT_TRUE(budget->groups[0].ico);
  EXPECT_EQ(budget->groups[0].total.id, "ICO1");
  EXPECT_EQ(budget->groups[1].total.id, "control");
  Pence sum = 0;
  for (const BudgetGroup& g : budget->groups) {
    Pence group = 0;
    for (const BudgetLine& line : g.practices) group += line.budget;
    EXPECT_EQ(group, g.total.budget);
    sum += group;
  }
  EXPECT_EQ(sum, 1'000'000'01);
  EXPECT_EQ(budget->all.budget, 1'000'000'01);
  // Needs: P1 2 × £200, P2 £1,000 + £2,400, C1 £3,000 + £1,800; £8,600 in all. The ICO holds
  // 3,800/8,600 of the allocation (quota 44,186,046.93p) and C1 4,800/8,600 (55,813,954.07p):
  // the floors leave a penny, which goes to the larger fraction, the ICO's. P1 has 400/3,800
  // of ICO1's share.
  const Pence ico = budget->groups[0].total.budget;
  EXPECT_EQ(ico, 44186047);
  EXPECT_EQ(budget->groups[1].practices[0].budget, 55813954);
  EXPECT_NEAR(budget->groups[0].practices[0].budget, ico * 400.0 / 3800, 1.0);
  // Weighted heads: P1's mean need £200 against £860 overall.
  EXPECT_NEAR(budget->groups[0].practices[0].weighted_heads, 2 * 200.0 / 860, 1e-9);
  EXPECT_NEAR(budget->groups[0].practices[0].PerWeightedHead(), 100000001 / 10.0, 3.0);

  options = {.year = 2024, .basis = AllocationBasis::kPerHead, .amount = 150000};
  budget = SetCapitationBudget(p, p.events.cost, *model, options);
  ASSERT_TRUE(budget.ok());
  EXPECT_EQ(budget->all.budget, 10 * 150000);
  options = {.year = 2024};
  budget = SetCapitationBudget(p, p.events.cost, *model, options);
  ASSERT_TRUE(budget.ok());
  EXPECT_EQ(budget->all.budget, 860000);
  EXPECT_EQ(budget->all.actual, 860000);
}

// Budgets follow membership on the list day (1 April): P2 was ICO1's member until 31 March
// 2024 and then no ICO's, so the 2024-25 budget holds it among the control practices, and the
// ICO's heads are P1's alone.
TEST_F(AdditiveCells, BudgetGroupsFollowMembershipOnTheListDay) {
  auto model = FitCapitationModel(features_, CapitationModelKind::kFull);
  ASSERT_TRUE(model.ok());
  Population p = tiny_.Build();
  MembershipColumns& m = p.memberships;
  const auto add = [&](uint32_t practice, const char* start, const char* end) {
    m.practice.push_back(practice);
    m.ico.push_back(1);  // ICO1
    m.start.push_back(*ParseDate(start));
    m.end.push_back(end ? *ParseDate(end) : kNoDay);
  };
  add(TinyPopulation::kP1, "2000-01-01", nullptr);
  add(TinyPopulation::kP2, "2000-01-01", "2024-03-31");
  // Offsets by organisation: COM, ICO1 and P1's row start at 0; P2's at 1; C1's at 2.
  m.first_membership = {0, 0, 0, 1, 2, 2};
  BudgetOptions options{.year = 2024, .basis = AllocationBasis::kPerHead, .amount = 150000};
  auto budget = SetCapitationBudget(p, features_, *model, options);
  ASSERT_TRUE(budget.ok()) << budget.status().message();
  ASSERT_EQ(budget->groups.size(), 2u);
  EXPECT_EQ(budget->groups[0].total.id, "ICO1");
  ASSERT_EQ(budget->groups[0].practices.size(), 1u);
  EXPECT_EQ(budget->groups[0].practices[0].id, "P1");
  EXPECT_EQ(budget->groups[0].total.heads, 2);
  ASSERT_EQ(budget->groups[1].practices.size(), 2u);
  EXPECT_EQ(budget->groups[1].practices[0].id, "P2");
  // The day before, P2 was still a member: the list day decides, not the last day of data.
  m.end[1] = *ParseDate("2024-04-01");
  budget = SetCapitationBudget(p, features_, *model, options);
  ASSERT_TRUE(budget.ok());
  EXPECT_EQ(budget->groups[0].practices.size(), 2u);
}

TEST_F(AdditiveCells, CoefficientsFileRoundTrips) {
  auto model = FitCapitationModel(features_, CapitationModelKind::kFull);
  ASSERT_TRUE(model.ok());
  model->coefficient[FindCapitationTerm("imd:quintile_2")] = 1.0 / 3;  // not short in decimal
  const std::string path = testing::TempDir() + "/capitation_" + std::to_string(getpid()) + ".csv";
  ASSERT_TRUE(WriteCapitationModel(*model, path).ok());
  auto read = ReadCapitationModel(path);
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(read->kind, CapitationModelKind::kFull);
  EXPECT_EQ(read->source, "fitted on 2024-25 (features from 2023-24)");
  EXPECT_EQ(read->coefficient, model->coefficient);
  fs::remove(path);
}

// A file in the published style: every term of the model, most of them 0.
std::string PublishedFile(const std::map<std::string, std::string>& values,
                          const std::string& kind = "full") {
  std::string text = "# A published formula\n# model: " + kind + "\n# source: published\n";
  text += "term,coefficient\n";
  for (int t = 0; t < kTermCount; ++t) {
    if (!ModelHasTerm(kind == "full" ? CapitationModelKind::kFull : CapitationModelKind::kAgeSex,
                      t)) {
      continue;
    }
    const std::string& name = CapitationTermNames()[t];
    text += name + "," + (values.count(name) ? values.at(name) : "0") + "\n";
  }
  return text;
}

TEST(Capitation, PublishedCoefficientsGiveTheHandWorkedPrediction) {
  // A woman of 90 with diabetes, two emergency admissions and 5 outpatient attendances last
  // year, in IMD decile 2: £150 + £1,200 + £400.50 + £2,000 + £60 + £75 = £3,885.50.
  TinyPopulation tiny;
  const uint32_t patient = tiny.AddPatient("1934-02-02", Sex::kFemale, 2, TinyPopulation::kP1);
  tiny.AddCondition(patient, Condition::kDiabetes, "2010-01-01");
  tiny.AddEvent(patient, "2023-05-01", Setting::kEmergency, 3000);
  tiny.AddEvent(patient, "2024-03-31", Setting::kEmergency, 3000);
  for (int i = 0; i < 5; ++i)
    tiny.AddEvent(patient, "2023-07-01", Setting::kOutpatientFollowUp, 100);
  tiny.AddEvent(patient, "2024-05-01", Setting::kGp, 39);
  const Population& p = tiny.Build();
  const CapitationFeatures f = BuildCapitationFeatures(p, p.events.cost, 2024);
  auto model = ParseCapitationModel(PublishedFile({{"intercept", "150"},
                                                   {"age_sex:F_85+", "1200"},
                                                   {"condition:diabetes", "400.50"},
                                                   {"prior:emergency_2+", "2000"},
                                                   {"prior:outpatient_4+", "60"},
                                                   {"prior:outpatient_1-3", "30"},
                                                   {"imd:quintile_1", "75"}}),
                                    "published.csv");
  ASSERT_TRUE(model.ok()) << model.status().message();
  EXPECT_EQ(model->source, "published");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_DOUBLE_EQ(model->Predict(f, 0), 388550);
  auto budget = SetCapitationBudget(p, f, *model, {.year = 2024});
  ASSERT_TRUE(budget.ok());
  EXPECT_EQ(budget->all.budget, 388550);
}

TEST(Capitation, BadCoefficientFilesSayWhereAndWhy) {
  auto message = [](const std::string& text) {
    auto model = ParseCapitationModel(text, "model.csv");
    EXPECT_FALSE(model.ok());
    return model.ok() ? std::string() : model.status().message();
  };
  std::string text = PublishedFile({});
  const std::string good = text;
  // Lines: 1-3 comments, 4 header, 5 intercept, 6 age_sex:F_0-4, ...
  text.replace(text.find("condition:diabetes"), 18, "condition:diabetis");
  EXPECT_EQ(message(text), "model.csv line " +
                               std::to_string(5 + FindCapitationTerm("condition:diabetes")) +
                               ", field term: 'condition:diabetis' is not a capitation term");
  text = good;
  text.replace(text.find("intercept,0"), 11, "intercept,12.5x");
  EXPECT_EQ(message(text),
            "model.csv line 5, field coefficient: '12.5x' is not a number of pounds");
  text = good;
  text.replace(text.find("intercept,0"), 11, "intercept,");
  EXPECT_EQ(message(text), "model.csv line 5, field coefficient: '' is not a number of pounds");
  text = good;
  text.replace(text.find("intercept,0"), 11, "intercept,1,2");
  EXPECT_EQ(message(text), "model.csv line 5: expected 2 fields (term,coefficient), found 3");
  text = good;
  text.replace(text.find("imd:quintile_1,0\n"), 17, "");
  EXPECT_EQ(message(text),
            "model.csv: term 'imd:quintile_1' of the full model is missing; every term must be "
            "given (write 0 for a term that adds nothing)");
  text = good + "intercept,4\n";
  EXPECT_EQ(message(text), "model.csv line " + std::to_string(5 + kTermCount) +
                               ", field term: 'intercept' appears twice (first on line 5)");
  text = good;
  text.replace(text.find("# model: full\n"), 14, "");
  EXPECT_EQ(message(text),
            "model.csv line 3: no '# model:' line before the header; say which terms the file "
            "holds with '# model: age_sex' or '# model: full'");
  text = good;
  text.replace(text.find("# model: full"), 13, "# model: fancy");
  EXPECT_EQ(message(text),
            "model.csv line 2, field model: 'fancy' is not a model (age_sex or full)");
  EXPECT_EQ(message(PublishedFile({}, "age_sex") + "condition:copd,3\n"),
            "model.csv line " + std::to_string(5 + kAgeSexTerms + 1) +
                ", field term: 'condition:copd' is not a term of the age_sex model");
  EXPECT_EQ(message("# model: full\nintercept,3\n"),
            "model.csv line 2: expected the header 'term,coefficient', found 'intercept,3'");
  EXPECT_EQ(message("# model: full\n"), "model.csv: no 'term,coefficient' header line");
  auto missing = ReadCapitationModel(testing::TempDir() + "/no_such_model.csv");
  EXPECT_FALSE(missing.ok());
}

// A generated ICO: with conditions, prior use and deprivation the model predicts the next
// year better than age and sex alone, for people and for practices.
TEST(Capitation, FullModelBeatsAgeSexOnAGeneratedIco) {
  const fs::path dir = TestFolder("capitation");
  GeneratorOptions options;
  options.patients = 30000;
  options.practices = 12;
  options.control_practices = 4;
  options.years = 3;
  options.seed = 5;
  auto generated = GenerateAndLoad(dir.string(), options);
  ASSERT_TRUE(generated.ok()) << generated.status().message();
  const Population& p = (*generated)->population();
  const CapitationFeatures fit = BuildCapitationFeatures(p, p.events.cost, 2023);
  const CapitationFeatures validate = BuildCapitationFeatures(p, p.events.cost, 2024);
  EXPECT_TRUE(fit.prior_year_complete && validate.target_year_complete);
  auto age_sex = FitCapitationModel(fit, CapitationModelKind::kAgeSex);
  auto full = FitCapitationModel(fit, CapitationModelKind::kFull);
  ASSERT_TRUE(age_sex.ok() && full.ok());
  const CapitationValidation a = ValidateCapitationModel(*age_sex, validate);
  const CapitationValidation b = ValidateCapitationModel(*full, validate);
  EXPECT_GT(b.person_r2, a.person_r2);
  EXPECT_GT(b.practice_r2, a.practice_r2);
  EXPECT_GT(a.person_r2, 0);
  // A person's cost is far less predictable than their risk: the published full model explains
  // 12% of it (Dixon et al. 2011), and generated ICOs of this size about 14-20%.
  EXPECT_LT(b.person_r2, 0.25);
  EXPECT_EQ(a.practices, 16);

  // Several years from one reading of the events are each year's on its own, uncosted events
  // (every 97th) counted alike.
  std::vector<int32_t> cost(p.events.cost.begin(), p.events.cost.end());
  for (size_t k = 0; k < cost.size(); k += 97) cost[k] = -1;
  const std::vector<CapitationFeatures> years =
      BuildCapitationFeaturesForYears(p, cost, 2022, 2024);
  ASSERT_EQ(years.size(), 3u);
  for (int y = 2022; y <= 2024; ++y) {
    const CapitationFeatures one = BuildCapitationFeatures(p, cost, y);
    const CapitationFeatures& many = years[y - 2022];
    EXPECT_EQ(many.patient, one.patient) << y;
    EXPECT_EQ(many.age, one.age) << y;
    EXPECT_EQ(many.conditions, one.conditions) << y;
    EXPECT_EQ(many.prior, one.prior) << y;
    EXPECT_EQ(many.cost, one.cost) << y;
    EXPECT_EQ(many.uncosted_events, one.uncosted_events) << y;
    EXPECT_EQ(many.prior_uncosted_events, one.prior_uncosted_events) << y;
    EXPECT_EQ(many.prior_year_complete, one.prior_year_complete) << y;
    EXPECT_GT(one.uncosted_events, 0) << y;
  }

  // Contracts' budgets set together: one fit serves the contracts asking the same of it, and each
  // budget is exactly the one set on its own.
  const int year = LastCompleteFinancialYear(p.events);
  auto contract = [&](ContractBudget::Basis basis, Pence amount) {
    Contract c;
    c.ico = "ZICO1";
    c.start = FinancialYearStart(year);
    c.end = FinancialYearStart(year + 1) - 1;
    c.budget = {.basis = basis, .amount = amount};
    return c;
  };
  const Contract per_head = contract(ContractBudget::Basis::kCapitation, 150'000), again = per_head,
                 richer = contract(ContractBudget::Basis::kCapitation, 300'000),
                 fixed = contract(ContractBudget::Basis::kFixed, 9'000'000'000);
  const Contract* all[] = {&per_head, &fixed, &richer, &again};
  const std::vector<Result<ResolvedBudget>> together =
      ResolveContractBudgets(all, p, p.events.cost);
  ASSERT_EQ(together.size(), 4u);
  for (size_t c = 0; c < 4; ++c) {
    const Result<ResolvedBudget> alone = ResolveContractBudget(*all[c], p, p.events.cost);
    ASSERT_TRUE(alone.ok() && together[c].ok()) << alone.status().message();
    EXPECT_EQ(together[c]->amount, alone->amount) << c;
    EXPECT_EQ(together[c]->capitation, alone->capitation) << c;
    EXPECT_EQ(together[c]->heads, alone->heads) << c;
    EXPECT_EQ(together[c]->weighted_heads, alone->weighted_heads) << c;
    EXPECT_EQ(together[c]->practices, alone->practices) << c;
  }
  EXPECT_EQ(together[1]->amount, 9'000'000'000);
  EXPECT_GT(together[0]->heads, 0);
  EXPECT_EQ(together[0]->amount, together[3]->amount);
  // Twice the envelope a head, about twice the budget (each practice's share is rounded).
  EXPECT_NEAR(static_cast<double>(together[2]->amount) / together[0]->amount, 2.0, 1e-6);
}

}  // namespace
}  // namespace continuum
