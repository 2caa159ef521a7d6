#include "generate/annual_reviews.h"

#include <algorithm>
#include <cmath>

namespace continuum {
namespace {

// Share reviewed in a year by an average practice (QOF achievement, approx.).
struct Review {
  Condition condition;
  double share;
};
constexpr Review kReviews[] = {
    {Condition::kHypertension, 0.80}, {Condition::kDiabetes, 0.86},
    {Condition::kAsthma, 0.66},       {Condition::kCopd, 0.84},
    {Condition::kChd, 0.84},          {Condition::kHeartFailure, 0.80},
    {Condition::kAf, 0.80},           {Condition::kStrokeTia, 0.80},
    {Condition::kCkd, 0.76},          {Condition::kDementia, 0.78},
    {Condition::kSmi, 0.70},          {Condition::kEpilepsy, 0.62},
};
// What each unit of practice quality adds to the share.
constexpr double kPerQuality = 0.05;
// Reviews fall near the same day each year (SD in days).
constexpr double kReviewDaySpread = 14;

}  // namespace

double AnnualReviewShare(Condition condition, double practice_quality) {
  for (const Review& r : kReviews) {
    if (r.condition == condition) {
      return std::clamp(r.share + kPerQuality * practice_quality, 0.3, 0.95);
    }
  }
  return 0;
}

void AddAnnualReviews(const Simulation& sim, const Person& p, Rng* rng, PersonRecords* records) {
  const Window& window = sim.window;
  for (const Review& review : kReviews) {
    const int c = static_cast<int>(review.condition);
    if (p.onset[c] > p.exit || p.resolved[c] <= p.entry) continue;
    const Day anniversary = static_cast<Day>(rng->Below(365));
    for (int y = 0; y < window.years(); ++y) {
      const Day day =
          std::clamp(window.YearStart(y) + anniversary +
                         static_cast<Day>(std::lround(rng->Normal(0.0, kReviewDaySpread))),
                     window.YearStart(y), window.YearEnd(y));
      if (day < p.entry || day > p.exit || !p.Has(review.condition, day)) continue;
      const double quality = sim.practice(p.PracticeOn(day)).quality;
      if (rng->Chance(AnnualReviewShare(review.condition, quality))) {
        records->observations.push_back({day, ObservationKind::kAnnualReview, c});
      }
    }
  }
}

}  // namespace continuum
