#include "clinical/indicator.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "clinical/indicator_evaluation.h"
#include "finance/finance_fixture.h"

namespace continuum {
namespace {

Day D(std::string_view iso) { return *ParseDate(iso); }

const Indicator& Shipped(const std::vector<Indicator>& all, std::string_view id) {
  for (const Indicator& i : all) {
    if (i.id == id) return i;
  }
  ADD_FAILURE() << "no indicator " << id;
  return all[0];
}

// A hand-made ICO of two practices over the financial year 2023-24; each test works its
// answer out from the records it adds.
class Quality : public testing::Test {
 protected:
  void SetUp() override {
    ico_ = f_.Organisation("ICO1", OrgKind::kIco);
    f_.Organisation("P1", OrgKind::kPractice, "ICO1");
    f_.Organisation("P2", OrgKind::kPractice, "ICO1");
    f_.Organisation("P9", OrgKind::kPractice);  // not a member: never counted
    f_.Organisation("RAX", OrgKind::kAcuteTrust);
  }
  uint32_t Patient(std::string_view practice, std::string_view registered = "2010-01-01") {
    return f_.Patient(practice, registered);
  }
  // The data run from 2023-04-01 to 2024-03-31.
  QualityEvaluation Evaluate(const std::vector<Indicator>& indicators,
                             std::span<const VoiceResponse> responses = {}) {
    const uint32_t anchor = Patient("P9");
    f_.Event(anchor, "2023-04-01", Setting::kGp, "P9", 39);
    f_.Event(anchor, "2024-03-31", Setting::kGp, "P9", 39);
    const Population& p = f_.Finish();
    const QualityScope scope = QualityScopeOf(p, ico_, D("2023-04-01"), D("2024-03-31"));
    auto q = EvaluateIndicators(p, indicators, scope, responses);
    EXPECT_TRUE(q.ok()) << q.status().message();
    return std::move(*q);
  }
  static std::vector<Indicator> All() {
    auto all = ShippedIndicators();
    EXPECT_TRUE(all.ok()) << all.status().message();
    return std::move(*all);
  }

  FinanceFixture f_;
  uint32_t ico_ = 0;
};

TEST_F(Quality, DiabetesHbA1cCountsTheLatestValueAndEachExclusion) {
  const auto hba1c = ObservationKind::kHba1c;
  const uint32_t a = Patient("P1");  // latest 55: met
  f_.Register(a, Condition::kDiabetes, "2020-01-01");
  f_.Observe(a, "2023-06-01", hba1c, 62);
  f_.Observe(a, "2024-01-10", hba1c, 55);
  const uint32_t b = Patient("P1");  // last measured 14 months ago: not met
  f_.Register(b, Condition::kDiabetes, "2020-01-01");
  f_.Observe(b, "2023-02-01", hba1c, 50);
  const uint32_t c = Patient("P1");  // diagnosed 46 days before: excluded
  f_.Register(c, Condition::kDiabetes, "2024-02-15");
  const uint32_t d = Patient("P1", "2024-02-01");  // registered 60 days: excluded
  f_.Register(d, Condition::kDiabetes, "2020-01-01");
  const uint32_t e = Patient("P1");  // on the palliative register: excluded
  f_.Register(e, Condition::kDiabetes, "2020-01-01");
  f_.Register(e, Condition::kPalliative, "2023-10-01");
  Patient("P1");                     // no diabetes: not eligible
  const uint32_t g = Patient("P1");  // exactly 58: met
  f_.Register(g, Condition::kDiabetes, "2021-01-01");
  f_.Observe(g, "2024-03-31", hba1c, 58);
  const uint32_t h = Patient("P2");  // 59: not met
  f_.Register(h, Condition::kDiabetes, "2021-01-01");
  f_.Observe(h, "2024-03-01", hba1c, 59);
  const uint32_t i = Patient("P2");  // resolved: not on the register
  f_.Register(i, Condition::kDiabetes, "2015-01-01", "2023-12-01");
  f_.Observe(i, "2024-03-01", hba1c, 40);
  const uint32_t j = Patient("P2");  // excepted from diabetes care 10 months before: excluded
  f_.Register(j, Condition::kDiabetes, "2021-01-01");
  f_.Observe(j, "2023-05-20", ObservationKind::kCareAdjustment, int(Condition::kDiabetes));
  const uint32_t k = Patient("P2");  // excepted 13 months before: counted, not met
  f_.Register(k, Condition::kDiabetes, "2021-01-01");
  f_.Observe(k, "2023-02-20", ObservationKind::kCareAdjustment, int(Condition::kDiabetes));
  const uint32_t l = Patient("P2");  // excepted from hypertension care only: counted, not met
  f_.Register(l, Condition::kDiabetes, "2021-01-01");
  f_.Register(l, Condition::kHypertension, "2021-01-01");
  f_.Observe(l, "2023-12-01", ObservationKind::kCareAdjustment, int(Condition::kHypertension));

  const std::vector<Indicator> all = All();
  const std::vector<Indicator> one = {Shipped(all, "diabetes_hba1c")};
  const QualityEvaluation q = Evaluate(one);
  ASSERT_EQ(q.month_count, 12);
  const IndicatorSeries& s = q.series[0];
  // Only March 2024 has twelve months of data behind it.
  EXPECT_EQ(std::count(s.reported.begin(), s.reported.end(), 1), 1);
  EXPECT_TRUE(s.reported[11]);
  EXPECT_EQ(s.period[0].numerator, 2);    // P1: a, g
  EXPECT_EQ(s.period[0].denominator, 3);  // P1: a, b, g
  EXPECT_EQ(s.period[1].numerator, 0);
  EXPECT_EQ(s.period[1].denominator, 3);  // P2: h, k, l
  EXPECT_EQ(s.period[2].numerator, 2);    // the ICO
  EXPECT_EQ(s.period[2].denominator, 6);
  EXPECT_EQ(s.coverage.registered, 12);
  EXPECT_EQ(s.coverage.eligible, 10);  // a, b, c, d, e, g, h, j, k, l
  EXPECT_EQ(s.coverage.denominator, 6);
  ASSERT_EQ(s.coverage.excluded.size(), 4u);
  EXPECT_EQ(s.coverage.excluded[0].second, 1);  // d, registered for fewer than 90 days
  EXPECT_EQ(s.coverage.excluded[1].second, 1);  // c, diagnosed fewer than 90 days before
  EXPECT_EQ(s.coverage.excluded[2].first, "on the palliative register");
  EXPECT_EQ(s.coverage.excluded[2].second, 1);  // e
  EXPECT_EQ(s.coverage.excluded[3].first, "personalised care adjustment in the last 12 months");
  EXPECT_EQ(s.coverage.excluded[3].second, 1);  // j
}

TEST_F(Quality, BloodPressureNeedsBothReadingsWithinTheTarget) {
  const uint32_t a = Patient("P1");  // 138/88: met
  f_.Register(a, Condition::kHypertension, "2019-01-01");
  f_.Observe(a, "2023-11-01", ObservationKind::kSystolicBp, 138);
  f_.Observe(a, "2023-11-01", ObservationKind::kDiastolicBp, 88);
  const uint32_t b = Patient("P1");  // 138/92: not met
  f_.Register(b, Condition::kHypertension, "2019-01-01");
  f_.Observe(b, "2023-11-01", ObservationKind::kSystolicBp, 138);
  f_.Observe(b, "2023-11-01", ObservationKind::kDiastolicBp, 92);
  const uint32_t c = Patient("P1");  // 84 years old at 148/80: met on the 150/90 target only
  f_.Born(c, "1939-06-01", Sex::kMale);
  f_.Register(c, Condition::kHypertension, "2019-01-01");
  f_.Observe(c, "2024-02-01", ObservationKind::kSystolicBp, 148);
  f_.Observe(c, "2024-02-01", ObservationKind::kDiastolicBp, 80);
  const std::vector<Indicator> all = All();
  const std::vector<Indicator> two = {Shipped(all, "hypertension_bp_under_80"),
                                      Shipped(all, "hypertension_bp_80_and_over")};
  const QualityEvaluation q = Evaluate(two);
  EXPECT_EQ(q.series[0].period[2].numerator, 1);
  EXPECT_EQ(q.series[0].period[2].denominator, 2);
  EXPECT_EQ(q.series[1].period[2].numerator, 1);
  EXPECT_EQ(q.series[1].period[2].denominator, 1);
}

TEST_F(Quality, AnticoagulationAndReviewsLookForTheRightRecord) {
  const uint32_t a = Patient("P1");  // apixaban in December: met
  f_.Register(a, Condition::kAf, "2019-01-01");
  f_.SetMedicine(f_.Event(a, "2023-12-01", Setting::kPrescription, "P1", 20), "0208020Z0");
  const uint32_t b = Patient("P1");  // last in September, more than 183 days before: not met
  f_.Register(b, Condition::kAf, "2019-01-01");
  f_.SetMedicine(f_.Event(b, "2023-09-01", Setting::kPrescription, "P1", 20), "0208020V0");
  const uint32_t c = Patient("P1");  // a statin is not an anticoagulant: not met
  f_.Register(c, Condition::kAf, "2019-01-01");
  f_.SetMedicine(f_.Event(c, "2024-01-01", Setting::kPrescription, "P1", 5), "0212000Y0");
  const uint32_t d = Patient("P2");  // COPD reviewed: met
  f_.Register(d, Condition::kCopd, "2019-01-01");
  f_.Observe(d, "2023-10-01", ObservationKind::kAnnualReview, static_cast<float>(Condition::kCopd));
  const uint32_t e = Patient("P2");  // a diabetes review is not a COPD review: not met
  f_.Register(e, Condition::kCopd, "2019-01-01");
  f_.Register(e, Condition::kDiabetes, "2019-01-01");
  f_.Observe(e, "2023-10-01", ObservationKind::kAnnualReview,
             static_cast<float>(Condition::kDiabetes));
  const std::vector<Indicator> all = All();
  const std::vector<Indicator> two = {Shipped(all, "af_anticoagulation"),
                                      Shipped(all, "copd_annual_review")};
  const QualityEvaluation q = Evaluate(two);
  EXPECT_EQ(q.series[0].period[0].numerator, 1);
  EXPECT_EQ(q.series[0].period[0].denominator, 3);
  // Six months of look-back for the prescription, but twelve for the care adjustments that
  // except patients: measured only in March 2024 (month 11), with a year of data behind it.
  EXPECT_FALSE(q.series[0].reported[10]);
  EXPECT_TRUE(q.series[0].reported[11]);
  // In March only a's prescription is within six months.
  EXPECT_EQ(q.series[0].points[0 * 12 + 11].numerator, 1);
  EXPECT_EQ(q.series[1].period[1].numerator, 1);
  EXPECT_EQ(q.series[1].period[1].denominator, 2);
}

TEST_F(Quality, PatientExperienceCountsRespondentsOnly) {
  const auto answer = [](std::string_view code) {
    return static_cast<float>(FindCode(kExperienceCodes, code));
  };
  const uint32_t a = Patient("P1");  // very good: met
  f_.Observe(a, "2023-10-01", ObservationKind::kOverallExperience, answer("very_good"));
  const uint32_t b = Patient("P1");  // fairly poor: not met
  f_.Observe(b, "2023-10-01", ObservationKind::kOverallExperience, answer("fairly_poor"));
  Patient("P1");                     // did not answer: not in the denominator
  const uint32_t d = Patient("P2");  // answered fairly good, but 15 months ago: not counted
  f_.Observe(d, "2023-01-01", ObservationKind::kOverallExperience, answer("fairly_good"));
  const std::vector<Indicator> all = All();
  const std::vector<Indicator> one = {Shipped(all, "patient_experience")};
  const QualityEvaluation q = Evaluate(one);
  EXPECT_EQ(q.series[0].period[2].numerator, 1);
  EXPECT_EQ(q.series[0].period[2].denominator, 2);
  EXPECT_EQ(q.series[0].coverage.eligible, 2);
}

// Survey responses count in the month they were given, at the practice they are about: each
// answer to the question in the denominator, very good or good in the numerator.
TEST_F(Quality, FriendsAndFamilyTestCountsEachAnswerInItsMonthAndPractice) {
  auto response = [](std::string practice, std::string day, std::string answer,
                     std::string question = "overall_experience") {
    return VoiceResponse{.survey = "patient_fft",
                         .practice = std::move(practice),
                         .responded_on = D(day),
                         .answers = {{std::move(question), std::move(answer)}}};
  };
  const std::vector<VoiceResponse> responses = {
      response("P1", "2023-05-02", "very_good"),  // May, P1: met
      response("P1", "2023-05-31", "good"),       // May, P1: met
      response("P1", "2023-05-15", "dont_know"),  // May, P1: counted, not met
      response("P2", "2023-06-01", "very_poor"),  // June, P2: counted, not met
      response("P9", "2023-06-01", "very_good"),  // not a member practice: left out
      response("P2", "2024-05-01", "very_good"),  // after the data: left out
      response("ZZ", "2023-06-01", "very_good"),  // no such practice: left out
      {.survey = "staff_pulse",                   // another survey: left out
       .practice = "P1",
       .responded_on = D("2023-05-02"),
       .answers = {{"recommend_care", "agree"}}}};
  const std::vector<Indicator> all = All();
  const QualityEvaluation q = Evaluate({Shipped(all, "patient_fft_positive")}, responses);
  const IndicatorSeries& s = q.series[0];
  ASSERT_EQ(q.month_count, 12);
  EXPECT_EQ(s.points[0 * 12 + 1].numerator, 2);  // P1, May
  EXPECT_EQ(s.points[0 * 12 + 1].denominator, 3);
  EXPECT_EQ(s.points[1 * 12 + 2].numerator, 0);  // P2, June
  EXPECT_EQ(s.points[1 * 12 + 2].denominator, 1);
  EXPECT_EQ(s.period[2].numerator, 2);  // the ICO over the year
  EXPECT_EQ(s.period[2].denominator, 4);
  EXPECT_EQ(s.coverage.denominator, 4);
}

TEST_F(Quality, ReadmissionsFollowTheDischargeAndCountWhatIsLeftOut) {
  const uint32_t a = Patient("P1");
  f_.Event(a, "2023-06-01", Setting::kEmergency, "RAX", 2000, "J44.1", 3);  // out 06-04
  f_.Event(a, "2023-06-20", Setting::kEmergency, "RAX", 2000, "J44.1", 0);  // back in 16 days
  const uint32_t b = Patient("P1");
  f_.Event(b, "2023-08-01", Setting::kElective, "RAX", 3000, "M17.1", 2);  // not readmitted
  const uint32_t c = Patient("P2");
  f_.Event(c, "2023-09-01", Setting::kEmergency, "RAX", 5000, "I50.9", 5);
  f_.Died(c, "2023-09-06", PlaceOfDeath::kHospital);  // died on the day of discharge
  const uint32_t g = Patient("P2");
  f_.Event(g, "2024-03-20", Setting::kEmergency, "RAX", 1000, "R07.4", 0);  // no 30 days after
  const std::vector<Indicator> all = All();
  const std::vector<Indicator> one = {Shipped(all, "emergency_readmissions_30_days")};
  const QualityEvaluation q = Evaluate(one);
  const IndicatorSeries& s = q.series[0];
  EXPECT_EQ(s.period[2].denominator, 3);         // a twice, b
  EXPECT_EQ(s.period[2].numerator, 1);           // a's first stay
  EXPECT_EQ(s.points[0 * 12 + 2].numerator, 1);  // June, P1
  EXPECT_FALSE(s.reported[11]);  // March's discharges cannot be followed for 30 days
  EXPECT_TRUE(s.reported[10]);
  EXPECT_EQ(s.coverage.eligible, 5);
  EXPECT_EQ(s.coverage.excluded[0].second, 1);  // c
  EXPECT_EQ(s.coverage.excluded[1].second, 1);  // g
}

TEST_F(Quality, AReadmissionOnTheDayOfASameDayDischargeCounts) {
  const uint32_t a = Patient("P1");
  f_.Event(a, "2023-07-10", Setting::kEmergency, "RAX", 800, "R10.4", 0);   // out the same day
  f_.Event(a, "2023-07-10", Setting::kEmergency, "RAX", 2000, "K35.8", 2);  // back that evening
  const uint32_t b = Patient("P2");
  f_.Event(b, "2023-08-01", Setting::kEmergency, "RAX", 800, "R07.4", 0);  // not readmitted
  const std::vector<Indicator> all = All();
  const std::vector<Indicator> one = {Shipped(all, "emergency_readmissions_30_days")};
  const QualityEvaluation q = Evaluate(one);
  const IndicatorSeries& s = q.series[0];
  // a's first stay is followed by the second (recorded after it on the day it ended); the second,
  // out on 12 July, by nothing: neither stay follows itself.
  EXPECT_EQ(s.points[0 * 12 + 3].numerator, 1);  // July, P1
  EXPECT_EQ(s.points[0 * 12 + 3].denominator, 2);
  EXPECT_EQ(s.period[2].numerator, 1);
  EXPECT_EQ(s.period[2].denominator, 3);
}

TEST_F(Quality, AConditionRecordedAgainKeepsItsRegisterSinceTheFirstOnset) {
  const uint32_t a = Patient("P1");
  f_.Register(a, Condition::kDiabetes, "2019-01-01");
  f_.Register(a, Condition::kDiabetes, "2024-02-15");  // recorded again, the first still current
  f_.Observe(a, "2024-01-10", ObservationKind::kHba1c, 50);
  const uint32_t b = Patient("P1");  // diagnosed 46 days before March's end: excluded
  f_.Register(b, Condition::kDiabetes, "2024-02-15");
  const std::vector<Indicator> all = All();
  const std::vector<Indicator> one = {Shipped(all, "diabetes_hba1c")};
  const QualityEvaluation q = Evaluate(one);
  const IndicatorSeries& s = q.series[0];
  // a has been on the register since 2019, so is counted (and met, at 50).
  EXPECT_EQ(s.period[0].numerator, 1);
  EXPECT_EQ(s.period[0].denominator, 1);
  EXPECT_EQ(s.coverage.excluded[1].second, 1);  // b only
}

TEST_F(Quality, DeathsInUsualResidenceAndInThePreferredPlace) {
  const uint32_t j = Patient("P2");
  f_.Died(j, "2023-09-06", PlaceOfDeath::kHospital);
  f_.Preferred(j, PlaceOfDeath::kHome);
  const uint32_t k = Patient("P2");
  f_.Died(k, "2023-11-01", PlaceOfDeath::kHome);
  f_.Preferred(k, PlaceOfDeath::kHome);
  const uint32_t l = Patient("P1");
  f_.Died(l, "2024-01-05", PlaceOfDeath::kCareHome);
  const std::vector<Indicator> all = All();
  const std::vector<Indicator> two = {Shipped(all, "deaths_in_usual_residence"),
                                      Shipped(all, "deaths_in_preferred_place")};
  const QualityEvaluation q = Evaluate(two);
  EXPECT_EQ(q.series[0].period[2].numerator, 2);  // k at home, l in a care home
  EXPECT_EQ(q.series[0].period[2].denominator, 3);
  EXPECT_EQ(q.series[1].period[2].numerator, 1);  // k
  EXPECT_EQ(q.series[1].period[2].denominator, 2);
  EXPECT_EQ(q.series[1].coverage.excluded[0].second, 1);  // l had no preference recorded
}

TEST_F(Quality, RatesUseRegisteredPersonYears) {
  const uint32_t h = Patient("P2");
  f_.Event(h, "2023-05-01", Setting::kAe, "RAX", 200);
  f_.Event(h, "2023-12-01", Setting::kAe, "RAX", 200);
  Patient("P2");
  const uint32_t j = Patient("P2");
  f_.Died(j, "2023-09-06", PlaceOfDeath::kHome);
  const uint32_t o = Patient("P1");
  f_.Event(o, "2023-07-01", Setting::kOutpatientFirst, "RAX", 150);
  f_.Event(o, "2023-08-01", Setting::kOutpatientFollowUp, "RAX", 100);
  f_.Event(o, "2023-10-01", Setting::kOutpatientFollowUp, "RAX", 100);
  f_.Event(o, "2023-11-01", Setting::kOutpatientFollowUp, "RAX", 100);
  const std::vector<Indicator> all = All();
  const std::vector<Indicator> two = {Shipped(all, "ae_attendances"),
                                      Shipped(all, "outpatient_follow_up_ratio")};
  const QualityEvaluation q = Evaluate(two);
  // P2: 366 + 366 + 159 days (1 April to the day of death, 6 September).
  const IndicatorPoint& p2 = q.series[0].period[1];
  EXPECT_EQ(p2.numerator, 2);
  EXPECT_NEAR(p2.denominator, 891 / 365.25, 1e-9);
  EXPECT_EQ(q.series[1].period[0].numerator, 3);
  EXPECT_EQ(q.series[1].period[0].denominator, 1);
}

TEST_F(Quality, IndirectStandardisationAppliesTheIcoRatesByAgeAndSex) {
  auto ind = ParseIndicator(R"({"id": "ae_std", "title": "A&E", "source": "test",
      "group": "test", "measure": "rate", "per": 1000, "polarity": "lower_is_better",
      "standardisation": "age_sex", "denominator": {"person_time": {}},
      "numerator": {"events": {"settings": ["ae"]}}})",
                            "ae_std.json");
  ASSERT_TRUE(ind.ok()) << ind.status().message();
  // Older women attend at 2 a year, younger at 2/3 a year (the ICO's rates by band).
  const uint32_t old1 = Patient("P1");
  f_.Born(old1, "1940-01-01", Sex::kFemale);
  f_.Event(old1, "2023-06-01", Setting::kAe, "RAX", 200);
  f_.Event(old1, "2023-07-01", Setting::kAe, "RAX", 200);
  const uint32_t young1 = Patient("P1");
  f_.Born(young1, "2000-01-01", Sex::kFemale);
  for (int n = 0; n < 2; ++n) {
    const uint32_t y = Patient("P2");
    f_.Born(y, "2000-01-01", Sex::kFemale);
    f_.Event(y, "2023-09-01", Setting::kAe, "RAX", 200);
  }
  const std::vector<Indicator> one = {*ind};
  const QualityEvaluation q = Evaluate(one);
  const IndicatorSeries& s = q.series[0];
  const double years = 366 / 365.25;  // each patient's person-years
  // P1 expects 2 + 2/3 attendances a year of person-time and had 2; P2 expects 4/3 and had 2.
  EXPECT_NEAR(s.period[0].expected, (2 + 2.0 / 3) * years / years, 1e-9);
  EXPECT_NEAR(s.period[1].expected, 4.0 / 3, 1e-9);
  EXPECT_NEAR(s.period[2].expected, 4.0, 1e-9);  // the ICO expects what it had
  EXPECT_NEAR(s.ico_rate, 4 / (4 * years), 1e-12);
}

TEST_F(Quality, PersonTimeIsCountedMonthByMonthAtTheAgeReachedByEachMonthsEnd) {
  auto ind = ParseIndicator(R"({"id": "ae_72", "title": "A&E at 72 and over", "source": "test",
      "group": "test", "measure": "rate", "per": 1000, "polarity": "lower_is_better",
      "denominator": {"person_time": {"age_min": 72}},
      "numerator": {"events": {"settings": ["ae"]}}})",
                            "ae_72.json");
  ASSERT_TRUE(ind.ok()) << ind.status().message();
  // 72 on 15 July 2023: counted from July (72 by its end) to leaving on 20 December, 173 days.
  const uint32_t a = f_.Patient("P1", "2023-05-10", "2023-12-20");
  f_.Born(a, "1951-07-15", Sex::kFemale);
  // From 11 August (21 days), whole months to January, and to death on 10 February 2024.
  const uint32_t d = Patient("P1", "2023-08-11");
  f_.Born(d, "1940-01-01", Sex::kMale);
  f_.Died(d, "2024-02-10", PlaceOfDeath::kHospital);
  // Born on 29 February: 72 by the end of February 2024, so 29 + 31 days.
  const uint32_t b = Patient("P2", "2023-06-15");
  f_.Born(b, "1952-02-29", Sex::kFemale);
  const uint32_t young = Patient("P2");  // never 72: none
  f_.Born(young, "1990-03-31", Sex::kMale);
  const QualityEvaluation q = Evaluate({*ind});
  const IndicatorSeries& s = q.series[0];
  EXPECT_NEAR(s.period[0].denominator * 365.25, 173 + 21 + 153 + 10, 1e-9);
  EXPECT_NEAR(s.period[1].denominator * 365.25, 60, 1e-9);

  // Each month's person-days worked out a day at a time.
  const Population& p = f_.population;
  std::vector<double> days(2 * 12, 0.0);
  for (uint32_t patient : {a, d, b, young}) {
    const uint32_t r = p.patients.first_registration[patient];
    const int unit = p.registrations.practice[r] == p.organisations.ids.Find("P1") ? 0 : 1;
    const Day last = std::min({p.registrations.end[r], p.patients.death[patient], D("2024-03-31")});
    for (Day day = std::max(p.registrations.start[r], D("2023-04-01")); day <= last; ++day) {
      const int month = MonthIndex(day) - MonthIndex(D("2023-04-01"));
      if (AgeOn(p.patients.birth[patient], MonthEnd(MonthIndex(day))) >= 72)
        days[unit * 12 + month] += 1;
    }
  }
  ASSERT_EQ(q.month_count, 12);
  for (int unit = 0; unit < 2; ++unit) {
    for (int m = 0; m < 12; ++m)
      EXPECT_NEAR(s.points[unit * 12 + m].denominator * 365.25, days[unit * 12 + m], 1e-9)
          << "practice " << unit << ", month " << m;
  }
}

TEST(IndicatorDefinition, EveryShippedDefinitionReads) {
  auto all = ShippedIndicators();
  ASSERT_TRUE(all.ok()) << all.status().message();
  EXPECT_EQ(all->size(), 16u);
}

std::string ErrorOf(std::string_view json) {
  auto ind = ParseIndicator(json, "bad.json");
  return ind.ok() ? "" : ind.status().message();
}

TEST(IndicatorDefinition, BadDefinitionsNameTheFileAndField) {
  const std::string head = R"("id": "x", "title": "X", "source": "s", "group": "g",
      "measure": "proportion", "polarity": "higher_is_better", )";
  const std::string body = R"("denominator": {"patients": {"registers": ["diabetes"]}},
      "numerator": {"all_of": [{"observation": "hba1c", "within_days": 365}]}})";
  EXPECT_EQ(ErrorOf("{" + head + R"("spc_rules": "nelson", )" + body),
            "bad.json, field spc_rules: must be one of mdc, ptd, not \"nelson\"");
  Result<Indicator> ptd = ParseIndicator("{" + head + R"("spc_rules": "ptd", )" + body, "p.json");
  ASSERT_TRUE(ptd.ok()) << ptd.status().message();
  EXPECT_EQ(ptd->spc_rules, SpcRules::kPlotTheDots);
  EXPECT_EQ(ParseIndicator("{" + head + body, "m.json")->spc_rules, SpcRules::kMakingDataCount);
  EXPECT_EQ(ErrorOf("{" + head + R"("denominator": {"patients": {"registers": ["diabetes"],
      "age_min": 80, "age_max": 70}}, "numerator": {"all_of": [{"observation": "hba1c",
      "within_days": 365}]}})"),
            "bad.json, field denominator.patients.age_max: is below age_min, so no one could be "
            "in the denominator");
  EXPECT_EQ(ErrorOf("{" + head + R"("denominator": {"patients": {"registers": ["diabetes"]}},
      "numerator": {"all_of": [{"observation": "hba1c", "within_dayz": 365}]}})"),
            "bad.json, field numerator.all_of[0].within_dayz: unknown field; expected one of "
            "observation, prescription, within_days, latest_at_most, latest_at_least, values");
  EXPECT_EQ(ErrorOf("{" + head + R"("denominator": {"events": {"settings": ["emergency"],
      "diagnosis": ["I5O*"]}}, "numerator": {"followed_by": {"within_days": 30}}})"),
            "bad.json, field denominator.events.diagnosis[0]: 'I5O*' cannot match an ICD-10 code "
            "(write a code, a prefix ending in *, or a range such as C00-C97)");
  EXPECT_EQ(ErrorOf("{" + head + R"("denominator": {"patients": {"registers": ["copd"],
      "exclude_registers": ["copd"]}}, "numerator": {"all_of": [{"observation": "hba1c",
      "within_days": 365}]}})"),
            "bad.json, field denominator.patients.exclude_registers: excludes a register the "
            "denominator is drawn from, so it would be empty");
  EXPECT_EQ(ErrorOf("{" + head + R"("denominator": {"deaths": {}},
      "numerator": {"all_of": []}})"),
            "bad.json, field numerator: does not fit the measure and denominator: a proportion "
            "of patients takes all_of, of events followed_by, of deaths place, of responses "
            "answers; a rate over person_time takes events; a ratio of events takes events");
  EXPECT_EQ(ErrorOf("{" + head + R"("denominator": {"responses": {"survey": "patient_fft"}},
      "numerator": {"answers": ["good"]}})"),
            "bad.json, field denominator.responses.question: is required");
  EXPECT_EQ(ErrorOf("{" + head + R"("denominator": {"responses": {"survey": "patient_fft",
      "question": "overall_experience"}}, "numerator": {"answers": []}})"),
            "bad.json, field numerator.answers: must list at least one answer");
}

TEST(CodePattern, PrefixesRangesAndExactCodesIgnoreTheDot) {
  auto p = CodePatterns::FromStrings({"I50*", "C00-C97", "R06.0"}, CodeSystem::kIcd10, "t");
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->Matches("I50.9"));
  EXPECT_TRUE(p->Matches("I509"));
  EXPECT_TRUE(p->Matches("C18.7"));
  EXPECT_TRUE(p->Matches("C97"));
  EXPECT_FALSE(p->Matches("C98"));
  EXPECT_FALSE(p->Matches("D00.1"));
  EXPECT_TRUE(p->Matches("R060"));
  EXPECT_FALSE(p->Matches("R06.1"));
  EXPECT_FALSE(CodePatterns::FromStrings({"320"}, CodeSystem::kSpecialty, "t").ok() == false);
  EXPECT_FALSE(CodePatterns::FromStrings({"999"}, CodeSystem::kSpecialty, "t").ok());
  EXPECT_FALSE(CodePatterns::FromStrings({"C97-C00"}, CodeSystem::kIcd10, "t").ok());
}

// The indicator and pathway files name codelists where they once listed codes; each codelist
// matches exactly what its codes matched then, on every ICD-10 and OPCS-4 code of three or four
// characters.
TEST(CodePattern, ShippedCodelistsMatchWhatTheFilesOnceListed) {
  struct Case {
    const char* codelist;
    CodeSystem system;
    std::vector<std::string> once;
  };
  const Case cases[] = {
      {"acsc-icd10",
       CodeSystem::kIcd10,
       {"I20*",  "I24.0",   "I24.8", "I24.9",   "I25*",    "J45*",  "J46*",
        "I11.0", "I50*",    "J81*",  "G40*",    "G41*",    "R56*",  "O15*",
        "J20*",  "J41-J44", "J47*",  "F00-F03", "E10-E14", "I10*",  "I11.9",
        "D50.1", "D50.8",   "D50.9", "E40-E43", "E55.0",   "E64.3", "I48*"}},
      {"suspected-cancer-icd10", CodeSystem::kIcd10, {"C00-C97", "D37-D48"}},
      {"suspected-heart-failure-icd10", CodeSystem::kIcd10, {"R06.0", "I50*"}},
      {"echocardiogram-opcs4", CodeSystem::kOpcs4, {"U20*"}},
  };
  for (const Case& c : cases) {
    auto document =
        JsonDocument::Parse(std::string("[\"codelist:") + c.codelist + "\"]", "test.json");
    ASSERT_TRUE(document.ok());
    auto now = CodePatterns::Read(document->root(), c.system);
    ASSERT_TRUE(now.ok()) << now.status().message();
    auto once = CodePatterns::FromStrings(c.once, c.system, "t");
    ASSERT_TRUE(once.ok());
    // Categories within the old ranges that ICD-10 does not have (so no event carries them).
    const std::set<std::string> unused = {"C27", "C28", "C29", "C35", "C36",
                                          "C42", "C59", "C87", "C89"};
    int matched = 0;
    for (char letter = 'A'; letter <= 'Z'; ++letter) {
      for (int number = 0; number < 100; ++number) {
        const std::string category =
            std::string(1, letter) + std::to_string(100 + number).substr(1);
        if (unused.count(category)) continue;
        for (int digit = -1; digit < 10; ++digit) {
          const std::string code = category + (digit < 0 ? "" : std::to_string(digit));
          ASSERT_EQ(now->Matches(code), once->Matches(code)) << c.codelist << " " << code;
          matched += now->Matches(code);
        }
      }
    }
    EXPECT_GT(matched, 0) << c.codelist;
  }
  auto document = JsonDocument::Parse(R"(["codelist:oral-anticoagulants-bnf"])", "test.json");
  ASSERT_TRUE(document.ok());
  auto bnf = CodePatterns::Read(document->root(), CodeSystem::kBnf);
  ASSERT_TRUE(bnf.ok()) << bnf.status().message();
  EXPECT_TRUE(bnf->Matches("0208020Z0"));  // apixaban
  EXPECT_TRUE(bnf->Matches("0208020V0AAABAB"));
  EXPECT_FALSE(bnf->Matches("0208010"));
  // A codelist of the wrong system, or none, is refused with the reason.
  auto wrong = JsonDocument::Parse(R"(["codelist:echocardiogram-opcs4"])", "test.json");
  auto refused = CodePatterns::Read(wrong->root(), CodeSystem::kIcd10);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(std::string(refused.status().message()).find("of opcs4 codes"), std::string::npos);
  auto missing = JsonDocument::Parse(R"(["codelist:nothing-icd10"])", "test.json");
  EXPECT_FALSE(CodePatterns::Read(missing->root(), CodeSystem::kIcd10).ok());
}

}  // namespace
}  // namespace continuum
