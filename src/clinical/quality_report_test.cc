#include "clinical/quality_report.h"

#include <gtest/gtest.h>

#include <cmath>

#include "finance/finance_fixture.h"

namespace continuum {
namespace {

// One indicator of each measure over two practices and 12 months, with counts set by hand; the
// report's values, intervals and funnels are checked against formulas worked here.
class QualityReportTest : public testing::Test {
 protected:
  void SetUp() override {
    ico_ = f_.Organisation("ICO1", OrgKind::kIco);
    f_.Organisation("P1", OrgKind::kPractice, "ICO1");
    f_.Organisation("P2", OrgKind::kPractice, "ICO1");
    scope_ =
        QualityScopeOf(f_.population, ico_, *ParseDate("2023-04-01"), *ParseDate("2024-03-31"));
    evaluation_.first_month = MonthIndex(*ParseDate("2023-04-01"));
    evaluation_.month_count = 12;
    evaluation_.units = 3;
  }
  // A series whose period counts are `p1`, `p2` and their sum, and each month a twelfth.
  void Add(const Indicator& ind, IndicatorPoint p1, IndicatorPoint p2) {
    IndicatorSeries s;
    s.indicator = &ind;
    s.reported.assign(12, 1);
    IndicatorPoint ico{p1.numerator + p2.numerator, p1.denominator + p2.denominator,
                       p1.expected + p2.expected};
    s.period = {p1, p2, ico};
    s.ico_rate = ico.denominator > 0 ? ico.numerator / ico.denominator : 0;
    for (const IndicatorPoint& p : s.period) {
      for (int m = 0; m < 12; ++m)
        s.points.push_back({p.numerator / 12, p.denominator / 12, p.expected / 12});
    }
    evaluation_.series.push_back(std::move(s));
  }

  FinanceFixture f_;
  uint32_t ico_ = 0;
  QualityScope scope_;
  QualityEvaluation evaluation_;
};

TEST_F(QualityReportTest, ValuesIntervalsAndFunnelsFollowTheMeasure) {
  Indicator proportion, rate, ratio;
  proportion.measure = IndicatorMeasure::kProportion;
  proportion.polarity = Polarity::kHigherIsBetter;
  rate.measure = IndicatorMeasure::kRate;
  rate.per = 1000;
  rate.base = Indicator::Base::kPersonTime;
  ratio.measure = IndicatorMeasure::kRatio;
  ratio.polarity = Polarity::kLowerIsBetter;
  Add(proportion, {30, 120, 0}, {90, 120, 0});  // 25% and 75% against the ICO's 50%
  Add(rate, {50, 1000, 0}, {150, 1000, 0});     // 50 and 150 per 1,000 person-years
  Add(ratio, {200, 100, 0}, {100, 100, 0});     // 2.0 and 1.0 follow-ups per first
  auto r = BuildQualityReport(f_.population, evaluation_, scope_);
  ASSERT_TRUE(r.ok()) << r.status().message();

  // Wilson for 30/120: centre (p + z²/2n)/(1 + z²/n), half-width z√(p(1−p)/n + z²/4n²)/(1 + z²/n).
  const double z = 1.959963984540054, n = 120, p = 0.25;
  const double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
  const double half = z * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n);
  const UnitQuality& p1 = r->indicators[0].units[0];
  EXPECT_NEAR(p1.value->value, 0.25, 1e-12);
  EXPECT_NEAR(p1.value->interval.lower, centre - half, 1e-9);
  EXPECT_NEAR(p1.value->interval.upper, centre + half, 1e-9);
  // 25% of 120 against 50% is far outside even the 99.8% limit (0.5 ± 3.09·√(0.25/120) ≈ ±14%).
  EXPECT_EQ(FunnelVerdict(p1.funnel_position, Polarity::kHigherIsBetter, true), -1);
  EXPECT_EQ(
      FunnelVerdict(r->indicators[0].units[1].funnel_position, Polarity::kHigherIsBetter, true), 1);
  EXPECT_NEAR(r->indicators[0].units[2].value->value, 0.5, 1e-12);

  // A rate: 50 events in 1,000 person-years is 50 per 1,000, with Byar's limits on 50 scaled.
  const UnitQuality& r1 = r->indicators[1].units[0];
  EXPECT_NEAR(r1.value->value, 50, 1e-9);
  auto limits = PoissonLimits(50);
  EXPECT_NEAR(r1.value->interval.lower, limits->lower, 1e-9);
  EXPECT_NEAR(r1.value->interval.upper, limits->upper, 1e-9);
  EXPECT_NEAR(r->indicators[1].units[2].value->value, 100, 1e-9);

  // A ratio 200/100 = 2: Wilson on 200/300, mapped through q/(1−q).
  const UnitQuality& q1 = r->indicators[2].units[0];
  EXPECT_NEAR(q1.value->value, 2.0, 1e-12);
  auto w = WilsonProportion(200, 300);
  EXPECT_NEAR(q1.value->interval.lower, w->interval.lower / (1 - w->interval.lower), 1e-9);
  EXPECT_NEAR(q1.value->interval.upper, w->interval.upper / (1 - w->interval.upper), 1e-9);
  // The ICO's ratio is 300/200 = 1.5; P1 at 2.0 on 300 attendances lies above it: worse.
  EXPECT_EQ(FunnelVerdict(q1.funnel_position, Polarity::kLowerIsBetter, false), -1);
  // Twelve equal months: a flat chart, common cause.
  ASSERT_TRUE(q1.chart.has_value());
  EXPECT_EQ(q1.variation, Variation::kCommonCause);
}

}  // namespace
}  // namespace continuum
