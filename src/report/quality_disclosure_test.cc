// Disclosure control of a generated ICO's quality report: every count shown is 0 or a multiple of
// 5 from 10 up, every value is what the shown counts give, and no count from 1 to 7 that the
// ICO's month or year would give away by subtraction is left to be found.
#include "report/quality_disclosure.h"

#include <gtest/gtest.h>

#include <cmath>

#include "generate/generated_ico.h"
#include "generate/test_folder.h"
#include "report/disclosure.h"

namespace continuum {
namespace {

bool Controlled(double count) {
  const int64_t n = std::llround(count);
  return n == count && (n == 0 || (n >= 10 && n % 5 == 0));
}

TEST(QualityDisclosure, ValuesRestOnTheShownCountsAndNoSmallCountFallsOutOfATotal) {
  GeneratorOptions options;
  options.patients = 6000;
  options.practices = 5;
  options.years = 2;
  options.seed = 5;
  auto generated = GenerateAndLoad(TestFolder("quality_disclosure"), options);
  ASSERT_TRUE(generated.ok()) << generated.status().message();
  const Population& p = (*generated)->population();
  auto indicators = ShippedIndicators();
  ASSERT_TRUE(indicators.ok());
  auto exact = RunQuality(p, p.organisations.ids.Find("ZICO1"), *indicators, DefaultQualityYear(p));
  ASSERT_TRUE(exact.ok()) << exact.status().message();
  auto shown = ControlQuality(p, **exact, KeptWholeTotal((*exact)->scope));
  ASSERT_TRUE(shown.ok()) << shown.status().message();
  const QualityEvaluation& e = (*shown)->evaluation;
  const QualityEvaluation& truth = (*exact)->evaluation;
  int withheld = 0, small = 0;
  for (size_t i = 0; i < e.series.size(); ++i) {
    const IndicatorSeries& s = e.series[i];
    const bool person_time = s.indicator->base == Indicator::Base::kPersonTime;
    for (size_t k = 0; k < s.points.size(); ++k) {
      const IndicatorPoint& pt = s.points[k];
      const IndicatorPoint& real = truth.series[i].points[k];
      small += real.numerator >= 1 && real.numerator <= kLargestSuppressedCount;
      if (pt.withheld) ++withheld;
      if (real.numerator >= 1 && real.numerator <= kLargestSuppressedCount) {
        EXPECT_TRUE(pt.withheld & kNumeratorWithheld) << s.indicator->id << " point " << k;
      }
      if (!(pt.withheld & kNumeratorWithheld)) {
        EXPECT_TRUE(Controlled(pt.numerator));
      }
      if (!(pt.withheld & kDenominatorWithheld) && !person_time) {
        EXPECT_TRUE(Controlled(pt.denominator)) << s.indicator->id;
      }
    }
    // Where a month's total and all but one practice are shown, the hidden practice can still
    // be any of at least three counts.
    const size_t units = e.units;
    for (int m = 0; m < e.month_count; ++m) {
      if (!s.reported[m]) continue;
      int hidden = -1, hidden_count = 0;
      double low = 0, high = 0;
      for (size_t u = 0; u + 1 < units; ++u) {
        const IndicatorPoint& pt = s.points[u * e.month_count + m];
        if (pt.withheld & kNumeratorWithheld) {
          hidden = int(u), ++hidden_count;
        } else if (pt.numerator > 0) {
          low += pt.numerator - 2, high += pt.numerator + 2;
        }
      }
      const IndicatorPoint& total = s.points[(units - 1) * e.month_count + m];
      if (hidden_count != 1 || (total.withheld & kNumeratorWithheld)) continue;
      const double from = std::max(1.0, total.numerator - (total.numerator > 0 ? 2 : 0) - high);
      const double to = std::min(7.0, total.numerator + (total.numerator > 0 ? 2 : 0) - low);
      const double real = truth.series[i].points[hidden * e.month_count + m].numerator;
      if (real >= 1 && real <= kLargestSuppressedCount) {
        EXPECT_GE(to - from + 1, 3) << s.indicator->id << " month " << m << " practice " << hidden;
      }
    }
  }
  EXPECT_GT(small, 0) << "the ICO has no small counts to protect";
  EXPECT_GE(withheld, small);
  for (const IndicatorQuality& q : (*shown)->report.indicators) {
    for (const UnitQuality& u : q.units) {
      if (!u.value || q.indicator->measure != IndicatorMeasure::kProportion) continue;
      EXPECT_DOUBLE_EQ(u.value->value, u.period.numerator / u.period.denominator)
          << q.indicator->id;
    }
  }
}

}  // namespace
}  // namespace continuum
