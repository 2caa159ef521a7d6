#include "generate/heart_failure_pathway.h"

#include <algorithm>
#include <cmath>

#include "generate/plants.h"

namespace continuum {
namespace {

// A community diagnostic centre's simple echocardiogram (National Cost Collection 2019-20,
// directly accessed diagnostic services, approx.).
constexpr Pence kEchocardiogramCost = 8500;
// Spread of the waits (log scale) around their medians.
constexpr double kEchoWaitSpread = 0.45, kReviewWaitSpread = 0.3;
// Cardiology first attendances cost 1.2 x the outpatient unit cost (case_mix.cc).
constexpr double kCardiologyWeight = 1.2;

Day Wait(Rng* rng, double median, double spread) {
  return std::clamp(static_cast<Day>(std::lround(rng->LogNormal(std::log(median), spread))), 1,
                    365);
}

}  // namespace

void AddHeartFailurePathway(const Simulation& sim, Rng* rng, Person* p, PersonRecords* records) {
  constexpr int kHeartFailure = static_cast<int>(Condition::kHeartFailure);
  const Day referral = p->onset[kHeartFailure];
  if (referral == kNever || referral < p->entry || referral > p->exit) return;
  const bool delayed = sim.practice(p->PracticeOn(referral)).delayed_heart_failure_pathway;
  const Day echo = referral + Wait(rng, delayed ? kDelayedEchoWaitMedianDays : kEchoWaitMedianDays,
                                   kEchoWaitSpread);
  const Day review =
      std::max(referral + Wait(rng, delayed ? kDelayedReviewWaitMedianDays : kReviewWaitMedianDays,
                               kReviewWaitSpread),
               echo + rng->Between(2, 10));
  const Providers& providers = sim.world->providers;

  const bool window_ended = p->exit == sim.window.end() && p->death == kNever;
  const ReferralOutcome outcome = review <= p->exit ? ReferralOutcome::kSeen
                                  : window_ended    ? ReferralOutcome::kPending
                                                    : ReferralOutcome::kCancelled;
  records->referrals.push_back({referral, sim.PracticeOrgOn(*p, referral), providers.acute, "320",
                                rng->Chance(0.6) ? "R06.0" : "I50.9", outcome});
  if (echo <= p->exit) {
    records->events.push_back({.date = echo,
                               .setting = Setting::kCommunity,
                               .provider = providers.community,
                               .specialty = "320",
                               .diagnosis = "I50.9",
                               .procedure = kEchocardiogram,
                               .cost = kEchocardiogramCost});
  }
  if (review <= p->exit) {
    const Pence unit = sim.costs->of[static_cast<int>(Setting::kOutpatientFirst)];
    records->events.push_back({.date = review,
                               .setting = Setting::kOutpatientFirst,
                               .provider = providers.acute,
                               .specialty = "320",
                               .diagnosis = "I50.9",
                               .cost = static_cast<Pence>(std::llround(unit * kCardiologyWeight *
                                                                       rng->Uniform(0.9, 1.1)))});
  }
  // Heart failure is recorded when the cardiologist confirms it; until then it is only suspected.
  p->onset[kHeartFailure] = review <= p->exit ? review : kNever;
}

}  // namespace continuum
