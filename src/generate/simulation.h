// Everything a person's simulation reads, built once per run and shared by all threads.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "core/random.h"
#include "generate/case_mix.h"
#include "generate/conditions.h"
#include "generate/organisations.h"
#include "generate/places.h"
#include "generate/plan.h"
#include "generate/rates.h"
#include "generate/window.h"

namespace continuum {

inline constexpr int64_t kFirstPatientId = 100001;

// How much a person's health varies from one year to the next, beyond their lasting frailty and
// conditions: the log-sd of the yearly health state (docs/calibration.md, "How predictable a
// person's cost is").
inline constexpr double kHealthStateSd = 0.7;

// A person's independent random streams: the main one the life course, care and end of life
// draw from in turn, and one for each care process that plants a measured truth, so that such a
// process can change without moving any other draw of the person.
enum class PersonStream : uint64_t {
  kMain,
  kHeartFailurePathway,
  kAnticoagulation,
  kDischargeFollowUp,
  kAnnualReviews,
  kAdvanceCarePlanning,
  kSurveyAnswers,
  kHealthState,      // the yearly health state, read by hospital, community and primary care alike
  kSelection,        // planted risk selection (selection.h)
  kUpcoding,         // planted coding intensity (selection.h)
  kCareAdjustments,  // personalised care adjustments (care_adjustments.h)
};

struct PlantedSelection;
struct PlantedUpcoding;

struct Simulation {
  const World* world = nullptr;
  const Places* places = nullptr;
  const Plan* plan = nullptr;
  const ConditionModel* conditions = nullptr;
  const RateModel* rates = nullptr;
  const UnitCosts* costs = nullptr;
  Window window{3};
  uint64_t seed = 0;
  bool plant_effects = true;  // GeneratorOptions::plant_effects
  // Risk selection planted on ICOs (selection.h), each with its top decile's threshold; none when
  // null or empty.
  const std::vector<PlantedSelection>* selections = nullptr;
  // Coding intensity planted on ICOs (selection.h); none when null or empty.
  const std::vector<PlantedUpcoding>* upcodings = nullptr;
  // More care adjustments planted on ICOs (care_adjustments.h: the percentage more, in the year
  // PrepareUpcoding picks); none when null or empty.
  const std::vector<PlantedUpcoding>* exceptions = nullptr;

  const Practice& practice(int i) const { return world->practices[i]; }
  // The first window year, `earliest` or later, whose first day and the first day of the year
  // before both find `practice` a member of an ICO; -1 if none.
  int FirstYearLiveAYear(int practice, int earliest) const {
    for (int y = std::max(earliest, 1); y < window.years(); ++y) {
      if (world->IsMemberOn(practice, window.YearStart(y - 1)) &&
          world->IsMemberOn(practice, window.YearStart(y))) {
        return y;
      }
    }
    return -1;
  }
  // The person's stream (person indexes stay far below 2^40).
  Rng PersonRng(int64_t index, PersonStream stream) const {
    return Rng::ForStream(seed, static_cast<uint64_t>(stream) << 40 | static_cast<uint64_t>(index));
  }
  // The person's health state in window year `year` (-2 for the year two before the window, up
  // to years() - 1): a log-normal multiplier with mean 1 on their use of hospital, community and
  // GP care that year, independent between years. An illness, a fall or a recovery changes how
  // much care someone needs in a way last year's records cannot show: one reason a person's cost
  // is so much less predictable than their risk (a person-based model explains about 12% of it,
  // Dixon et al. 2011).
  double HealthState(int64_t index, int year) const {
    Rng rng = PersonRng(index, PersonStream::kHealthState);
    double z = 0;
    for (int y = -2; y <= year; ++y) z = rng.Normal();
    return std::exp(kHealthStateSd * z - 0.5 * kHealthStateSd * kHealthStateSd);
  }
  // The organisation index of the practice a person is registered with on `day`.
  int PracticeOrgOn(const Person& person, Day day) const {
    return world->practices[person.PracticeOn(day)].org;
  }
};

}  // namespace continuum
