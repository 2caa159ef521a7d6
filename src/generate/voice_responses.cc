#include "generate/voice_responses.h"

#include <algorithm>
#include <cmath>

#include "core/random.h"

namespace continuum {
namespace {

constexpr uint64_t kVoiceStream = 0x564F4943ULL;  // "VOIC"

constexpr double kFftResponsesPerListMonth = 0.0108;
constexpr double kFftPositive = 0.90;
constexpr double kFftPerQuality = 0.5;  // log-odds of a positive answer per unit of quality
constexpr double kVeryGoodOfPositive = 0.7;
// The rest: neither, poor, very poor, don't know (half of them negative: 5% in all).
constexpr double kNeither = 0.35, kPoor = 0.20, kVeryPoor = 0.30;

constexpr double kStaffResponding = 0.48;
constexpr double kRecommendPlaceToWork = 0.611, kRecommendCare = 0.650;
constexpr double kStaffPerQuality = 0.4;
constexpr double kStronglyAgreeOfAgree = 0.3;
constexpr double kNeitherOfRest = 0.5, kDisagreeOfRest = 0.35;  // then strongly disagree
constexpr int kPulseMonths[] = {4, 7, 1};                       // Q1, Q2, Q4

double Logit(double p) { return std::log(p / (1 - p)); }
double Logistic(double x) { return 1 / (1 + std::exp(-x)); }

const char* FftAnswer(double practice_quality, Rng* rng) {
  if (rng->Chance(FftPositiveShare(practice_quality)))
    return rng->Chance(kVeryGoodOfPositive) ? "very_good" : "good";
  const double u = rng->Uniform();
  return u < kNeither                       ? "neither"
         : u < kNeither + kPoor             ? "poor"
         : u < kNeither + kPoor + kVeryPoor ? "very_poor"
                                            : "dont_know";
}

const char* PulseAnswer(double national, double practice_quality, Rng* rng) {
  if (rng->Chance(StaffAgreeShare(national, practice_quality)))
    return rng->Chance(kStronglyAgreeOfAgree) ? "strongly_agree" : "agree";
  const double u = rng->Uniform();
  return u < kNeitherOfRest                     ? "neither"
         : u < kNeitherOfRest + kDisagreeOfRest ? "disagree"
                                                : "strongly_disagree";
}

}  // namespace

double FftPositiveShare(double practice_quality) {
  return Logistic(Logit(kFftPositive) + kFftPerQuality * practice_quality);
}

double StaffAgreeShare(double national, double practice_quality) {
  return Logistic(Logit(national) + kStaffPerQuality * practice_quality);
}

std::string VoiceResponsesCsv(const World& world, const Window& window,
                              const std::vector<StaffMember>& staff, uint64_t seed,
                              int64_t* responses) {
  Rng rng = Rng::ForStream(seed, kVoiceStream);
  std::string out = kVoiceResponsesHeader;
  int64_t id = 0;
  auto row = [&](const std::string& survey, const std::string& practice, Day day,
                 const char* question, const char* answer) {
    out += std::to_string(id) + ',' + survey + ',' + practice + ',' + FormatDate(day) + ',' +
           question + ',' + answer + '\n';
  };
  for (const Practice& practice : world.practices) {
    const std::string& org = world.organisations[practice.org].id;
    int members = 0;
    for (const StaffMember& s : staff) members += s.org == practice.org;
    const CivilDate first = CivilFromDay(window.start());
    for (int m = first.year * 12 + first.month - 1;; ++m) {
      const int year = m / 12, month = m % 12 + 1;
      const Day start = DayFromCivil(year, month, 1);
      if (start > window.end()) break;
      const Day end =
          std::min(window.end(), DayFromCivil(year + month / 12, month % 12 + 1, 1) - 1);
      const int fft = rng.Poisson(kFftResponsesPerListMonth * practice.list_size);
      for (int k = 0; k < fft; ++k) {
        ++id;
        const Day day = start + static_cast<Day>(rng.Below(end - start + 1));
        row("patient_fft", org, day, "overall_experience", FftAnswer(practice.quality, &rng));
      }
      if (std::find(std::begin(kPulseMonths), std::end(kPulseMonths), month) ==
          std::end(kPulseMonths))
        continue;
      for (int k = 0; k < members; ++k) {
        if (!rng.Chance(kStaffResponding)) continue;
        ++id;
        const Day day = start + static_cast<Day>(rng.Below(14));  // a two-week roll-out
        row("staff_pulse", org, day, "recommend_care",
            PulseAnswer(kRecommendCare, practice.quality, &rng));
        row("staff_pulse", org, day, "recommend_place_to_work",
            PulseAnswer(kRecommendPlaceToWork, practice.quality, &rng));
      }
    }
  }
  *responses = id;
  return out;
}

}  // namespace continuum
