#include "stats/spc.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace continuum {
namespace {

// Twelve baseline points 9, 11, 9, 11, …: mean 10, every moving range 2, so the process limits
// are 10 ± 2.66 × 2 = 4.68 and 15.32 and the 2σ lines 10 ± 3.5467 = 6.4533 and 13.5467. The
// baseline alone signals nothing: it alternates about the mean.
constexpr size_t kBaseline = 12;

// The chart of the baseline followed by `tail`. Each tail starts with a 10, on the mean, so that
// no run carries over from the baseline's last point.
XmrChart Chart(const std::vector<double>& tail) {
  std::vector<double> values;
  for (size_t i = 0; i < kBaseline; ++i) values.push_back(i % 2 == 0 ? 9 : 11);
  values.insert(values.end(), tail.begin(), tail.end());
  Result<XmrChart> chart = BuildXmrChart(values, {.baseline_points = kBaseline});
  EXPECT_TRUE(chart.ok()) << chart.status().message();
  return *chart;
}

// Every rule's flags, "rule:points; rule:points", the points counted from `from` (the start of
// the tail by default), for checking that exactly the expected rules fired.
std::string AllFlags(const XmrChart& chart, size_t from = kBaseline) {
  std::string out;
  const auto add = [&](const char* name, bool SpecialCause::*rule) {
    std::string points;
    for (size_t i = from; i < chart.points.size(); ++i) {
      if (chart.points[i].*rule) points += (points.empty() ? "" : " ") + std::to_string(i - from);
    }
    if (!points.empty()) out += std::string(out.empty() ? "" : "; ") + name + ":" + points;
  };
  add("above", &SpecialCause::above_upper_limit);
  add("below", &SpecialCause::below_lower_limit);
  add("shift_above", &SpecialCause::shift_above);
  add("shift_below", &SpecialCause::shift_below);
  add("rising", &SpecialCause::trend_rising);
  add("falling", &SpecialCause::trend_falling);
  add("near_upper", &SpecialCause::near_upper_limit);
  add("near_lower", &SpecialCause::near_lower_limit);
  return out;
}

TEST(Spc, LimitsFromTheMeanMovingRange) {
  // 5, 7, 6, 9, 8: mean 7; moving ranges 2, 1, 3, 1, mean 1.75; limits 7 ± 2.66 × 1.75 = 7 ± 4.655.
  Result<XmrChart> chart = BuildXmrChart(std::vector<double>{5, 7, 6, 9, 8});
  ASSERT_TRUE(chart.ok());
  EXPECT_DOUBLE_EQ(chart->mean, 7);
  EXPECT_DOUBLE_EQ(chart->mean_moving_range, 1.75);
  EXPECT_DOUBLE_EQ(chart->upper_process_limit, 11.655);
  EXPECT_DOUBLE_EQ(chart->lower_process_limit, 2.345);
  EXPECT_DOUBLE_EQ(chart->UpperTwoSigma(), 7 + 3.1033333333333333);
  EXPECT_DOUBLE_EQ(chart->LowerTwoSigma(), 7 - 3.1033333333333333);
  // Only the first five points make the limits when they are the baseline; the later points are
  // judged against them.
  Result<XmrChart> based =
      BuildXmrChart(std::vector<double>{5, 7, 6, 9, 8, 20, 21}, {.baseline_points = 5});
  ASSERT_TRUE(based.ok());
  EXPECT_DOUBLE_EQ(based->upper_process_limit, 11.655);
  EXPECT_TRUE(based->points[5].above_upper_limit);
  EXPECT_TRUE(based->points[6].above_upper_limit);
  EXPECT_FALSE(based->points[4].High());
}

TEST(Spc, RefusesChartsItCannotDraw) {
  EXPECT_FALSE(BuildXmrChart(std::vector<double>{5}).ok());
  EXPECT_FALSE(BuildXmrChart(std::vector<double>{5, 6, 7}, {.baseline_points = 1}).ok());
  EXPECT_FALSE(BuildXmrChart(std::vector<double>{5, 6, 7}, {.baseline_points = 4}).ok());
  EXPECT_FALSE(BuildXmrChart(std::vector<double>{5, 6, 7}, {.trend_points = 1}).ok());
  Result<XmrChart> nan = BuildXmrChart(std::vector<double>{5, 6, std::nan("")});
  EXPECT_EQ(nan.status().message(), "point 3 of the chart is not a number");
  // Finite values whose limits are not.
  Result<XmrChart> huge = BuildXmrChart(std::vector<double>{1e300, -1e300, 1.7e308});
  EXPECT_NE(huge.status().message().find("too large to chart"), std::string::npos);
}

TEST(Spc, RuleOneSinglePointBeyondALimit) {
  EXPECT_EQ(AllFlags(Chart({10, 16, 10})), "above:1");
  EXPECT_EQ(AllFlags(Chart({10, 4, 10})), "below:1");
  // Inside the limits, though beyond the 2σ line: nothing.
  EXPECT_EQ(AllFlags(Chart({10, 15.3, 10})), "");
  EXPECT_EQ(AllFlags(Chart({10, 4.7, 10})), "");
}

TEST(Spc, RuleTwoShiftOfSevenOnOneSideOfTheMean) {
  EXPECT_EQ(AllFlags(Chart({10, 10.5, 11, 10.5, 11, 10.5, 11, 10.5, 10})),
            "shift_above:1 2 3 4 5 6 7");
  EXPECT_EQ(AllFlags(Chart({10, 9.5, 9, 9.5, 9, 9.5, 9, 9.5, 10})), "shift_below:1 2 3 4 5 6 7");
  // Six is not a shift.
  EXPECT_EQ(AllFlags(Chart({10, 10.5, 11, 10.5, 11, 10.5, 11, 10})), "");
  EXPECT_EQ(AllFlags(Chart({10, 9.5, 9, 9.5, 9, 9.5, 9, 10})), "");
  // A point on the mean breaks the run: three and three.
  EXPECT_EQ(AllFlags(Chart({10, 10.5, 11, 10.5, 10, 11, 10.5, 11, 10})), "");
}

TEST(Spc, ShiftLengthIsAParameter) {
  std::vector<double> values = {9, 11, 9, 11, 10, 10.5, 11, 10.5, 11, 10.5, 11, 10};
  Result<XmrChart> six = BuildXmrChart(values, {.baseline_points = 4, .shift_points = 6});
  ASSERT_TRUE(six.ok());
  EXPECT_TRUE(six->points[5].shift_above);
  EXPECT_FALSE(BuildXmrChart(values, {.baseline_points = 4})->points[5].shift_above);
}

TEST(Spc, RuleThreeTrendOfSevenRisingOrFalling) {
  // 7, 8, 9, 10.5, 11, 12, 13: seven points, each above the last, both ends counted; three below
  // the mean and four above, so no shift, and none beyond a 2σ line.
  EXPECT_EQ(AllFlags(Chart({10, 7, 8, 9, 10.5, 11, 12, 13, 10})), "rising:1 2 3 4 5 6 7");
  EXPECT_EQ(AllFlags(Chart({10, 13, 12, 11, 9.5, 9, 8, 7, 10})), "falling:1 2 3 4 5 6 7");
  // Six rising points are not a trend.
  EXPECT_EQ(AllFlags(Chart({10, 8, 9, 10.5, 11, 12, 13, 10})), "");
  EXPECT_EQ(AllFlags(Chart({10, 12, 11, 9.5, 9, 8, 7, 10})), "");
  // Nor are eight with a repeated value in the middle: a tie ends a trend (MDC's SQL tool).
  EXPECT_EQ(AllFlags(Chart({10, 7, 8, 9, 9, 10.5, 11, 12, 13, 10})), "");
}

TEST(Spc, RuleFourTwoOfThreeBeyondTwoSigma) {
  // 14, 10.5, 14: all three above the mean, two beyond the upper 2σ line (13.5467); the two are
  // flagged, the point between them is not.
  EXPECT_EQ(AllFlags(Chart({10, 14, 10.5, 14, 10})), "near_upper:1 3");
  EXPECT_EQ(AllFlags(Chart({10, 6, 9.5, 6, 10})), "near_lower:1 3");
  EXPECT_EQ(AllFlags(Chart({10, 14, 14.5, 14, 10})), "near_upper:1 2 3");
  // The third point on the other side of the mean: no signal (MDC's SQL tool from v2.1).
  EXPECT_EQ(AllFlags(Chart({10, 14, 9, 14, 10})), "");
  // Two beyond the line but not within three consecutive points: no signal.
  EXPECT_EQ(AllFlags(Chart({10, 14, 10.5, 10.5, 14, 10})), "");
  // A point beyond the process limit counts towards the two (MDC's SQL tool from v2.6).
  EXPECT_EQ(AllFlags(Chart({10, 16, 10.5, 14, 10})), "above:1; near_upper:1 3");
}

TEST(Spc, MakingDataCountsOwnExamples) {
  // The sample data of NHS England's SPC SQL tool v2.6 (metric M1, weekly compliance, higher is
  // better), whose annotations name the rule each series was made to show; seven-point rules, as
  // in those annotations.
  const std::vector<double> total = {0.922, 0.928, 0.93,  0.926, 0.926, 0.923, 0.921, 0.918, 0.925,
                                     0.91,  0.92,  0.924, 0.923, 0.92,  0.925, 0.928, 0.927, 0.921,
                                     0.918, 0.921, 0.925, 0.939, 0.929, 0.927, 0.925, 0.926};
  Result<XmrChart> chart = BuildXmrChart(total);
  ASSERT_TRUE(chart.ok());
  // Sum 24.027 over 26 points; moving ranges sum to 0.114 over 25.
  EXPECT_NEAR(chart->mean, 24.027 / 26, 1e-15);
  EXPECT_NEAR(chart->mean_moving_range, 0.00456, 1e-15);
  EXPECT_NEAR(chart->upper_process_limit, 0.9362449846153846, 1e-15);
  EXPECT_NEAR(chart->lower_process_limit, 0.9119857846153846, 1e-15);
  // "Below lower process limit" on 8 March 2021 (point 9), "Above upper process limit" on 31 May
  // (point 21), and nothing else.
  EXPECT_EQ(AllFlags(*chart, 0), "above:21; below:9");
  EXPECT_EQ(LatestVariation(*chart, Polarity::kHigherIsBetter), Variation::kCommonCause);
  // The metric's target is 95%, above the upper limit: it will consistently fail.
  EXPECT_EQ(ClassifyAssurance(*chart, Polarity::kHigherIsBetter, 0.95),
            Assurance::kConsistentlyFails);

  // Department B: "Start of seven points increasing" 1 February (point 4), "Start of seven points
  // decreasing" 19 April (point 15).
  Result<XmrChart> trends = BuildXmrChart(std::vector<double>{
      0.965, 0.956, 0.963, 0.952, 0.947, 0.951, 0.956, 0.958, 0.962, 0.965, 0.967, 0.961, 0.958,
      0.947, 0.952, 0.963, 0.961, 0.96,  0.957, 0.956, 0.955, 0.952, 0.959, 0.963, 0.954, 0.956});
  ASSERT_TRUE(trends.ok());
  EXPECT_EQ(AllFlags(*trends, 0), "rising:4 5 6 7 8 9 10; falling:15 16 17 18 19 20 21");
  EXPECT_EQ(PointVariation(trends->points[4], Polarity::kHigherIsBetter), Variation::kImproving);
  EXPECT_EQ(PointVariation(trends->points[15], Polarity::kHigherIsBetter), Variation::kConcerning);

  // Department C: "Two out of three points beyond two-sigma with the other point on the same side
  // of the mean" 22 March (points 11 and 12), "Three out of three points beyond two-sigma" 14 June
  // (points 23 to 25). Mean 23.714 / 26 = 0.912077, 2σ lines ± 2/3 × 2.66 × 0.006 = ± 0.01064.
  Result<XmrChart> near = BuildXmrChart(std::vector<double>{
      0.913, 0.911, 0.912, 0.909, 0.912, 0.923, 0.905, 0.923, 0.912, 0.905, 0.905, 0.898, 0.901,
      0.915, 0.91,  0.905, 0.912, 0.91,  0.907, 0.915, 0.912, 0.909, 0.92,  0.923, 0.924, 0.923});
  ASSERT_TRUE(near.ok());
  EXPECT_EQ(AllFlags(*near, 0), "near_upper:23 24 25; near_lower:11 12");
  EXPECT_EQ(LatestVariation(*near, Polarity::kHigherIsBetter), Variation::kImproving);
  EXPECT_EQ(LatestVariation(*near, Polarity::kLowerIsBetter), Variation::kConcerning);
  EXPECT_EQ(LatestVariation(*near, Polarity::kNeither), Variation::kHigh);
}

TEST(Spc, ConflictingSignalsFollowTheMetricsRule) {
  // Department D of the same sample: "Start of increase (improvement) while still below mean
  // (concern)" on 26 April; the latest point is both in a rising trend and in a run below the
  // mean. MDC's example metric resolves conflicts to concern.
  const std::vector<double> d = {0.971, 0.973, 0.978, 0.979, 0.981, 0.985, 0.987, 0.991, 0.993,
                                 0.987, 0.982, 0.98,  0.979, 0.972, 0.964, 0.962, 0.958, 0.96,
                                 0.961, 0.963, 0.964, 0.965, 0.966, 0.968, 0.97,  0.972};
  Result<XmrChart> chart = BuildXmrChart(d);
  ASSERT_TRUE(chart.ok());
  const SpecialCause& latest = chart->points.back();
  EXPECT_TRUE(latest.trend_rising);
  EXPECT_TRUE(latest.shift_below);
  EXPECT_EQ(LatestVariation(*chart, Polarity::kHigherIsBetter), Variation::kConcerning);
  EXPECT_EQ(LatestVariation(*chart, Polarity::kHigherIsBetter, ConflictRule::kImprovement),
            Variation::kImproving);
  EXPECT_EQ(LatestVariation(*chart, Polarity::kNeither), Variation::kHigh);
  // The peak on 1 March ends a rise and starts a fall: both trends at once.
  EXPECT_TRUE(chart->points[8].trend_rising);
  EXPECT_TRUE(chart->points[8].trend_falling);
}

TEST(Spc, VariationIconOfTheLatestPoint) {
  const XmrChart high = Chart({10, 16});
  EXPECT_EQ(LatestVariation(high, Polarity::kHigherIsBetter), Variation::kImproving);
  EXPECT_EQ(LatestVariation(high, Polarity::kLowerIsBetter), Variation::kConcerning);
  EXPECT_EQ(LatestVariation(high, Polarity::kNeither), Variation::kHigh);
  const XmrChart low = Chart({10, 4});
  EXPECT_EQ(LatestVariation(low, Polarity::kHigherIsBetter), Variation::kConcerning);
  EXPECT_EQ(LatestVariation(low, Polarity::kLowerIsBetter), Variation::kImproving);
  EXPECT_EQ(LatestVariation(low, Polarity::kNeither), Variation::kLow);
  // A signal earlier on does not make the latest point special.
  const XmrChart earlier = Chart({10, 16, 10});
  EXPECT_EQ(LatestVariation(earlier, Polarity::kHigherIsBetter), Variation::kCommonCause);
  EXPECT_EQ(LatestVariation(earlier, Polarity::kNeither), Variation::kCommonCause);
}

TEST(Spc, AssuranceAgainstATarget) {
  const XmrChart chart = Chart({10});  // limits 4.68 and 15.32
  EXPECT_EQ(ClassifyAssurance(chart, Polarity::kHigherIsBetter, 4), Assurance::kConsistentlyPasses);
  EXPECT_EQ(ClassifyAssurance(chart, Polarity::kHigherIsBetter, 10), Assurance::kHitAndMiss);
  EXPECT_EQ(ClassifyAssurance(chart, Polarity::kHigherIsBetter, 16), Assurance::kConsistentlyFails);
  EXPECT_EQ(ClassifyAssurance(chart, Polarity::kLowerIsBetter, 16), Assurance::kConsistentlyPasses);
  EXPECT_EQ(ClassifyAssurance(chart, Polarity::kLowerIsBetter, 10), Assurance::kHitAndMiss);
  EXPECT_EQ(ClassifyAssurance(chart, Polarity::kLowerIsBetter, 4), Assurance::kConsistentlyFails);
  // A target on a limit is beyond it.
  EXPECT_EQ(ClassifyAssurance(chart, Polarity::kHigherIsBetter, chart.lower_process_limit),
            Assurance::kConsistentlyPasses);
  EXPECT_EQ(ClassifyAssurance(chart, Polarity::kLowerIsBetter, chart.lower_process_limit),
            Assurance::kConsistentlyFails);
  EXPECT_EQ(ClassifyAssurance(chart, Polarity::kNeither, 10), std::nullopt);
}

}  // namespace
}  // namespace continuum

namespace continuum {
namespace {

TEST(SpcPlotTheDots, ScreensOutlyingMovingRanges) {
  // 10, 11, 10, 11, 10, 30, 10, 11: moving ranges 1, 1, 1, 1, 20, 20, 1, mean 45 / 7 = 6.43; the
  // two of 20 are below 3.267 × 6.43 = 21.0, so both stay.
  const std::vector<double> kept = {10, 11, 10, 11, 10, 30, 10, 11};
  Result<XmrChart> ptd = BuildXmrChart(kept, {.rules = SpcRules::kPlotTheDots});
  ASSERT_TRUE(ptd.ok());
  EXPECT_EQ(ptd->screened_moving_ranges, 0u);
  EXPECT_DOUBLE_EQ(ptd->mean_moving_range, 45.0 / 7);

  // Twelve points alternating 10, 11 and one of 40: ranges eleven of 1 and two of 29 (sum 69 over
  // 13, mean 5.3077; 3.267 × 5.3077 = 17.34): the two of 29 are screened out, leaving a mean of
  // 1 and limits of mean ± 2.66. MDC keeps them: limits of mean ± 2.66 × 5.3077 = ± 14.12.
  std::vector<double> spike = {10, 11, 10, 11, 10, 11, 40, 11, 10, 11, 10, 11, 10, 11};
  Result<XmrChart> screened = BuildXmrChart(spike, {.rules = SpcRules::kPlotTheDots});
  Result<XmrChart> mdc = BuildXmrChart(spike, {.rules = SpcRules::kMakingDataCount});
  ASSERT_TRUE(screened.ok() && mdc.ok());
  EXPECT_EQ(screened->screened_moving_ranges, 2u);
  EXPECT_DOUBLE_EQ(screened->mean_moving_range, 1);
  EXPECT_DOUBLE_EQ(mdc->mean_moving_range, 69.0 / 13);
  const double mean = (6 * 10 + 7 * 11 + 40) / 14.0;  // 12.643
  EXPECT_DOUBLE_EQ(screened->mean, mean);
  EXPECT_DOUBLE_EQ(screened->upper_process_limit, mean + 2.66);
  EXPECT_NEAR(mdc->upper_process_limit, mean + 2.66 * 69 / 13, 1e-12);
  EXPECT_EQ(mdc->screened_moving_ranges, 0u);
  // The spike is outside either way (40 > 12.64 + 14.12); the screened limits, 9.98 to 15.28, are
  // those of the ordinary month-to-month variation.
  EXPECT_TRUE(screened->points[6].above_upper_limit);
  EXPECT_TRUE(mdc->points[6].above_upper_limit);
  EXPECT_NEAR(screened->lower_process_limit, 9.982857, 1e-6);
}

TEST(SpcPlotTheDots, AConstantBaselineIsNotScreened) {
  Result<XmrChart> flat =
      BuildXmrChart(std::vector<double>{5, 5, 5, 5}, {.rules = SpcRules::kPlotTheDots});
  ASSERT_TRUE(flat.ok());
  EXPECT_EQ(flat->mean_moving_range, 0);
  EXPECT_EQ(flat->upper_process_limit, 5);
  EXPECT_EQ(flat->screened_moving_ranges, 0u);
}

TEST(SpcPlotTheDots, TwoInThreeCountsOnlyPointsWithinTheLimits) {
  // Baseline 9, 11, … (limits 4.68 and 15.32, 2σ line 13.55), then 14 and 16: under MDC the point
  // beyond the limit counts towards two of three; NHSRplotthedots counts only the 14, which alone
  // is not two.
  std::vector<double> values;
  for (int i = 0; i < 12; ++i) values.push_back(i % 2 == 0 ? 9 : 11);
  for (double v : {10.0, 14.0, 16.0, 11.0}) values.push_back(v);
  Result<XmrChart> mdc = BuildXmrChart(values, {.baseline_points = 12});
  Result<XmrChart> ptd =
      BuildXmrChart(values, {.rules = SpcRules::kPlotTheDots, .baseline_points = 12});
  ASSERT_TRUE(mdc.ok() && ptd.ok());
  EXPECT_TRUE(mdc->points[13].near_upper_limit);
  EXPECT_TRUE(mdc->points[14].near_upper_limit);
  EXPECT_FALSE(ptd->points[13].near_upper_limit);
  EXPECT_FALSE(ptd->points[14].near_upper_limit);
  EXPECT_TRUE(ptd->points[14].above_upper_limit);
  // Read as one signal: the 14 is improvement by two in three under MDC, common cause under ptd.
  const PointReading m = ReadPoint(*mdc, values, 13, Polarity::kHigherIsBetter);
  const PointReading p = ReadPoint(*ptd, values, 13, Polarity::kHigherIsBetter);
  EXPECT_EQ(m.variation, Variation::kImproving);
  EXPECT_EQ(SpcRuleName(m.rule), "two_in_three");
  EXPECT_EQ(p.variation, Variation::kCommonCause);
  EXPECT_EQ(SpcRuleName(p.rule), "");
  const PointReading beyond = ReadPoint(*ptd, values, 14, Polarity::kLowerIsBetter);
  EXPECT_EQ(beyond.variation, Variation::kConcerning);
  EXPECT_EQ(SpcRuleName(beyond.rule), "outside_limits");
}

TEST(SpcPlotTheDots, OneRuleDecidesAPointsDirection) {
  // MDC's department D: the latest point rises in a trend while below the mean. MDC's tool shows
  // concern (the metric's conflict rule); NHSRplotthedots reads the trend first: improvement.
  const std::vector<double> d = {0.971, 0.973, 0.978, 0.979, 0.981, 0.985, 0.987, 0.991, 0.993,
                                 0.987, 0.982, 0.98,  0.979, 0.972, 0.964, 0.962, 0.958, 0.96,
                                 0.961, 0.963, 0.964, 0.965, 0.966, 0.968, 0.97,  0.972};
  Result<XmrChart> mdc = BuildXmrChart(d);
  Result<XmrChart> ptd = BuildXmrChart(d, {.rules = SpcRules::kPlotTheDots});
  ASSERT_TRUE(mdc.ok() && ptd.ok());
  const size_t last = d.size() - 1;
  const PointReading m = ReadPoint(*mdc, d, last, Polarity::kHigherIsBetter);
  EXPECT_EQ(m.variation, Variation::kConcerning);
  EXPECT_EQ(SpcRuleName(m.rule), "seven_one_side");
  const PointReading p = ReadPoint(*ptd, d, last, Polarity::kHigherIsBetter);
  EXPECT_EQ(p.variation, Variation::kImproving);
  EXPECT_EQ(SpcRuleName(p.rule), "seven_trend");
  // With no better direction, a signal is high or low.
  EXPECT_EQ(ReadPoint(*ptd, d, last, Polarity::kNeither).variation, Variation::kHigh);

  // Within wide limits (0, 20, 0, 20, …), a rise 10 … 16 and a fall 16 … 10 share their peak:
  // NHSRplotthedots reads the fall after it, and a trough the rise after it.
  std::vector<double> turns;
  for (int i = 0; i < 20; ++i) turns.push_back(i % 2 == 0 ? 0 : 20);
  for (double v : {10, 11, 12, 13, 14, 15, 16, 15, 14, 13, 12, 11, 10, 11, 12, 13, 14, 15, 16}) {
    turns.push_back(v);
  }
  Result<XmrChart> wide = BuildXmrChart(turns, {.rules = SpcRules::kPlotTheDots});
  ASSERT_TRUE(wide.ok());
  const size_t peak = 26, trough = 32;
  ASSERT_TRUE(wide->points[peak].trend_rising && wide->points[peak].trend_falling);
  ASSERT_TRUE(wide->points[trough].trend_rising && wide->points[trough].trend_falling);
  EXPECT_EQ(ReadPoint(*wide, turns, peak, Polarity::kHigherIsBetter).variation,
            Variation::kConcerning);
  EXPECT_EQ(ReadPoint(*wide, turns, peak, Polarity::kNeither).variation, Variation::kLow);
  EXPECT_EQ(ReadPoint(*wide, turns, trough, Polarity::kHigherIsBetter).variation,
            Variation::kImproving);
  EXPECT_EQ(ReadPoint(*wide, turns, peak - 1, Polarity::kHigherIsBetter).variation,
            Variation::kImproving);
}

TEST(SpcPlotTheDots, NamesOfRulesAndRuleSets) {
  EXPECT_EQ(SpcRulesNamed("ptd"), SpcRules::kPlotTheDots);
  EXPECT_EQ(SpcRulesNamed("mdc"), SpcRules::kMakingDataCount);
  EXPECT_EQ(SpcRulesNamed("nelson"), std::nullopt);
  EXPECT_EQ(SpcRulesName(SpcRules::kPlotTheDots), "ptd");
  EXPECT_EQ(SpcRuleName(SpcRule::kSevenOneSide), "seven_one_side");
  EXPECT_EQ(SpcRuleName(SpcRule::kOutsideLimits), "outside_limits");
}

}  // namespace
}  // namespace continuum
