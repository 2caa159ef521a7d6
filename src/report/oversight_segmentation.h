// Segmentation in the manner of the NHS Oversight Framework: each scored metric gets a score from
// 1 (best) to 4, the scores are averaged, the average falls into segment 1-4 by fixed
// thresholds, and an ICO forecasting a deficit after risk sharing is held to segment 3 at best.
// The rules are data (data/oversight/segmentation.json, docs/oversight.md).
//
//   Result<SegmentationRules> rules = ShippedSegmentationRules();
//   double s = ScoreByQuartile(0.71, {0.64, 0.71, 0.80}, Polarity::kHigherIsBetter);   // 2
//   SegmentResult r = Segment(*rules, scores, /*deficit=*/true);   // r.segment >= 3
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "stats/spc.h"

namespace continuum {

enum class Scoring { kQuartile, kThresholds };
inline constexpr std::string_view kScoringCodes[] = {"quartile", "thresholds"};

struct MetricRule {
  std::string measure;  // "finance:forecast_variance_pct" or "quality:<indicator id>"
  Polarity direction = Polarity::kHigherIsBetter;
  Scoring scoring = Scoring::kQuartile;
  // For kThresholds: three cut points from best to worst; a value at or better than the first
  // scores 1, at or better than the second 2, than the third 3, else 4.
  std::vector<double> thresholds;
};

struct SegmentationRules {
  std::string source;               // where the method comes from, for the report
  std::vector<double> max_average;  // segments 1..3: the highest average each takes
  int override_best_segment = 3;    // the best segment an ICO forecasting a deficit may have
  std::vector<MetricRule> metrics;
};

// Reads rules from JSON text; `file_name` names it in messages. Every problem names the field.
Result<SegmentationRules> ParseSegmentationRules(std::string_view json,
                                                 const std::string& file_name);
Result<SegmentationRules> ReadSegmentationRules(const std::string& path);
// data/oversight/segmentation.json, compiled in.
Result<SegmentationRules> ShippedSegmentationRules();

// The quartile of `value` among `values` (those of every ICO compared, `value` among them), with
// the quartiles Q1-Q3 interpolated between closest ranks (Excel's QUARTILE.INC): for higher is
// better, at or above Q3 scores 1, at or above the median 2, at or above Q1 3, else 4; mirrored
// for lower is better.
double ScoreByQuartile(double value, std::span<const double> values, Polarity direction);
// 1-4 by the rule's three cut points.
double ScoreByThresholds(double value, const MetricRule& rule);

struct MetricScore {
  std::string measure;
  double value = 0;
  double score = 0;  // 1 (best) to 4
};

struct SegmentResult {
  double average = 0;  // of the metric scores; 0 when none was scored
  int segment = 0;     // 1-4; 0 when no metric was scored
  int segment_before_override = 0;
  bool financial_override = false;   // the deficit held the ICO below its scored segment
  std::vector<std::string> reasons;  // the metrics that scored 3 or worse, then the override
};

// The segment of one ICO from its metric scores; `deficit`: it forecasts a loss after risk
// sharing.
SegmentResult Segment(const SegmentationRules& rules, std::span<const MetricScore> scores,
                      bool deficit);

}  // namespace continuum
