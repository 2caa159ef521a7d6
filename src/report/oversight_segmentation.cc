#include "report/oversight_segmentation.h"

#include <algorithm>
#include <cmath>

#include "codec/json_reader.h"
#include "core/embedded.h"
#include "report/text_table.h"

namespace continuum {
namespace {

constexpr std::string_view kDirectionCodes[] = {"higher_is_better", "lower_is_better"};

// Whether `a` is at least as good as `b`.
bool AtLeastAsGood(double a, double b, Polarity direction) {
  return direction == Polarity::kLowerIsBetter ? a <= b : a >= b;
}

// The p-th quantile of sorted values, interpolating between closest ranks.
double Quantile(const std::vector<double>& sorted, double p) {
  const double h = (static_cast<double>(sorted.size()) - 1) * p;
  const auto low = static_cast<size_t>(std::floor(h));
  const size_t high = std::min(low + 1, sorted.size() - 1);
  return sorted[low] + (h - static_cast<double>(low)) * (sorted[high] - sorted[low]);
}

Result<MetricRule> ReadMetric(const JsonValue& value) {
  auto o = value.Object({"measure", "direction", "scoring", "thresholds"});
  if (!o.ok()) return o.status();
  MetricRule rule;
  auto measure = o->String("measure");
  if (!measure.ok()) return measure.status();
  if (!measure->starts_with("quality:") && *measure != "finance:forecast_variance_pct")
    return o->Required("measure")->Error(
        "must be finance:forecast_variance_pct or quality:<indicator id>");
  rule.measure = *measure;
  auto direction = o->Required("direction");
  if (!direction.ok()) return direction.status();
  auto d = direction->OneOf(kDirectionCodes);
  if (!d.ok()) return d.status();
  rule.direction = *d == 0 ? Polarity::kHigherIsBetter : Polarity::kLowerIsBetter;
  auto scoring = o->Required("scoring");
  if (!scoring.ok()) return scoring.status();
  auto s = scoring->OneOf(kScoringCodes);
  if (!s.ok()) return s.status();
  rule.scoring = static_cast<Scoring>(*s);
  const std::optional<JsonValue> thresholds = o->Optional("thresholds");
  if (rule.scoring == Scoring::kQuartile) {
    if (thresholds) return thresholds->Error("only a thresholds scoring takes thresholds");
    return rule;
  }
  if (!thresholds) return o->Required("thresholds").status();
  auto cuts = thresholds->Array();
  if (!cuts.ok()) return cuts.status();
  if (cuts->size() != 3)
    return thresholds->Error("must hold three cut points, for scores 1, 2 and 3");
  for (const JsonValue& cut : *cuts) {
    auto number = cut.Number();
    if (!number.ok()) return number.status();
    if (!rule.thresholds.empty() && !AtLeastAsGood(rule.thresholds.back(), *number, rule.direction))
      return cut.Error("cut points must run from best to worst for " +
                       std::string(kDirectionCodes[*d]));
    rule.thresholds.push_back(*number);
  }
  return rule;
}

Result<SegmentationRules> RulesOf(const JsonDocument& doc) {
  auto root = doc.root().Object({"source", "segments", "financial_override", "metrics"});
  if (!root.ok()) return root.status();
  SegmentationRules rules;
  if (root->Has("source")) {
    auto source = root->String("source");
    if (!source.ok()) return source.status();
    rules.source = *source;
  }
  auto segments = root->Array("segments");
  if (!segments.ok()) return segments.status();
  if (segments->size() != 4)
    return root->Required("segments")->Error("must list segments 1, 2, 3 and 4 in order");
  for (size_t i = 0; i < segments->size(); ++i) {
    auto s = (*segments)[i].Object({"segment", "max_average"});
    if (!s.ok()) return s.status();
    auto number = s->Required("segment");
    if (!number.ok()) return number.status();
    auto n = number->Integer();
    if (!n.ok()) return n.status();
    if (*n != static_cast<int64_t>(i) + 1)
      return number->Error("must be " + std::to_string(i + 1) + ": segments are listed in order");
    auto max = s->Required("max_average");
    if (!max.ok()) return max.status();
    if (i == 3) {
      if (!max->IsNull())
        return max->Error("segment 4 takes every average above segment 3's, so null");
      continue;
    }
    auto m = max->Number();
    if (!m.ok()) return m.status();
    const double floor = rules.max_average.empty() ? 1 : rules.max_average.back();
    if (*m < floor || *m > 4)
      return max->Error("must lie between " + Decimal(floor, 2) +
                        " and 4, above the segment before");
    rules.max_average.push_back(*m);
  }
  auto override_ = root->Object("financial_override", {"best_segment"});
  if (!override_.ok()) return override_.status();
  auto best = override_->Required("best_segment");
  if (!best.ok()) return best.status();
  auto b = best->Integer();
  if (!b.ok()) return b.status();
  if (*b < 1 || *b > 4) return best->Error("must be a segment, 1 to 4");
  rules.override_best_segment = static_cast<int>(*b);
  auto metrics = root->Array("metrics");
  if (!metrics.ok()) return metrics.status();
  if (metrics->empty()) return root->Required("metrics")->Error("must name at least one metric");
  for (const JsonValue& m : *metrics) {
    auto rule = ReadMetric(m);
    if (!rule.ok()) return rule.status();
    for (const MetricRule& other : rules.metrics) {
      if (other.measure == rule->measure) return m.Error(rule->measure + " is scored twice");
    }
    rules.metrics.push_back(std::move(*rule));
  }
  return rules;
}

}  // namespace

Result<SegmentationRules> ParseSegmentationRules(std::string_view json,
                                                 const std::string& file_name) {
  auto doc = JsonDocument::Parse(json, file_name);
  if (!doc.ok()) return doc.status();
  return RulesOf(*doc);
}

Result<SegmentationRules> ReadSegmentationRules(const std::string& path) {
  auto doc = JsonDocument::Read(path);
  if (!doc.ok()) return doc.status();
  return RulesOf(*doc);
}

Result<SegmentationRules> ShippedSegmentationRules() {
  return ParseSegmentationRules(EmbeddedFile("data/oversight/segmentation.json"),
                                "segmentation.json");
}

double ScoreByQuartile(double value, std::span<const double> values, Polarity direction) {
  std::vector<double> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end());
  if (sorted.empty()) return 1;
  const double q1 = Quantile(sorted, 0.25), q2 = Quantile(sorted, 0.5), q3 = Quantile(sorted, 0.75);
  if (direction == Polarity::kLowerIsBetter)
    return value <= q1 ? 1 : value <= q2 ? 2 : value <= q3 ? 3 : 4;
  return value >= q3 ? 1 : value >= q2 ? 2 : value >= q1 ? 3 : 4;
}

double ScoreByThresholds(double value, const MetricRule& rule) {
  for (size_t i = 0; i < rule.thresholds.size(); ++i) {
    if (AtLeastAsGood(value, rule.thresholds[i], rule.direction)) return static_cast<double>(i + 1);
  }
  return 4;
}

SegmentResult Segment(const SegmentationRules& rules, std::span<const MetricScore> scores,
                      bool deficit) {
  SegmentResult r;
  if (scores.empty()) return r;
  double sum = 0;
  for (const MetricScore& s : scores) {
    sum += s.score;
    if (s.score >= 3) r.reasons.push_back(s.measure + " scored " + Decimal(s.score, 0));
  }
  r.average = sum / static_cast<double>(scores.size());
  r.segment = 4;
  for (size_t i = 0; i < rules.max_average.size(); ++i) {
    if (r.average <= rules.max_average[i]) {
      r.segment = static_cast<int>(i) + 1;
      break;
    }
  }
  r.segment_before_override = r.segment;
  if (deficit && r.segment < rules.override_best_segment) {
    r.segment = rules.override_best_segment;
    r.financial_override = true;
    r.reasons.push_back("financial override: a deficit forecast after risk sharing holds segment " +
                        std::to_string(r.segment_before_override) + " to segment " +
                        std::to_string(r.segment));
  }
  return r;
}

}  // namespace continuum
