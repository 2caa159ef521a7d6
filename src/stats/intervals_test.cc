#include "stats/intervals.h"

#include <gtest/gtest.h>

#include <vector>

namespace continuum {
namespace {

bool Mentions(const Status& status, const std::string& words) {
  return status.message().find(words) != std::string::npos;
}

TEST(Intervals, TwoSidedZFromTheLevel) {
  EXPECT_NEAR(*TwoSidedZ(0.95), 1.959964, 1e-6);
  EXPECT_NEAR(*TwoSidedZ(0.998), 3.090232, 1e-6);
  EXPECT_NEAR(*TwoSidedZ(0.90), 1.644854, 1e-6);
  for (double bad : {0.0, 1.0, 95.0, -0.5}) {
    EXPECT_TRUE(Mentions(TwoSidedZ(bad).status(), "not a fraction between 0 and 1")) << bad;
  }
}

TEST(Intervals, WilsonMatchesNewcombesPublishedIntervals) {
  // Newcombe, "Two-sided confidence intervals for the single proportion: comparison of seven
  // methods", Statistics in Medicine 17:857 (1998), table II, Wilson score method, 95%.
  struct Case {
    int64_t numerator, denominator;
    double lower, upper;
  };
  for (const Case& c : {Case{81, 263, 0.2553, 0.3662}, Case{15, 148, 0.0624, 0.1605},
                        Case{0, 20, 0.0, 0.1611}, Case{1, 29, 0.0061, 0.1718}}) {
    Result<Estimate> p = WilsonProportion(c.numerator, c.denominator);
    ASSERT_TRUE(p.ok());
    EXPECT_DOUBLE_EQ(p->value, static_cast<double>(c.numerator) / c.denominator);
    EXPECT_NEAR(p->interval.lower, c.lower, 5e-5) << c.numerator << "/" << c.denominator;
    EXPECT_NEAR(p->interval.upper, c.upper, 5e-5) << c.numerator << "/" << c.denominator;
  }
  // The same at full precision, and at 99.8% (z = 3.090232): worked from the formula,
  // (2·81 + z² ± z √(z² + 4·81·(182/263))) / (2 (263 + z²)).
  EXPECT_NEAR(WilsonProportion(81, 263)->interval.lower, 0.25528851987827, 1e-13);
  EXPECT_NEAR(WilsonProportion(81, 263)->interval.upper, 0.36620957698280, 1e-13);
  Result<Estimate> wide = WilsonProportion(81, 263, kLevel998);
  EXPECT_LT(wide->interval.lower, 0.2553);
  EXPECT_GT(wide->interval.upper, 0.3662);
  // All or none: the interval reaches 1 or 0 exactly. 10/10 at 95%: 1 − 0.2775328 = 0.7224672.
  EXPECT_EQ(WilsonProportion(10, 10)->interval.upper, 1);
  EXPECT_NEAR(WilsonProportion(10, 10)->interval.lower, 0.72246720013711, 1e-13);
  EXPECT_EQ(WilsonProportion(0, 10)->interval.lower, 0);
}

TEST(Intervals, WilsonRefusesImpossibleProportions) {
  EXPECT_TRUE(Mentions(WilsonProportion(1, 0).status(), "denominator above 0"));
  EXPECT_TRUE(Mentions(WilsonProportion(11, 10).status(), "numerator 11 is not between 0"));
  EXPECT_TRUE(Mentions(WilsonProportion(-1, 10).status(), "numerator -1"));
  EXPECT_FALSE(WilsonProportion(1, 10, 1.5).ok());
}

TEST(Intervals, PoissonLimitsAreExactBelowTenAndByarFromTen) {
  // Exact limits, PHE's technical guide (appendix 2) and any Poisson table: 0 events 0 to 3.6889,
  // 1: 0.0253 to 5.5716, 5: 1.6235 to 11.6683, 9: 4.1154 to 17.0848; at 99.8%, 1 event 0.0010
  // to 9.2334.
  struct Case {
    int64_t events;
    double level, lower, upper;
  };
  for (const Case& c :
       {Case{0, 0.95, 0, 3.688879454}, Case{1, 0.95, 0.02531780798, 5.571643391},
        Case{5, 0.95, 1.62348639, 11.66833208}, Case{9, 0.95, 4.115373097, 17.08480345},
        Case{1, 0.998, 0.001000500334, 9.233413476}, Case{9, 0.998, 2.452424404, 22.65737331}}) {
    Result<Interval> limits = PoissonLimits(c.events, c.level);
    ASSERT_TRUE(limits.ok());
    EXPECT_NEAR(limits->lower, c.lower, 1e-8) << c.events;
    EXPECT_NEAR(limits->upper, c.upper, 1e-8) << c.events;
  }
  // Byar from 10 (PHE appendix 1): O (1 − 1/(9O) − z/(3√O))³ and (O+1)(1 − 1/(9(O+1)) +
  // z/(3√(O+1)))³. For 10 at 95%: 10 (1 − 0.011111 − 0.206598)³ = 4.787450 and
  // 11 (1 − 0.010101 + 0.196984)³ = 18.391459; the exact limits are 4.795389 and 18.390356,
  // within the 0.2% PHE quotes.
  Result<Interval> ten = PoissonLimits(10);
  EXPECT_NEAR(ten->lower, 4.787449914, 1e-8);
  EXPECT_NEAR(ten->upper, 18.39145861, 1e-8);
  EXPECT_NEAR(ten->lower / 4.795388696, 1, 0.002);
  Result<Interval> hundred = PoissonLimits(100, kLevel998);
  EXPECT_NEAR(hundred->lower, 71.90369187, 1e-7);
  EXPECT_NEAR(hundred->upper, 134.9436218, 1e-7);
  EXPECT_TRUE(Mentions(PoissonLimits(-3).status(), "cannot be negative"));
}

TEST(Intervals, IndirectlyStandardisedRatioDividesTheCountsLimits) {
  // 5 observed, 2.5 expected: 2.0, (1.62348639 to 11.66833208) / 2.5 = 0.649395 to 4.667333.
  Result<Estimate> small = IndirectlyStandardisedRatio(5, 2.5);
  ASSERT_TRUE(small.ok());
  EXPECT_DOUBLE_EQ(small->value, 2.0);
  EXPECT_NEAR(small->interval.lower, 0.649394556, 1e-8);
  EXPECT_NEAR(small->interval.upper, 4.667332832, 1e-8);
  // 100 observed, 80 expected: 1.25, Byar (81.362105 to 121.627938) / 80.
  Result<Estimate> large = IndirectlyStandardisedRatio(100, 80);
  EXPECT_DOUBLE_EQ(large->value, 1.25);
  EXPECT_NEAR(large->interval.lower, 1.01702631863, 1e-10);
  EXPECT_NEAR(large->interval.upper, 1.52034921974, 1e-10);
  EXPECT_TRUE(Mentions(IndirectlyStandardisedRatio(5, 0).status(), "expected events above 0"));
}

TEST(Intervals, DirectlyStandardisedRateByDobsonsMethod) {
  // Worked by hand. Three age bands: 10 events in 20,000, 40 in 10,000, 150 in 5,000; standard
  // population weights 0.5, 0.3, 0.2 (they need not sum to 1: 5,000, 3,000, 2,000 give the same).
  //   DSR      = 0.5·10/20000 + 0.3·40/10000 + 0.2·150/5000 = 0.00025 + 0.0012 + 0.006
  //            = 0.00745 → 745 per 100,000
  //   Var(DSR) = 0.25·10/20000² + 0.09·40/10000² + 0.04·150/5000²
  //            = 6.25e-9 + 3.6e-8 + 2.4e-7 = 2.8225e-7
  //   O = 200; Byar 95%: 173.239621 to 229.722871; √(Var/O) = 3.75666e-5
  //   lower    = 0.00745 + 3.75666e-5 × (173.239621 − 200) = 0.00644470 → 644.470
  //   upper    = 0.00745 + 3.75666e-5 × (229.722871 − 200) = 0.00856659 → 856.659
  const std::vector<int64_t> events = {10, 40, 150};
  const std::vector<double> populations = {20000, 10000, 5000};
  Result<Estimate> dsr = DirectlyStandardisedRate(events, populations, {{0.5, 0.3, 0.2}});
  ASSERT_TRUE(dsr.ok());
  EXPECT_NEAR(dsr->value, 745, 1e-9);
  EXPECT_NEAR(dsr->interval.lower, 644.470336064, 1e-6);
  EXPECT_NEAR(dsr->interval.upper, 856.658742704, 1e-6);
  Result<Estimate> counts = DirectlyStandardisedRate(events, populations, {{5000, 3000, 2000}});
  EXPECT_NEAR(counts->value, 745, 1e-9);
  EXPECT_NEAR(counts->interval.upper, 856.658742704, 1e-6);
  // At 99.8% (Byar 159.117038 to 247.688543): 591.417 to 924.150.
  Result<Estimate> wide = DirectlyStandardisedRate(events, populations, {{0.5, 0.3, 0.2}}, 0.998);
  EXPECT_NEAR(wide->interval.lower, 591.416579393, 1e-6);
  EXPECT_NEAR(wide->interval.upper, 924.149676321, 1e-6);
  // Per 1,000 instead.
  EXPECT_NEAR(DirectlyStandardisedRate(events, populations, {{0.5, 0.3, 0.2}}, 0.95, 1000)->value,
              7.45, 1e-12);
}

TEST(Intervals, DirectlyStandardisedRateSaysWhatIsWrong) {
  const std::vector<double> weights = {1, 1};
  EXPECT_TRUE(Mentions(
      DirectlyStandardisedRate(std::vector<int64_t>{5, 4}, std::vector<double>{100, 100}, weights)
          .status(),
      "only 9 events"));
  EXPECT_TRUE(Mentions(
      DirectlyStandardisedRate(std::vector<int64_t>{50, 40}, std::vector<double>{100, 0}, weights)
          .status(),
      "stratum 2 has population 0"));
  EXPECT_TRUE(Mentions(
      DirectlyStandardisedRate(std::vector<int64_t>{50}, std::vector<double>{100, 100}, weights)
          .status(),
      "got 1, 2 and 2"));
  EXPECT_TRUE(
      Mentions(DirectlyStandardisedRate(std::vector<int64_t>{50, 40}, std::vector<double>{100, 100},
                                        std::vector<double>{0, 0})
                   .status(),
               "weights sum to 0"));
}

}  // namespace
}  // namespace continuum
