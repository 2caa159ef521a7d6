// How well predicted risks match what happened: discrimination (the c-statistic, the people
// flagged at the top of the risk list) and calibration (predicted against observed by group of
// risk, the Hosmer–Lemeshow statistic, the Brier score), from each person's predicted
// probability and 0/1 outcome.
//
//   Result<RiskRanking> ranking = RiskRanking::Make(scores.probability, admitted);
//   Result<double> c = CStatistic(*ranking);
//   TopRisk top = FlagTopRisk(*ranking, 1.0);            // the highest-risk 1%: PPV, sensitivity
//   std::vector<CalibrationGroup> deciles = CalibrationByRisk(*ranking, 10);
//   HosmerLemeshow fit = HosmerLemeshowTest(deciles);
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/status.h"

namespace continuum {

// The people ordered from highest predicted risk to lowest, sorted once and shared by the
// measures below. People with the same probability keep their input order, so everything here
// is a deterministic function of the input.
class RiskRanking {
 public:
  // InvalidInput when the spans differ in length or are empty, a probability is NaN or outside
  // [0, 1], or an outcome is not 0 or 1.
  static Result<RiskRanking> Make(std::span<const double> probability,
                                  std::span<const uint8_t> outcome);

  size_t size() const { return probability_.size(); }
  int64_t events() const { return events_; }
  // The person of rank r (0 is the highest risk): their probability and outcome.
  double probability(size_t rank) const { return probability_[rank]; }
  uint8_t outcome(size_t rank) const { return outcome_[rank]; }

 private:
  std::vector<double> probability_;  // descending
  std::vector<uint8_t> outcome_;     // in the same order
  int64_t events_ = 0;               // outcomes of 1
};

// The area under the ROC curve: the chance that a person with the outcome has a higher
// predicted risk than one without, counting a tie as one half. O(n) on the ranking.
// InvalidInput when everyone has the same outcome.
Result<double> CStatistic(const RiskRanking& ranking);

// The mean of (probability - outcome)²: 0 for perfect predictions, 0.25 for 0.5 throughout.
double BrierScore(const RiskRanking& ranking);

// The people flagged as the highest-risk `percent` per cent: the round(n × percent / 100)
// highest ranks (halves rounded up), so ties at the cut-off are split by input order.
struct TopRisk {
  double percent = 0;
  int64_t flagged = 0;
  int64_t true_positives = 0;  // flagged people who had the outcome
  double threshold = 0;        // the lowest probability flagged (1 when no one is)
  double ppv = 0;              // positive predictive value: true_positives / flagged
  double sensitivity = 0;      // true_positives / everyone with the outcome
};
TopRisk FlagTopRisk(const RiskRanking& ranking, double percent);

// One group of predicted risk: group g of G holds ranks, counted from the lowest risk, in
// [n·g/G, n·(g+1)/G), so groups differ in size by one at most and ties at a boundary are split
// by input order. A confidence interval for the observed rate is the caller's choice (events of
// people).
struct CalibrationGroup {
  int64_t people = 0;
  int64_t events = 0;              // outcomes of 1
  double expected = 0;             // the sum of predicted probabilities
  double mean_predicted = 0;       // expected / people
  double observed_rate = 0;        // events / people
  double lowest = 0, highest = 0;  // the group's range of predicted probability
};
// `groups` groups from the lowest predicted risk to the highest (10: deciles); groups > 0.
std::vector<CalibrationGroup> CalibrationByRisk(const RiskRanking& ranking, int groups = 10);

// Σ (observed - expected)² / (expected × (1 - expected / people)) over the groups, on groups - 2
// degrees of freedom; `p_value` from the chi-squared distribution (a small value says the
// predictions are miscalibrated, though with a million people almost any difference is
// significant; NaN with fewer than 3 groups). Empty groups are left out; a group whose
// expected count is 0 or equal to its size adds nothing to the statistic.
struct HosmerLemeshow {
  double statistic = 0;
  int degrees_of_freedom = 0;
  double p_value = 1;
};
HosmerLemeshow HosmerLemeshowTest(const std::vector<CalibrationGroup>& groups);

}  // namespace continuum
