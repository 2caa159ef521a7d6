#include "report/oversight_segmentation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "clinical/indicator.h"

namespace continuum {
namespace {

// Excel's QUARTILE.INC computed directly from its definition: the k-th quartile is at rank
// 1 + (n - 1) k / 4 of the sorted values (1-based), interpolating between the ranks around it.
double QuartileInc(std::vector<double> v, int k) {
  std::sort(v.begin(), v.end());
  const double rank = 1 + (static_cast<double>(v.size()) - 1) * k / 4;
  const int below = static_cast<int>(rank);
  const double fraction = rank - below;
  if (below >= static_cast<int>(v.size())) return v.back();
  return v[below - 1] + fraction * (v[below] - v[below - 1]);
}

TEST(Segmentation, QuartileScoresMatchADirectComputation) {
  std::mt19937 random(2025);
  for (int trial = 0; trial < 500; ++trial) {
    const int n = 1 + static_cast<int>(random() % 12);
    std::vector<double> values;
    // Whole numbers, so that ties and values on a quartile happen.
    for (int i = 0; i < n; ++i) values.push_back(static_cast<double>(random() % 8));
    const double q1 = QuartileInc(values, 1), q2 = QuartileInc(values, 2),
                 q3 = QuartileInc(values, 3);
    for (double v : values) {
      const int higher = v >= q3 ? 1 : v >= q2 ? 2 : v >= q1 ? 3 : 4;
      const int lower = v <= q1 ? 1 : v <= q2 ? 2 : v <= q3 ? 3 : 4;
      EXPECT_EQ(ScoreByQuartile(v, values, Polarity::kHigherIsBetter), higher);
      EXPECT_EQ(ScoreByQuartile(v, values, Polarity::kLowerIsBetter), lower);
    }
  }
}

// Three ICOs, worked by hand: 0.64, 0.71, 0.80 have Q1 = 0.675, median 0.71, Q3 = 0.755; with
// four distinct values every quartile holds one, so the scores are the ranks.
TEST(Segmentation, QuartileScoresWorkedByHand) {
  const std::vector<double> three = {0.80, 0.64, 0.71};
  EXPECT_EQ(ScoreByQuartile(0.80, three, Polarity::kHigherIsBetter), 1);
  EXPECT_EQ(ScoreByQuartile(0.71, three, Polarity::kHigherIsBetter), 2);
  EXPECT_EQ(ScoreByQuartile(0.64, three, Polarity::kHigherIsBetter), 4);
  EXPECT_EQ(ScoreByQuartile(0.64, three, Polarity::kLowerIsBetter), 1);
  EXPECT_EQ(ScoreByQuartile(0.80, three, Polarity::kLowerIsBetter), 4);
  const std::vector<double> four = {4, 1, 3, 2};
  for (double v : four) EXPECT_EQ(ScoreByQuartile(v, four, Polarity::kLowerIsBetter), v);
  EXPECT_EQ(ScoreByQuartile(5, std::vector<double>{5}, Polarity::kHigherIsBetter), 1);
}

TEST(Segmentation, ThresholdScoresIncludeTheirEdges) {
  const MetricRule lower{.measure = "finance:forecast_variance_pct",
                         .direction = Polarity::kLowerIsBetter,
                         .scoring = Scoring::kThresholds,
                         .thresholds = {0, 1, 2}};
  const std::vector<std::pair<double, double>> cases = {{-3, 1},   {0, 1}, {0.5, 2},  {1, 2},
                                                        {1.01, 3}, {2, 3}, {2.01, 4}, {40, 4}};
  for (auto [value, score] : cases) EXPECT_EQ(ScoreByThresholds(value, lower), score) << value;
  const MetricRule higher{.measure = "quality:x",
                          .direction = Polarity::kHigherIsBetter,
                          .scoring = Scoring::kThresholds,
                          .thresholds = {0.9, 0.8, 0.7}};
  EXPECT_EQ(ScoreByThresholds(0.95, higher), 1);
  EXPECT_EQ(ScoreByThresholds(0.8, higher), 2);
  EXPECT_EQ(ScoreByThresholds(0.75, higher), 3);
  EXPECT_EQ(ScoreByThresholds(0.69, higher), 4);
}

// Scores 1, 2, 4 and 3 average 2.5: segment 2 (at most 2.5), with the 4 and the 3 as reasons;
// a deficit holds it to segment 3. Scores of 4 and 4 average 4: segment 4, which a deficit
// leaves alone.
TEST(Segmentation, SegmentReasonsAndTheFinancialOverride) {
  const SegmentationRules rules = *ShippedSegmentationRules();
  const std::vector<MetricScore> scores = {{"a", 0, 1}, {"b", 0, 2}, {"c", 0, 4}, {"d", 0, 3}};
  const SegmentResult plain = Segment(rules, scores, false);
  EXPECT_EQ(plain.average, 2.5);
  EXPECT_EQ(plain.segment, 2);
  EXPECT_FALSE(plain.financial_override);
  EXPECT_EQ(plain.reasons, (std::vector<std::string>{"c scored 4", "d scored 3"}));
  const SegmentResult deficit = Segment(rules, scores, true);
  EXPECT_EQ(deficit.segment, 3);
  EXPECT_EQ(deficit.segment_before_override, 2);
  EXPECT_TRUE(deficit.financial_override);
  EXPECT_EQ(deficit.reasons.size(), 3u);
  const std::vector<MetricScore> worst = {{"a", 0, 4}, {"b", 0, 4}};
  const SegmentResult poor = Segment(rules, worst, true);
  EXPECT_EQ(poor.segment, 4);
  EXPECT_FALSE(poor.financial_override);
  EXPECT_EQ(Segment(rules, {}, true).segment, 0);
}

// Every quality metric the shipped rules score is a shipped indicator, scored in the direction
// the indicator says is better.
TEST(Segmentation, ShippedRulesScoreShippedIndicatorsTheRightWay) {
  auto rules = ShippedSegmentationRules();
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  auto indicators = ShippedIndicators();
  ASSERT_TRUE(indicators.ok());
  int quality = 0;
  for (const MetricRule& rule : rules->metrics) {
    if (!rule.measure.starts_with("quality:")) continue;
    ++quality;
    const std::string id = rule.measure.substr(8);
    auto at = std::find_if(indicators->begin(), indicators->end(),
                           [&](const Indicator& i) { return i.id == id; });
    ASSERT_NE(at, indicators->end()) << id;
    EXPECT_EQ(at->polarity, rule.direction) << id;
  }
  EXPECT_GE(quality, 8);
}

TEST(Segmentation, BadRulesNameTheFieldAndWhy) {
  const std::string good_segments = R"({"segments": [{"segment": 1, "max_average": 1.5},
      {"segment": 2, "max_average": 2.5}, {"segment": 3, "max_average": 3.5},
      {"segment": 4, "max_average": null}], "financial_override": {"best_segment": 3},)";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"segments": [], "financial_override": {"best_segment": 3}, "metrics": []})",
       "s.json, field segments: must list segments 1, 2, 3 and 4 in order"},
      {R"({"segments": [{"segment": 1, "max_average": 1.5}, {"segment": 2, "max_average": 1.2},
          {"segment": 3, "max_average": 3.5}, {"segment": 4, "max_average": null}],
          "financial_override": {"best_segment": 3}, "metrics": []})",
       "s.json, field segments[1].max_average: must lie between 1.50 and 4, above the segment "
       "before"},
      {good_segments + R"(
          "metrics": [{"measure": "finance:forecast_variance_pct", "direction": "lower_is_better",
                       "scoring": "thresholds", "thresholds": [2, 1, 0]}]})",
       "s.json, field metrics[0].thresholds[1]: cut points must run from best to worst for "
       "lower_is_better"},
      {good_segments + R"(
          "metrics": [{"measure": "spend", "direction": "lower_is_better",
                       "scoring": "quartile"}]})",
       "s.json, field metrics[0].measure: must be finance:forecast_variance_pct or "
       "quality:<indicator id>"},
  };
  for (const auto& [json, message] : cases) {
    auto rules = ParseSegmentationRules(json, "s.json");
    ASSERT_FALSE(rules.ok()) << json;
    EXPECT_EQ(rules.status().message(), message);
  }
}

}  // namespace
}  // namespace continuum
