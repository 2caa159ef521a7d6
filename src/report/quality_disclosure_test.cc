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

namespace continuum {
namespace {

// The ICO's counts as its own report shows them and as the commissioner's comparison shows them
// are one figure: on several generated ICOs (some whose own report must withhold an ICO total to
// protect a practice), every count of the ICO is withheld in both or shown alike in both.
TEST(QualityDisclosure, TheComparisonShowsEachIcoCountAsItsOwnReportDoes) {
  auto indicators = ShippedIndicators();
  ASSERT_TRUE(indicators.ok());
  int withheld_totals = 0, secondary = 0;
  for (uint64_t seed : {1, 2, 3, 4, 5, 6}) {
    GeneratorOptions options;
    // Lists of 500, so that practices' counts are small and the ICO's totals must at times be
    // withheld to protect them.
    options.patients = 3000;
    options.practices = 6;
    options.control_practices = 2;
    options.years = 2;
    options.seed = seed;
    auto generated =
        GenerateAndLoad(TestFolder("quality_disclosure_seed" + std::to_string(seed)), options);
    ASSERT_TRUE(generated.ok()) << generated.status().message();
    const Population& p = (*generated)->population();
    const uint32_t ico = p.organisations.ids.Find("ZICO1");
    const int year = DefaultQualityYear(p);
    auto own = RunQuality(p, ico, *indicators, year);
    ASSERT_TRUE(own.ok()) << own.status().message();
    auto own_shown = ControlQuality(p, **own, KeptWholeTotal((*own)->scope));
    ASSERT_TRUE(own_shown.ok());
    auto compared = RunComparison(p, p.organisations.parent[ico], *indicators, year);
    ASSERT_TRUE(compared.ok()) << compared.status().message();
    auto totals = IcoTotalsWithheld(p, {ico}, *indicators, year, {});
    ASSERT_TRUE(totals.ok());
    auto compared_shown = ControlComparison(p, *compared, *totals);
    ASSERT_TRUE(compared_shown.ok());
    const QualityEvaluation& a = (*own_shown)->evaluation;
    const QualityEvaluation& b = compared_shown->quality->evaluation;
    ASSERT_EQ(a.first_month, b.first_month);
    ASSERT_EQ(a.month_count, b.month_count);
    ASSERT_EQ(compared->units[0].org, ico);
    for (size_t i = 0; i < a.series.size(); ++i) {
      auto same = [&](const IndicatorPoint& x, const IndicatorPoint& y, const std::string& where) {
        EXPECT_EQ(x.withheld, y.withheld) << where;
        if (!(x.withheld & kNumeratorWithheld)) {
          EXPECT_EQ(x.numerator, y.numerator) << where;
        }
        if (!(x.withheld & kDenominatorWithheld)) {
          EXPECT_EQ(x.denominator, y.denominator) << where;
        }
      };
      const std::string id = a.series[i].indicator->id + " seed " + std::to_string(seed);
      for (int m = 0; m < a.month_count; ++m) {
        same(a.series[i].points[(a.units - 1) * a.month_count + m],
             b.series[i].points[0 * b.month_count + m], id + " month " + std::to_string(m));
      }
      same(a.series[i].period[a.units - 1], b.series[i].period[0], id + " year");
      // An ICO count above 7 withheld for a practice's sake: where the answers used to part.
      const QualityEvaluation& truth = (*own)->evaluation;
      for (size_t k = 0; k < a.series[i].points.size(); ++k) {
        const bool ico_point = k / a.month_count == a.units - 1;
        secondary += ico_point && a.series[i].points[k].withheld &&
                     truth.series[i].points[k].numerator > kLargestSuppressedCount &&
                     truth.series[i].points[k].denominator > kLargestSuppressedCount;
      }
      withheld_totals += a.series[i].period[a.units - 1].withheld != 0;
      for (int m = 0; m < a.month_count; ++m)
        withheld_totals += a.series[i].points[(a.units - 1) * a.month_count + m].withheld != 0;
    }
  }
  // Some ICO counts were withheld, some for a practice's sake, so the agreement was tested where
  // it matters.
  EXPECT_GT(withheld_totals, 0);
  EXPECT_GT(secondary, 0);
}

}  // namespace
}  // namespace continuum
