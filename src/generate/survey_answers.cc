#include "generate/survey_answers.h"

#include <algorithm>

namespace continuum {
namespace {

constexpr double kAnswersPerAdultYear = 0.015;
constexpr double kGoodShare = 0.72, kGoodPerQuality = 0.06;
// Among good answers, "very good"; among the rest: neither, fairly poor, very poor.
constexpr double kVeryGood = 0.5;
constexpr double kNeither = 0.45, kFairlyPoor = 0.35;

}  // namespace

double GoodExperienceShare(double practice_quality) {
  return std::clamp(kGoodShare + kGoodPerQuality * practice_quality, 0.3, 0.95);
}

void AddSurveyAnswers(const Simulation& sim, const Person& p, Rng* rng, PersonRecords* records) {
  const Window& window = sim.window;
  for (int y = 0; y < window.years(); ++y) {
    const Day a = std::max(p.entry, window.YearStart(y));
    const Day b = std::min(p.exit, window.YearEnd(y));
    if (a > b || !rng->Chance(kAnswersPerAdultYear * (b - a + 1) / 365.0)) continue;
    const Day day = a + static_cast<Day>(rng->Below(b - a + 1));
    if ((day - p.birth) / 365.25 < 16) continue;
    const double quality = sim.practice(p.PracticeOn(day)).quality;
    int answer;  // index into kExperienceCodes
    if (rng->Chance(GoodExperienceShare(quality))) {
      answer = rng->Chance(kVeryGood) ? 0 : 1;
    } else {
      const double u = rng->Uniform();
      answer = u < kNeither ? 2 : u < kNeither + kFairlyPoor ? 3 : 4;
    }
    records->observations.push_back({day, ObservationKind::kOverallExperience, answer});
  }
}

}  // namespace continuum
