// Each selection measure worked by hand on a small commissioner: one ICO (practice P1) and two
// control practices (Q1, Q2), 1,000 patients each side on 1 April 2022, all women born in 1950
// in IMD decile 5, a tenth of them diabetic. In 2022-23 a diabetic costs £1,000 and anyone else
// £100 (the ICO's leavers-to-be more), so the capitation model fitted on it predicts each group's
// mean cost, and on 1 April 2023 the diabetics are exactly the top tenth of need. In 2023-24 the
// ICO removes 20 of its diabetics and 18 others, the control practices 5 and 45; 40 patients
// join each side, none of the ICO's and 8 of the controls' diabetic; 50 of the ICO's stayers and
// 20 of the controls' are newly recorded with hypertension. 30 of the ICO's patients have social
// care in 2022-23 and 60 in 2023-24, against 40 and 44 of the controls'; 10 of the ICO's
// diabetics are excepted from diabetes care in 2022-23 and 25 in 2023-24, against 10 and 12 of the
// controls'. Every expected figure below is worked from those numbers alone.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "finance/finance_fixture.h"
#include "selection/selection_report.h"

namespace continuum {
namespace {

constexpr double kZ95 = 1.959963984540054;

struct Commissioner {
  FinanceFixture f;
  const Population* p = nullptr;
};

// One base patient: registered from 2020, diabetic or not, costing `cost` in 2022-23; removed
// on 2023-09-01 when `removed`.
uint32_t Base(FinanceFixture& f, const char* practice, bool diabetic, double cost, bool removed) {
  const uint32_t patient = f.Patient(practice, "2020-01-01", removed ? "2023-09-01" : "");
  if (removed) f.population.registrations.end_reason.back() = uint8_t(RegistrationEnd::kRemoval);
  if (diabetic) f.Register(patient, Condition::kDiabetes, "2015-01-01");
  f.Event(patient, "2022-06-01", Setting::kGp, practice, cost);
  return patient;
}

// A patient who moved in on 2022-10-01.
uint32_t Joiner(FinanceFixture& f, const char* practice, bool diabetic) {
  const uint32_t patient = f.Patient(practice, "2022-10-01");
  f.population.registrations.start_reason.back() = uint8_t(RegistrationStart::kMoveIn);
  if (diabetic) f.Register(patient, Condition::kDiabetes, "2015-01-01");
  return patient;
}

// Activity in the settings outside the budget, at no cost (so that no other measure moves):
// patients 200 .. 200 + before - 1 of a practice in 2022-23, 200 .. 200 + now - 1 in 2023-24 (the
// last of them end-of-life care rather than social care); patient 300 a mental health contact,
// which is inside the budget.
void OutsideBudget(FinanceFixture& f, uint32_t patient, const char* practice, int k, int before,
                   int now) {
  if (k >= 200 && k < 200 + before)
    f.Event(patient, "2022-08-01", Setting::kSocialCare, practice, 0);
  if (k >= 200 && k < 200 + now) {
    const Setting s = k == 200 + now - 1 ? Setting::kEndOfLife : Setting::kSocialCare;
    f.Event(patient, "2023-08-01", s, practice, 0);
    f.Event(patient, "2023-09-01", s, practice, 0);  // counted once
  }
  if (k == 300) f.Event(patient, "2023-08-01", Setting::kMentalHealth, practice, 0);
}

// A personalised care adjustment excepting the patient from a condition's indicators.
void Adjust(FinanceFixture& f, uint32_t patient, const char* day, Condition condition) {
  f.Observe(patient, day, ObservationKind::kCareAdjustment, static_cast<float>(condition));
}

const Commissioner& Fixture() {
  static Commissioner* c = [] {
    auto* c = new Commissioner;
    FinanceFixture& f = c->f;
    f.Organisation("C", OrgKind::kCommissioner);
    f.Organisation("I", OrgKind::kIco, "C");
    f.Organisation("P1", OrgKind::kPractice, "I");
    f.Organisation("Q1", OrgKind::kPractice, "C");
    f.Organisation("Q2", OrgKind::kPractice, "C");
    int hypertension_ico = 0;
    // The ICO: 100 diabetics (20 removed, costing £1,400), 900 others (18 removed, £160).
    for (int k = 0; k < 1000; ++k) {
      const bool diabetic = k < 100;
      const bool removed = diabetic ? k < 20 : k < 118;
      const uint32_t patient = Base(
          f, "P1", diabetic, removed ? (diabetic ? 1400 : 160) : (diabetic ? 1000 : 100), removed);
      OutsideBudget(f, patient, "P1", k, 30, 60);
      if (k >= 50 && k < 60) Adjust(f, patient, "2022-09-01", Condition::kDiabetes);
      if (k >= 50 && k < 75) Adjust(f, patient, "2023-09-01", Condition::kDiabetes);
      if (k == 80) Adjust(f, patient, "2023-09-01", Condition::kHypertension);  // not on it
      if (!diabetic && !removed && hypertension_ico < 50) {
        f.Register(patient, Condition::kHypertension, "2023-10-01");
        ++hypertension_ico;
      }
    }
    // Control practices: 500 each, 50 diabetic; Q1 removes 5 diabetics and 20 others, Q2 25
    // others; 20 of Q1's staying others are recorded with hypertension.
    for (const char* practice : {"Q1", "Q2"}) {
      const bool q1 = std::string(practice) == "Q1";
      for (int k = 0; k < 500; ++k) {
        const bool diabetic = k < 50;
        const bool removed = q1 ? (k < 5 || (k >= 50 && k < 70)) : (k >= 50 && k < 75);
        const uint32_t patient = Base(f, practice, diabetic, diabetic ? 1000 : 100, removed);
        OutsideBudget(f, patient, practice, k, 20, 22);
        if (k >= 10 && k < 15) Adjust(f, patient, "2022-09-01", Condition::kDiabetes);
        if (k >= 10 && k < 16) Adjust(f, patient, "2023-09-01", Condition::kDiabetes);
        if (q1 && k >= 100 && k < 120) f.Register(patient, Condition::kHypertension, "2023-10-01");
      }
    }
    for (int k = 0; k < 40; ++k) Joiner(f, "P1", false);
    for (int k = 0; k < 20; ++k) Joiner(f, "Q1", k < 4);
    for (int k = 0; k < 20; ++k) Joiner(f, "Q2", k < 4);
    // Activity from the first day of 2022-23 to the last of 2023-24, so that both are whole.
    f.Event(0, "2022-04-01", Setting::kGp, "P1", 0);
    f.Event(0, "2024-03-31", Setting::kGp, "P1", 0);
    c->p = &f.Finish();
    return c;
  }();
  return *c;
}

const SelectionReport& Report() {
  static const SelectionReport report = [] {
    auto r = RunSelection(*Fixture().p, Fixture().p->events.cost, {});
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : SelectionReport{};
  }();
  return report;
}

const SelectionMeasure& Measure(const std::string& name) {
  for (const SelectionMeasure& m : Report().measures) {
    if (m.measure == name) return m;
  }
  ADD_FAILURE() << name;
  static const SelectionMeasure none;
  return none;
}

// The one-sided p-value of log_ratio / se in the adverse direction.
double OneSided(double log_ratio, double se, bool higher) {
  const double z = log_ratio / se;
  return 0.5 * std::erfc((higher ? z : -z) / std::sqrt(2.0));
}

void ExpectRatio(const SelectionMeasure& m, double log_ratio, double variance, bool higher) {
  ASSERT_TRUE(m.estimated()) << m.measure << ": " << m.not_estimated;
  const double se = std::sqrt(variance);
  EXPECT_NEAR(m.effect, std::exp(log_ratio), 1e-9 * std::exp(log_ratio)) << m.measure;
  EXPECT_NEAR(m.ci_low, std::exp(log_ratio - kZ95 * se), 1e-9) << m.measure;
  EXPECT_NEAR(m.ci_high, std::exp(log_ratio + kZ95 * se), 1e-9) << m.measure;
  EXPECT_NEAR(m.p_value, OneSided(log_ratio, se, higher), 1e-12) << m.measure;
}

// A share that changed (share_change.h), worked from its counts: a of n in the ICO that year and
// the year before, then the same at the control practices.
struct Share {
  double a, n;
};
void ExpectShareChange(const SelectionMeasure& m, Share now, Share before, Share control_now,
                       Share control_before) {
  const double log_ratio = std::log(now.a / now.n) - std::log(before.a / before.n) -
                           std::log(control_now.a / control_now.n) +
                           std::log(control_before.a / control_before.n);
  double variance = 0;
  for (const Share& s : {now, before, control_now, control_before}) variance += 1 / s.a - 1 / s.n;
  ExpectRatio(m, log_ratio, variance, true);
  EXPECT_EQ(m.observed, now.a);
  EXPECT_NEAR(m.expected,
              now.n * (before.a / before.n) * (control_now.a / control_now.n) /
                  (control_before.a / control_before.n),
              1e-9);
  EXPECT_EQ(m.smallest_count, std::min({now.a, before.a, control_now.a, control_before.a}));
  EXPECT_EQ(m.concerned.patients, now.a);
  EXPECT_EQ(m.comparison.patients, now.n);
}

TEST(SelectionMeasures, MeasureTheYearAfterTheModelYear) {
  EXPECT_EQ(Report().first_year, 2023);
  EXPECT_EQ(Report().last_year, 2023);
}

TEST(SelectionMeasures, RemovalsOfTheTopNeedDecileAgainstControls) {
  // Top decile on 1 April 2023: the 208 diabetics of 2,080 (ICO 100 of 1,040; controls 108 of
  // 1,040). Removals: ICO 20 of 100 and 18 of 940; controls 5 of 108 and 45 of 932.
  const SelectionMeasure& m = Measure("removals_top_need");
  const double log_ratio = std::log(20.5 / 100.5) - std::log(18.5 / 940.5) - std::log(5.5 / 108.5) +
                           std::log(45.5 / 932.5);
  ExpectRatio(m, log_ratio, 1 / 20.5 + 1 / 18.5 + 1 / 5.5 + 1 / 45.5, true);
  EXPECT_EQ(m.observed, 20);
  EXPECT_NEAR(m.expected, 100 * (18.0 / 940) * (5.0 / 108) / (45.0 / 932), 1e-9);
  EXPECT_EQ(m.concerned.patients, 20);
  EXPECT_NEAR(m.concerned.mean_age, 73, 1e-9);
  EXPECT_NEAR(m.concerned.mean_conditions, 1, 1e-9);
  // By decile: the ICO's tenth decile is its diabetics.
  ASSERT_EQ(Report().ico_exits.size(), 1u);
  EXPECT_EQ(Report().ico_exits[0].patients[9], 100);
  EXPECT_EQ(Report().ico_exits[0].removals[9], 20);
  EXPECT_EQ(Report().control_exits[0].removals[9], 5);
  int64_t rest = 0;
  for (int k = 0; k < 9; ++k) rest += Report().control_exits[0].removals[k];
  EXPECT_EQ(rest, 45);
}

TEST(SelectionMeasures, OtherExitsTooFewToMeasure) {
  const SelectionMeasure& m = Measure("exits_top_need");
  EXPECT_FALSE(m.estimated());
  EXPECT_NE(m.not_estimated.find("fewer than 5 exits"), std::string::npos) << m.not_estimated;
  EXPECT_FALSE(m.alert);
  EXPECT_TRUE(std::isnan(m.q_value));
}

// Σ (a - R p)² / (Σ a)² for n patients of actual a and predicted p, R = Σ a / Σ p.
double RatioLogVariance(std::initializer_list<std::tuple<int, double, double>> groups) {
  double a_sum = 0, p_sum = 0;
  for (auto [n, a, p] : groups) {
    a_sum += n * a;
    p_sum += n * p;
  }
  const double r = a_sum / p_sum;
  double squares = 0;
  for (auto [n, a, p] : groups) squares += n * (a - r * p) * (a - r * p);
  return squares / (a_sum * a_sum);
}

TEST(SelectionMeasures, LeaverCostRatioAgainstControls) {
  // The model of 2022-23 predicts each group's mean over the commissioner's 2,000 patients:
  // diabetics (20 x 1,400 + 180 x 1,000) / 200 = 1,040; others (18 x 160 + 1,782 x 100) / 1,800.
  const double diabetic = 1040, other = (18 * 160 + 1782 * 100) / 1800.0;
  // ICO leavers: 20 diabetics at £1,400 and 18 others at £160; stayers 80 and 882 at cost.
  const double leavers_i = (20 * 1400 + 18 * 160.0) / (20 * diabetic + 18 * other);
  const double stayers_i = (80 * 1000 + 882 * 100.0) / (80 * diabetic + 882 * other);
  // Control leavers: 5 diabetics and 45 others at cost; stayers 95 and 855.
  const double leavers_c = (5 * 1000 + 45 * 100.0) / (5 * diabetic + 45 * other);
  const double stayers_c = (95 * 1000 + 855 * 100.0) / (95 * diabetic + 855 * other);
  const double variance = RatioLogVariance({{20, 1400, diabetic}, {18, 160, other}}) +
                          RatioLogVariance({{80, 1000, diabetic}, {882, 100, other}}) +
                          RatioLogVariance({{5, 1000, diabetic}, {45, 100, other}}) +
                          RatioLogVariance({{95, 1000, diabetic}, {855, 100, other}});
  const SelectionMeasure& m = Measure("leaver_cost_ratio");
  ExpectRatio(m, std::log(leavers_i / stayers_i / (leavers_c / stayers_c)), variance, true);
  EXPECT_NEAR(m.observed, 20 * 1400 + 18 * 160, 1e-6);
  EXPECT_EQ(m.concerned.patients, 38);
}

TEST(SelectionMeasures, JoinersNeedAgainstControls) {
  // Need deciles on 1 April 2023: the 1,872 without diabetes share decile 1 (none has less
  // need), the 208 diabetics decile 1 + 10 x 1,872 / 2,080 = 10. Every joiner is a woman of 73 in
  // IMD quintile 3, one stratum. ICO joiners: 40 in decile 1; control joiners: 8 in decile 10 and
  // 32 in decile 1, mean 2.8, so each ICO joiner is expected at 2.8.
  const double mean_c = (8 * 10 + 32 * 1) / 40.0;
  const double variance_c =
      (8 * (10 - mean_c) * (10 - mean_c) + 32 * (1 - mean_c) * (1 - mean_c)) / 39;
  const double expected = 40 * mean_c;
  const double variance = 40 * (1 - mean_c) * (1 - mean_c) + 40.0 * 40.0 * variance_c / 40;
  const SelectionMeasure& m = Measure("joiner_need");
  ExpectRatio(m, std::log(40 / expected), variance / (expected * expected), false);
  EXPECT_EQ(m.observed, 1);
  EXPECT_NEAR(m.expected, mean_c, 1e-12);
  EXPECT_EQ(m.concerned.patients, 40);
  EXPECT_EQ(Report().ico_exits[0].patients[0], 940);  // every other patient of the ICO: decile 1
}

TEST(SelectionMeasures, RecordedConditionsOnStayersAgainstControlStayers) {
  // Stayers of 2023-24: ICO 922 without diabetes (50 gain hypertension) and 80 with; controls
  // 887 without (20 gain it) and 103 with (none). Expected: what they held plus the control
  // stratum's mean growth.
  const double g = 20.0 / 887;
  const double observed = 80 + 50, expected = 80 + 922 * g;
  const double deviations = 50 * (1 - g) * (1 - g) + 872 * g * g;
  const double control_variance = (20 * (1 - g) * (1 - g) + 867 * g * g) / 886;
  const double variance = deviations + 922.0 * 922.0 * control_variance / 887;
  const SelectionMeasure& m = Measure("recorded_conditions");
  ExpectRatio(m, std::log(observed / expected), variance / (expected * expected), true);
  EXPECT_EQ(m.observed, observed);
}

TEST(SelectionMeasures, RegistersAgainstControlPrevalence) {
  // On 1 April 2023 the only disease on a register is diabetes: ICO 100 of 1,040 patients;
  // controls 108 of 1,040 (the same share at Q1 and Q2, so the practices add no dispersion).
  const double mean = 108.0 / 1040, expected = 1040 * mean;
  const double count_variance = (108 * (1 - mean) * (1 - mean) + 932 * mean * mean) / 1039;
  const double variance = 1040 * count_variance + 1040.0 * 1040.0 * count_variance / 1040;
  const SelectionMeasure& m = Measure("register_shortfall");
  ExpectRatio(m, std::log(100 / expected), variance / (expected * expected), false);
  EXPECT_EQ(m.observed, 100);
  ASSERT_EQ(Report().registers.size(), 15u);  // palliative care is no disease register
  for (const RegisterSize& r : Report().registers) {
    const bool diabetes = r.condition == Condition::kDiabetes;
    EXPECT_EQ(r.observed, diabetes ? 100 : 0);
    EXPECT_NEAR(r.expected, diabetes ? 108 : 0, 1e-9);
  }
}

TEST(SelectionMeasures, CareAdjustmentsAgainstItsYearBeforeAndControls) {
  // Patients on a register on 1 April: the ICO's 100 diabetics in both years; the controls' 100
  // in 2022 and 108 in 2023 (8 diabetic joiners). Excepted: ICO 10 then 25, controls 10 then 12;
  // an adjustment for a register the patient is not on is not counted.
  const SelectionMeasure& m = Measure("care_adjustments");
  ExpectShareChange(m, {25, 100}, {10, 100}, {12, 108}, {10, 100});
  EXPECT_NEAR(m.comparison.mean_conditions, 1, 1e-9);
}

TEST(SelectionMeasures, OutsideBudgetAgainstItsYearBeforeAndControls) {
  // 2023-24: ICO 60 of 1,040 listed on 1 April 2023, controls 44 of 1,040; the year before, at
  // the same practices, 30 of 1,000 and 40 of 1,000. The mental health contact is not counted.
  ExpectShareChange(Measure("outside_budget"), {60, 1040}, {30, 1000}, {44, 1040}, {40, 1000});
  // Watching mental health instead: one patient, too few to measure.
  const Population& p = *Fixture().p;
  auto report =
      RunSelection(p, p.events.cost, {.outside_settings = 1u << int(Setting::kMentalHealth)});
  ASSERT_TRUE(report.ok());
  for (const SelectionMeasure& x : report->measures) {
    if (x.measure == "outside_budget") {
      EXPECT_NE(x.not_estimated.find("fewer than 10"), std::string::npos);
    }
  }
}

TEST(SelectionMeasures, AYearWithNoModelBeforeItSaysSo) {
  const Population& p = *Fixture().p;
  auto report = RunSelection(p, p.events.cost,
                             {.from = *ParseDate("2022-04-01"), .to = *ParseDate("2023-03-31")});
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->tests, 0);
  for (const SelectionMeasure& m : report->measures) {
    EXPECT_NE(m.not_estimated.find("no capitation model could be fitted on 2021-22: the activity "
                                   "data do not cover 2021-22"),
              std::string::npos)
        << m.measure << ": " << m.not_estimated;
    EXPECT_FALSE(m.alert);
  }
  // And past the last complete year, or before the first, the period is refused.
  auto late = RunSelection(p, p.events.cost, {.to = *ParseDate("2025-03-31")});
  ASSERT_FALSE(late.ok());
  EXPECT_NE(late.status().message().find("choose --to 2024-03-31 or earlier"), std::string::npos)
      << late.status().message();
}

TEST(SelectionMeasures, QValuesAreBenjaminiHochbergOverTheEstimatedMeasures) {
  std::vector<double> p;
  for (const SelectionMeasure& m : Report().measures) {
    if (m.estimated()) p.push_back(m.p_value);
  }
  EXPECT_EQ(Report().tests, static_cast<int64_t>(p.size()));
  for (const SelectionMeasure& m : Report().measures) {
    if (!m.estimated()) continue;
    // q = min over p_j ≥ p of m p_j / rank(p_j), at most 1.
    double q = 1;
    for (double pj : p) {
      if (pj < m.p_value) continue;
      const double rank = std::count_if(p.begin(), p.end(), [&](double x) { return x <= pj; });
      q = std::min(q, p.size() * pj / rank);
    }
    EXPECT_NEAR(m.q_value, q, 1e-12) << m.measure;
    EXPECT_EQ(m.alert, q <= kSelectionFalseDiscoveryRate) << m.measure;
  }
}

}  // namespace
}  // namespace continuum
